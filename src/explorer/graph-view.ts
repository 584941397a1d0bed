import cytoscape from 'cytoscape';
import type {
  ExplorerLabelFragment,
  ExplorerNeighborsQuery,
  ExplorerPathQuery,
  SearchType,
} from '../client/generated/graphql';
import { runOperation } from './api-client';
import { dataTable, el, errorBox, routeParams, showView } from './dom-helpers';
import { entityLink, graphHref, labelOf, SEARCH_TYPES, TYPE_COLOURS } from './entity-links';
import { entityPicker } from './entity-picker';
import { operationPanel } from './operation-panel';

interface Edge {
  relation: string;
  from: string;
  to: string;
}

/** How many relations each node is from the center, for the rings of the drawing. */
function distances(center: string, edges: Edge[]): Map<string, number> {
  const far = new Map([[center, 0]]);
  let frontier = [center];
  while (frontier.length) {
    const next: string[] = [];
    for (const e of edges) {
      for (const [a, b] of [
        [e.from, e.to],
        [e.to, e.from],
      ]) {
        if (frontier.includes(a) && !far.has(b)) {
          far.set(b, far.get(a)! + 1);
          next.push(b);
        }
      }
    }
    frontier = next;
  }
  return far;
}

/** A Cytoscape drawing of nodes and edges, coloured by type; `highlight` marks the path's elements. */
function drawGraph(
  container: HTMLElement,
  nodes: ExplorerLabelFragment[],
  edges: Edge[],
  options: { center?: string; layout: 'rings' | 'line'; onTap?: (id: string) => void },
): cytoscape.Core {
  const far = options.center ? distances(options.center, edges) : new Map<string, number>();
  const cy = cytoscape({
    container,
    elements: [
      ...nodes.map((n) => ({
        data: { id: n.id, label: labelOf(n), colour: TYPE_COLOURS[n.__typename], type: n.__typename },
        classes: n.id === options.center ? 'center' : '',
      })),
      ...edges.map((e, i) => ({ data: { id: `e${i}`, source: e.from, target: e.to, label: e.relation } })),
    ],
    style: [
      {
        selector: 'node',
        style: {
          'background-color': 'data(colour)',
          label: 'data(label)',
          color: '#111827',
          'font-size': 10,
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'text-wrap': 'ellipsis',
          'text-max-width': '120px',
          width: 18,
          height: 18,
        },
      },
      {
        selector: 'node.center',
        style: { width: 30, height: 30, 'border-width': 3, 'border-color': '#111827' },
      },
      {
        selector: 'edge',
        style: {
          width: 1.5,
          'line-color': '#6b7280',
          'target-arrow-color': '#6b7280',
          'target-arrow-shape': 'triangle',
          'curve-style': 'bezier',
          label: options.layout === 'line' ? 'data(label)' : '',
          'font-size': 9,
          color: '#374151',
        },
      },
      {
        selector: 'edge.path',
        style: { width: 4, 'line-color': '#dc2626', 'target-arrow-color': '#dc2626' },
      },
    ],
    layout:
      options.layout === 'rings'
        ? {
            name: 'concentric',
            concentric: (node: cytoscape.NodeSingular) => 10 - (far.get(node.id()) ?? 9),
            levelWidth: () => 1,
            minNodeSpacing: 12,
            animate: false,
          }
        : { name: 'grid', rows: 1, animate: false },
    // a few nodes would otherwise be zoomed to fill the box, their labels huge
    maxZoom: 1.6,
    userZoomingEnabled: true,
    boxSelectionEnabled: false,
  });
  if (options.layout === 'line') cy.edges().addClass('path');
  if (options.onTap)
    cy.on('tap', 'node', (event) => options.onTap!((event.target as cytoscape.NodeSingular).id()));
  return cy;
}

function graphBox(label: string, shape: 'rings' | 'line' = 'rings'): HTMLElement {
  return el('div', { class: `graph graph-${shape}`, role: 'img', 'aria-label': label });
}

