import { SortDirection } from '../../../common/graph/enums';
import { SortKey } from '../../../common/keyset';
import { BY_POSITION } from '../../../common/root-connection';
import { Citation } from './citation.entity';
import { CitationOrder } from './citation-order.input';
import { CitationSortField } from './citation-sort-field.enum';
import { LiteratureContext } from '../loaders';

/** The sort keys of `citations(orderBy:)` for the alias `c`, each row's key for its cursor, and what it needs loaded. */
export interface CitationOrderKeys {
  keys: SortKey[];
  keyOf: (c: Citation) => unknown[];
  loadKeys?: (rows: Citation[]) => Promise<unknown>;
}

// A count is never NULL (a reference with no mention counts 0), so cursors compare it as it is; the
// loaders read the same rows the count counts, and the page's `mentions`/`supports` reuse them.
const COUNTED = {
  [CitationSortField.MENTION_COUNT]: {
    expression: '(SELECT COUNT(*) FROM mentions mc WHERE mc."citationId" = c.id)',
    load: (ctx: LiteratureContext, id: string) => ctx.loaders.mentionsByCitation.load(id),
  },
  [CitationSortField.SUPPORT_COUNT]: {
    expression: '(SELECT COUNT(*) FROM supports sc WHERE sc."citationId" = c.id)',
    load: (ctx: LiteratureContext, id: string) => ctx.loaders.supportsByCitation.load(id),
  },
};

export function citationOrderKeys(
  order: CitationOrder | null | undefined,
  ctx: LiteratureContext,
): CitationOrderKeys {
  // paper order is number order: position breaks every tie
  const [position] = BY_POSITION('c');
  if (!order) return { keys: [position], keyOf: (c) => [c.position] };
  const direction = order.direction === SortDirection.DESC ? 'DESC' : 'ASC';
  if (order.field === CitationSortField.NUMBER)
    return {
      keys: [{ expression: 'c.number', direction }, position],
      keyOf: (c) => [c.number, c.position],
    };
  const counted = COUNTED[order.field];
  const counts = new Map<string, number>();
  return {
    keys: [{ expression: counted.expression, direction }, position],
    keyOf: (c) => [counts.get(c.id) ?? 0, c.position],
    loadKeys: (rows) =>
      Promise.all(rows.map(async (c) => counts.set(c.id, (await counted.load(ctx, c.id)).length))),
  };
}
