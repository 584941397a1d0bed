import type { ExplorerLabelFragment, ExplorerSearchQuery } from '../client/generated/graphql';
import { runOperation } from './api-client';
import { el, errorBox, markedSnippet, routeParams, showView } from './dom-helpers';
import { entityLink } from './entity-links';
import { operationPanel } from './operation-panel';

type Hit = {
  node: ExplorerLabelFragment;
  field: string;
  snippet: string | null;
};

/**
 * Name matches first, then the full-text hits not among them, each entity once with the snippet of
 * its best text, grouped by type in the order their first hit ranks.
 */
function grouped(data: ExplorerSearchQuery): Map<string, Hit[]> {
  const text = new Map(data.searchText.edges.map((e) => [e.node.id, e]));
  const hits: Hit[] = [
    ...data.search.map((node) => ({ node, field: 'name', snippet: text.get(node.id)?.snippet ?? null })),
    ...data.searchText.edges
      .filter((e) => !data.search.some((n) => n.id === e.node.id))
      .map((e) => ({ node: e.node, field: e.field, snippet: e.snippet })),
  ];
  const groups = new Map<string, Hit[]>();
  for (const hit of hits) groups.set(hit.node.__typename, [...(groups.get(hit.node.__typename) ?? []), hit]);
  return groups;
}

function resultsOf(data: ExplorerSearchQuery, query: string): HTMLElement {
  const groups = grouped(data);
  const total = [...groups.values()].reduce((sum, hits) => sum + hits.length, 0);
  return el(
    'div',
    { class: 'search-results' },
    el(
      'p',
      { class: 'count', 'data-count': total },
      `${total} ${total === 1 ? 'entity matches' : 'entities match'} “${query}”: `,
      `${data.search.length} by name, ${data.searchText.totalCount} by their texts`,
    ),
    ...[...groups].map(([type, hits]) =>
      el(
        'section',
        { class: 'hit-group', 'data-type': type },
        el('h2', {}, `${type} (${hits.length})`),
        el(
          'ul',
          {},
          ...hits.map((hit) =>
            el(
              'li',
              {},
              entityLink(hit.node),
              el('span', { class: 'field' }, ` matched in ${hit.field}`),
              hit.snippet ? [': ', markedSnippet(hit.snippet)] : null,
            ),
          ),
        ),
      ),
    ),
  );
}

/** Search as you type: each pause in typing runs searchText; an answer to an older query is dropped. */
export function renderSearch(view: HTMLElement): void {
  const input = el('input', {
    id: 'search-input',
    type: 'search',
    autocomplete: 'off',
    placeholder: 'e.g. esm, hallucination, chest x-ray',
  });
  const output = el('div', { id: 'search-output', 'aria-live': 'polite' });
  showView(
    view,
    'Search the graph',
    el(
      'form',
      { role: 'search', onsubmit: (e: Event) => e.preventDefault() },
      el(
        'label',
        { for: 'search-input' },
        'Words to find in names, summaries, quotes and the paper’s sentences',
      ),
      input,
    ),
    output,
  );
  let latest = 0;
  let timer: number | undefined;
  const search = async (query: string) => {
    const ticket = ++latest;
    history.replaceState(null, '', `#/search?q=${encodeURIComponent(query)}`);
    if (query.trim() === '') return output.replaceChildren();
    try {
      const { data, ran } = await runOperation('ExplorerSearch', { query, first: 50 });
      if (ticket === latest) output.replaceChildren(resultsOf(data, query), operationPanel(ran));
    } catch (error) {
      if (ticket === latest) output.replaceChildren(errorBox(error));
    }
  };
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    // a short pause, so that each keystroke does not become a request
    timer = window.setTimeout(() => void search(input.value), 150);
  });
  input.value = routeParams().get('q') ?? '';
  input.focus();
  if (input.value) void search(input.value);
}
