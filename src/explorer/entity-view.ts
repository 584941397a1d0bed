import type { ExplorerEntityQuery, ExplorerLabelFragment } from '../client/generated/graphql';
import { runOperation } from './api-client';
import { append, el, errorBox, showView } from './dom-helpers';
import { entityLink, graphHref, labelOf, paperHref, typeBadge } from './entity-links';
import { operationPanel } from './operation-panel';

type Entity = NonNullable<ExplorerEntityQuery['node']>;
type Source = { location: string; quote: string | null; url?: string | null };
type Fact = [string, string | number | null | undefined];

/** What an entity page shows: facts, where they come from, what the paper leaves open, relations. */
interface Description {
  facts: Fact[];
  source?: Source;
  notes?: string | null;
  relations: [string, ExplorerLabelFragment[]][];
  /** what a type has besides: a reference's mentions, a risk's figures */
  more?: HTMLElement[];
}

const list = (values: string[]) => (values.length ? values.join(', ') : null);
const single = (node: ExplorerLabelFragment | null | undefined) => (node ? [node] : []);

function describe(node: Entity): Description {
  switch (node.__typename) {
    case 'Model':
      return {
        facts: [
          ['Type', node.type ?? 'not given'],
          ['Access', node.access],
          ['Parameters', node.parameters.display],
          ['Also called', list(node.aliases)],
          ['Training data', node.trainingDataNote],
        ],
        source: node.source,
        notes: node.notes,
        relations: [
          ['Sectors', node.sectors],
          ['Trained on', node.trainedOn],
          ['Results', node.results],
          ['Risks it illustrates', node.risks],
          ['References', node.citations],
        ],
      };
    case 'Dataset':
      return {
        facts: [
          ['Access', node.access],
          ['Scale', node.scale],
          ['Size', node.size.display],
          ['Modalities', list(node.modalities)],
          ['Purpose', node.purpose],
          ['Also called', list(node.aliases)],
        ],
        source: node.source,
        notes: node.notes,
        relations: [
          ['Sector', single(node.datasetSector)],
          ['Models trained on it', node.usedToTrain.nodes],
          ['Results measured on it', node.evaluations.nodes],
          ['Risks it illustrates', node.risks],
          ['References', node.citations],
        ],
      };
    case 'Task':
      return {
        facts: [],
        source: node.source,
        notes: node.notes,
        relations: [
          ['Sector', single(node.sector)],
          ['Results', node.resultPage.nodes],
          ['References', node.citations],
        ],
      };
    case 'Metric':
      return {
        facts: [
          ['Direction', node.higherIsBetter ? 'higher is better' : 'lower is better'],
          ['Unit', node.unit ?? 'none'],
          ['Also called', list(node.aliases)],
        ],
        source: node.source,
        notes: node.notes,
        relations: [
          ['Results', node.resultPage.nodes],
          ['References', node.citations],
        ],
      };
    case 'Sector':
      return {
        facts: [
          ['Section', node.section],
          ['Summary', node.summary],
        ],
        source: node.source,
        notes: node.notes,
        relations: [
          ['Tasks', node.taskPage.nodes],
          ['Models', node.modelPage.nodes],
          ['Datasets', node.datasetPage.nodes],
          ['Risks', node.risks],
        ],
      };
    case 'Result':
      return {
        facts: [
          ['Value', node.display],
          ['Bound', node.bound === 'AT_LEAST' ? 'at least this value' : node.bound.toLowerCase()],
          ['Setting', node.setting],
        ],
        source: node.source,
        notes: node.notes,
        relations: [
          ['Model', [node.model]],
          ['Task', [node.task]],
          ['Dataset', single(node.dataset)],
          ['Metric', [node.metric]],
          ['References', node.citations],
        ],
      };
    case 'Risk':
      return {
        facts: [['Summary', node.summary]],
        source: node.source,
        notes: node.notes,
        relations: [
          ['Example models', node.models],
          ['Example datasets', node.datasets],
          ['Sectors', node.sectors],
          ['Mitigations', node.mitigations],
          ['References', node.citations],
        ],
        more: node.figures.length
          ? [
              el('h2', {}, 'Figures'),
              el(
                'ul',
                {},
                ...node.figures.map((f) => el('li', {}, `${f.label}: ${f.display} `, sourceLink(f.source))),
              ),
            ]
          : [],
      };
    case 'Mitigation':
      return {
        facts: [['Description', node.description]],
        source: node.source,
        notes: node.notes,
        relations: [
          ['Risk it mitigates', [node.risk]],
          ['References', node.citations],
        ],
      };
    case 'Citation':
      return {
        facts: [
          ['Number', node.number],
          ['Label', node.label],
        ],
        notes: node.notes,
        relations: [['Supports', node.supports]],
        more: [
          el('h2', {}, `Mentions (${node.mentions.length})`),
          el(
            'ul',
            { class: 'mentions' },
            ...node.mentions.map((m) =>
              el(
                'li',
                {},
                el('a', { href: paperHref(m.section, m.sentence) }, m.section),
                ': ',
                el('q', {}, m.sentence),
              ),
            ),
          ),
        ],
      };
    case 'Comparison':
      return {
        facts: [
          ['Improvement', node.improvement],
          [
            'Relative improvement',
            node.relativeImprovement === null ? null : `${(node.relativeImprovement * 100).toFixed(1)}%`,
          ],
        ],
        source: node.source,
        notes: node.notes,
        relations: [
          ['Prior art', [node.baseline]],
          ['Large AI model', [node.challenger]],
          ['Metric', [node.metric]],
          ['Dataset', single(node.dataset)],
        ],
      };
  }
}

