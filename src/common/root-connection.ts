import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ConnectionArgs, Page, pageRequest, toPage } from './connection';
import { applyKeyset, SortKey } from './keyset';

export const BY_POSITION = (alias: string): SortKey[] => [{ expression: `${alias}.position`, direction: 'ASC' }];

/** A root list as a connection: one statement for the page, one COUNT only if totalCount is asked for. */
export async function rootConnection<T extends ObjectLiteral, C>(
  qb: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  keys: SortKey[],
  keyOf: (row: T) => unknown[],
  make: (page: Page<T>, count: () => Promise<number>) => C,
): Promise<C> {
  const request = pageRequest(args);
  const countQuery = qb.clone();
  const rows = await applyKeyset(qb, keys, request).getMany();
  // Root lists read one table without joins, so COUNT(*) is exact, and the database may answer it
  // from its smallest index; TypeORM's getCount() would COUNT(DISTINCT id) through a temporary b-tree.
  const count = async () => Number((await countQuery.select('COUNT(*)', 'n').getRawOne<{ n: number | string }>())?.n ?? 0);
  return make(toPage(rows, request, keyOf), count);
}
