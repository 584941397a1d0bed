import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from './errors';
import { PageRequest } from './paging';

/** One sort key of a root list; the last key must be unique (position) so the order is total. */
export interface SortKey {
  expression: string;
  direction: 'ASC' | 'DESC';
}

const after = (k: SortKey) => (k.direction === 'ASC' ? '>' : '<');

/** The same keys read the other way: a backward page reads the list from its end. */
export const reversed = (keys: SortKey[]): SortKey[] =>
  keys.map((k) => ({ ...k, direction: k.direction === 'ASC' ? 'DESC' : 'ASC' }));

/**
 * The statements that read one page by keyset pagination: rows strictly after the cursor's key, first+1
 * of them, in order when the statements' rows are concatenated; read them in turn until the page is
 * full. No OFFSET, so deep pages cost what the first page costs.
 *
 * With several keys, "after the cursor" is split by how many leading keys equal the cursor's: the rows
 * that share its first key and come later by the next, then those whose first key comes later. Each part
 * is one range of an index that has the keys in order, which the database seeks to; a single OR of the
 * parts could only be sought by its first key, then scanned through every row that shares it (tens of
 * thousands when many models have no reported size).
 */
export function keysetQueries<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  keys: SortKey[],
  page: PageRequest,
): SelectQueryBuilder<T>[] {
  qb.limit(page.first + 1);
  if (!page.after) return [orderedBy(qb, keys)];
  const cursor = page.after;
  const argument = page.backward ? 'before' : 'after';
  if (cursor.length !== keys.length)
    throw badInput(`"${argument}" is a cursor of another list or ordering`, { argument });
  // the longest shared prefix first: its rows come first in the order
  return keys
    .map((key, i) => {
      const part = qb.clone();
      for (let j = 0; j < i; j++)
        part.andWhere(`${keys[j].expression} = :ks_${j}`, { [`ks_${j}`]: cursor[j] });
      part.andWhere(`${key.expression} ${after(key)} :ks_${i}`, { [`ks_${i}`]: cursor[i] });
      // ordered by the keys after the equal ones alone: SQLite does not see that an expression it
      // compares for equality is constant, and would sort the rows that share it
      return orderedBy(part, keys.slice(i));
    })
    .reverse();
}

function orderedBy<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  keys: SortKey[],
): SelectQueryBuilder<T> {
  keys.forEach((k, i) =>
    i === 0 ? qb.orderBy(k.expression, k.direction) : qb.addOrderBy(k.expression, k.direction),
  );
  return qb;
}