function sourceLink(source: Source): HTMLElement {
  // a source outside the paper (the companion list's line) links to itself, not into /paper
  if (source.url)
    return el('a', { href: source.url, class: 'source-link', rel: 'noopener noreferrer' }, source.location);
  return el('a', { href: paperHref(source.location, source.quote), class: 'source-link' }, source.location);
}

function sourceBlock(source: Source): HTMLElement {
  return el(
    'section',
    { class: 'source', 'aria-labelledby': 'source-heading' },
    el('h2', { id: 'source-heading' }, 'Source'),
    el('p', {}, 'Location: ', sourceLink(source)),
    source.quote ? el('blockquote', { class: 'quote' }, source.quote) : el('p', {}, 'No verbatim quote.'),
  );
}

/** The page of any entity, by global id. */
export async function renderEntity(view: HTMLElement, id: string): Promise<void> {
  showView(view, 'Loading…');
  try {
    const { data, ran } = await runOperation('ExplorerEntity', { id });
    const node = data.node;
    if (!node) {
      showView(view, 'Not found', el('p', {}, `No entity has the id ${id}.`), operationPanel(ran));
      return;
    }
    const d = describe(node);
    showView(view, labelOf(node), operationPanel(ran));
    const heading = view.querySelector('h1')!;
    heading.prepend(typeBadge(node.__typename), ' ');
    append(view, [
      el('p', {}, el('a', { href: graphHref(node.id), class: 'button' }, 'Show its neighbourhood graph')),
      d.facts.some(([, v]) => v !== null && v !== undefined && v !== '')
        ? el(
            'dl',
            { class: 'facts' },
            ...d.facts
              .filter(([, v]) => v !== null && v !== undefined && v !== '')
              .flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))]),
          )
        : null,
      d.source ? sourceBlock(d.source) : null,
      d.notes
        ? el(
            'aside',
            { class: 'note', 'aria-label': 'Note on ambiguity' },
            el('strong', {}, 'Note: '),
            'what the paper leaves ambiguous. ',
            d.notes,
          )
        : null,
      ...(d.more ?? []),
      ...d.relations
        .filter(([, nodes]) => nodes.length > 0)
        .map(([title, nodes]) =>
          el(
            'section',
            { class: 'relation' },
            el('h2', {}, `${title} (${nodes.length})`),
            el('ul', {}, ...nodes.map((n) => el('li', {}, entityLink(n)))),
          ),
        ),
    ]);
    // the operation panel stays last, after what it produced
    view.appendChild(view.querySelector('details.operation')!);
  } catch (error) {
    showView(view, 'Error', errorBox(error));
  }
}