/** The nodes and relations as tables: the drawing's text alternative, and its keyboard way in. */
function graphTables(nodes: ExplorerLabelFragment[], edges: Edge[], depth: number): HTMLElement[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return [
    dataTable(
      `Entities (${nodes.length})`,
      ['entity', 'type', 're-centre'],
      nodes.map((n) => [
        entityLink(n),
        n.__typename,
        el('a', { href: graphHref(n.id, depth), 'aria-label': `Re-centre on ${labelOf(n)}` }, 'Re-centre'),
      ]),
    ),
    dataTable(
      `Relations (${edges.length})`,
      ['from', 'relation', 'to'],
      edges.map((e) => [
        byId.get(e.from) ? labelOf(byId.get(e.from)!) : e.from,
        e.relation,
        byId.get(e.to) ? labelOf(byId.get(e.to)!) : e.to,
      ]),
    ),
  ];
}

/** The neighbourhood of one entity to depth 1-3, filtered by type, click (or a table link) to re-centre. */
export async function renderNeighbours(view: HTMLElement, id: string | null): Promise<void> {
  if (!id) {
    const picker = entityPicker('center', 'Entity to centre the graph on', null, (picked) => {
      location.hash = graphHref(picked);
    });
    showView(view, 'Neighbourhood graph', el('p', {}, 'Find an entity, then choose it.'), picker.element);
    return;
  }
  const params = routeParams();
  const depth = Math.min(3, Math.max(1, Number(params.get('depth')) || 1));
  const types = params.get('types')?.split(',').filter(Boolean) ?? [];
  showView(view, 'Loading…');
  try {
    const { data, ran } = await runOperation('ExplorerNeighbors', {
      id,
      depth,
      types: types.length ? (types as SearchType[]) : null,
    });
    renderNeighbourhood(view, data.neighbors, depth, types);
    view.appendChild(operationPanel(ran));
  } catch (error) {
    showView(view, 'Error', errorBox(error));
  }
}

function renderNeighbourhood(
  view: HTMLElement,
  hood: ExplorerNeighborsQuery['neighbors'],
  depth: number,
  types: string[],
): void {
  const nodes = [hood.center, ...hood.nodes];
  const edges = hood.edges.map((e) => ({ relation: e.relation, from: e.from.id, to: e.to.id }));
  const go = (next: { depth?: number; types?: string[] }) => {
    const t = next.types ?? types;
    location.hash = `${graphHref(hood.center.id, next.depth ?? depth)}${t.length ? `&types=${t.join(',')}` : ''}`;
  };
  const depthSelect = el(
    'select',
    {
      id: 'depth-select',
      onchange: (e: Event) => go({ depth: Number((e.target as HTMLSelectElement).value) }),
    },
    ...[1, 2, 3].map((d) => el('option', { value: d, selected: d === depth }, String(d))),
  );
  const filters = el(
    'fieldset',
    { class: 'type-filter' },
    el('legend', {}, 'Show only these types (none checked: every type)'),
    ...Object.keys(TYPE_COLOURS).map((type) =>
      el(
        'label',
        { class: `type-option type-${type}` },
        el('input', {
          type: 'checkbox',
          value: SEARCH_TYPES[type],
          checked: types.includes(SEARCH_TYPES[type]),
          onchange: () =>
            go({
              types: [...filters.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value),
            }),
        }),
        ' ',
        type,
      ),
    ),
  );
  const box = graphBox(
    `Graph of ${labelOf(hood.center)} and ${hood.nodes.length} neighbours; the tables below list them`,
  );
  showView(
    view,
    `Neighbourhood of ${labelOf(hood.center)}`,
    el(
      'div',
      { class: 'controls' },
      el('label', { for: 'depth-select' }, 'Depth '),
      depthSelect,
      ' ',
      entityLink(hood.center),
    ),
    filters,
    el(
      'p',
      { class: 'count', 'data-count': hood.nodes.length },
      `${hood.nodes.length} entities within ${depth} ${depth === 1 ? 'relation' : 'relations'}, ${edges.length} relations. Click a node to re-centre.`,
    ),
    legend(),
    box,
    ...graphTables(nodes, edges, depth),
  );
  drawGraph(box, nodes, edges, {
    center: hood.center.id,
    layout: 'rings',
    onTap: (picked) => {
      if (picked !== hood.center.id) location.hash = graphHref(picked, depth);
    },
  });
}

