import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ConnectionArgs, Page, pageRequest, toPage } from './connection';
import { applyKeyset, SortKey } from './keyset';
import { getManyEntities } from './sqlite-reads';

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
  const rows = await getManyEntities(applyKeyset(qb, keys, request));
  return make(toPage(rows, request, keyOf), () => countQuery.getCount());
}
