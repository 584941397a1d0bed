import type { ExplorerLabelFragment } from '../client/generated/graphql';
import { paperAnchor } from '../common/paper-anchor';
import { el } from './dom-helpers';

/** One colour per type, each dark enough for text on white (WCAG AA, 4.5:1). */
export const TYPE_COLOURS: Record<string, string> = {
  Sector: '#0e7490',
  Task: '#b45309',
  Model: '#1d4ed8',
  Dataset: '#047857',
  Metric: '#7c3aed',
  Result: '#92400e',
  Comparison: '#374151',
  Risk: '#b91c1c',
  Mitigation: '#be185d',
  Citation: '#4b5563',
};

/** The SearchType of each __typename, for the `types` filter of neighbors. */
export const SEARCH_TYPES: Record<string, string> = Object.fromEntries(
  Object.keys(TYPE_COLOURS).map((t) => [t, t.toUpperCase()]),
);

/** How an entity is named wherever it appears. */
export function labelOf(node: ExplorerLabelFragment): string {
  switch (node.__typename) {
    case 'Citation':
      return `[${node.number}]${node.label ? ` ${node.label}` : ''}`;
    case 'Result':
      return `${node.model.name}: ${node.display}`;
    case 'Comparison':
      return `Comparison on ${node.task.name}`;
    default:
      return node.name;
  }
}

export const entityHref = (id: string) => `#/entity/${encodeURIComponent(id)}`;
export const graphHref = (id: string, depth = 1) => `#/graph/${encodeURIComponent(id)}?depth=${depth}`;

export function typeBadge(type: string): HTMLElement {
  return el('span', { class: `type-badge type-${type}` }, type);
}

/** A link to an entity's page, with its type. */
export function entityLink(node: ExplorerLabelFragment): HTMLElement {
  return el(
    'a',
    { href: entityHref(node.id), class: 'entity-link', 'data-id': node.id },
    typeBadge(node.__typename),
    ' ',
    labelOf(node),
  );
}

/**
 * Where in the paper's text (/paper) a source is: its section's anchor, and, for a sentence of prose,
 * a text fragment that the browser scrolls to and highlights.
 */
export function paperHref(location: string, quote?: string | null): string {
  const anchor = paperAnchor(location);
  const words = quote && !quote.trim().startsWith('|') ? quote.replace(/["“”]/g, '').trim().split(/\s+/) : [];
  if (words.length < 3) return `/paper#${anchor}`;
  return `/paper#${anchor}:~:text=${encodeURIComponent(words.slice(0, 6).join(' '))}`;
}