function swatch(colour: string): HTMLElement {
  const span = el('span', { class: 'swatch' });
  // through the CSSOM, which the page's CSP allows
  span.style.backgroundColor = colour;
  return span;
}

function legend(): HTMLElement {
  return el(
    'ul',
    { class: 'legend', 'aria-label': 'Colours of the types' },
    ...Object.entries(TYPE_COLOURS).map(([type, colour]) => el('li', {}, swatch(colour), type)),
  );
}

/** The chain of relations between two entities, drawn with its edges highlighted and listed step by step. */
export async function renderPath(view: HTMLElement): Promise<void> {
  const params = routeParams();
  const from = entityPicker('from', 'From', params.get('from'));
  const to = entityPicker('to', 'To', params.get('to'));
  const output = el('div', { id: 'path-output', 'aria-live': 'polite' });
  const find = el('button', { type: 'button', id: 'find-path' }, 'Find the path');
  find.addEventListener('click', () => {
    if (!from.value() || !to.value()) {
      output.replaceChildren(el('p', { role: 'alert' }, 'Choose both ends first.'));
      return;
    }
    history.replaceState(
      null,
      '',
      `#/path?from=${encodeURIComponent(from.value()!)}&to=${encodeURIComponent(to.value()!)}`,
    );
    void showPath(output, from.value()!, to.value()!);
  });
  showView(
    view,
    'Path between two entities',
    el('div', { class: 'pickers' }, from.element, to.element),
    find,
    output,
  );
  if (from.value() && to.value()) await showPath(output, from.value()!, to.value()!);
}

/** The path's entities in order from `start`, and each step's relation with the way it points. */
function chainFrom(start: string, path: NonNullable<ExplorerPathQuery['path']>) {
  let at = path[0].from.id === start ? path[0].from : path[0].to;
  const nodes = [at];
  const steps = path.map((step) => {
    // a step's from/to follow the field that declares the relation, not the way the chain reads
    const forward = step.from.id === at.id;
    at = forward ? step.to : step.from;
    nodes.push(at);
    return { relation: step.relation, forward };
  });
  return { nodes, steps };
}

async function showPath(output: HTMLElement, from: string, to: string): Promise<void> {
  output.replaceChildren(el('p', {}, 'Looking for a path…'));
  try {
    const { data, ran } = await runOperation('ExplorerPath', { from, to });
    const path = data.path;
    if (path === null || path.length === 0) {
      const text =
        path === null ? 'No chain of at most 6 relations joins them.' : 'Both ends are the same entity.';
      output.replaceChildren(el('p', { class: 'count', 'data-steps': 0 }, text), operationPanel(ran));
      return;
    }
    const { nodes, steps } = chainFrom(from, path);
    const box = graphBox('The path drawn as a chain; the table below lists its steps', 'line');
    output.replaceChildren(
      el(
        'p',
        { class: 'count', 'data-steps': path.length },
        `${path.length} ${path.length === 1 ? 'relation' : 'relations'} from ${labelOf(nodes[0])} to ${labelOf(nodes[nodes.length - 1])}.`,
      ),
      box,
      dataTable(
        'Steps of the path',
        ['from', 'relation', 'to'],
        steps.map((s, i) => [
          entityLink(nodes[i]),
          s.forward ? `${s.relation} →` : `← ${s.relation}`,
          entityLink(nodes[i + 1]),
        ]),
      ),
      operationPanel(ran),
    );
    const chain: Edge[] = steps.map((s, i) => ({
      relation: s.relation,
      from: nodes[i].id,
      to: nodes[i + 1].id,
    }));
    drawGraph(box, nodes, chain, { layout: 'line' });
  } catch (error) {
    output.replaceChildren(errorBox(error));
  }
}
