import type { ExplorerLabelFragment } from '../client/generated/graphql';
import { runOperation } from './api-client';
import { el, errorBox } from './dom-helpers';
import { labelOf, typeBadge } from './entity-links';

export interface EntityPicker {
  element: HTMLElement;
  /** the chosen entity's id, or null */
  value(): string | null;
}

/**
 * A labelled search box whose hits are buttons: choosing one (click, or Enter on it) sets the value.
 * `onPick` runs after each choice.
 */
export function entityPicker(
  name: string,
  label: string,
  initial: string | null,
  onPick: (id: string) => void = () => undefined,
): EntityPicker {
  let chosen = initial;
  const input = el('input', { id: `${name}-input`, type: 'search', autocomplete: 'off' });
  const hits = el('ul', { class: 'picker-hits', 'aria-label': `${label}: matches` });
  const status = el(
    'p',
    { class: 'picker-chosen', 'aria-live': 'polite' },
    chosen ? 'An entity is chosen.' : '',
  );
  const choose = (node: ExplorerLabelFragment) => {
    chosen = node.id;
    hits.replaceChildren();
    status.replaceChildren('Chosen: ', typeBadge(node.__typename), ' ', labelOf(node));
    status.dataset.id = node.id;
    onPick(node.id);
  };
  let latest = 0;
  let timer: number | undefined;
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      const ticket = ++latest;
      if (!input.value.trim()) return hits.replaceChildren();
      runOperation('ExplorerSearch', { query: input.value, first: 8 }).then(
        ({ data }) => {
          if (ticket !== latest) return;
          hits.replaceChildren(
            ...[...data.search, ...data.searchText.edges.map((e) => e.node)]
              .filter((node, i, all) => all.findIndex((n) => n.id === node.id) === i)
              .slice(0, 8)
              .map((node) =>
                el(
                  'li',
                  {},
                  el(
                    'button',
                    { type: 'button', class: 'pick', onclick: () => choose(node) },
                    typeBadge(node.__typename),
                    ' ',
                    labelOf(node),
                  ),
                ),
              ),
          );
        },
        (error: unknown) => hits.replaceChildren(el('li', {}, errorBox(error))),
      );
    }, 150);
  });
  return {
    element: el(
      'div',
      { class: 'picker', 'data-picker': name },
      el('label', { for: `${name}-input` }, label),
      input,
      hits,
      status,
    ),
    value: () => chosen,
  };
}
