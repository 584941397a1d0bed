import { Brackets, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from './errors';
import { PageRequest } from './connection';

/** One sort key of a root list; the last key must be unique (position) so the order is total. */
export interface SortKey {
  expression: string;
  direction: 'ASC' | 'DESC';
}

/**
 * Applies keyset pagination: rows strictly after the cursor's key, first+1 of them.
 * No OFFSET, so deep pages cost what the first page costs.
 */
export function applyKeyset<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, keys: SortKey[], page: PageRequest): SelectQueryBuilder<T> {
  keys.forEach((k, i) => (i === 0 ? qb.orderBy(k.expression, k.direction) : qb.addOrderBy(k.expression, k.direction)));
  if (page.after) {
    const after = page.after;
    if (after.length !== keys.length) throw badInput('"after" is a cursor of another list or ordering', { argument: 'after' });
    const first = keys[0];
    // Implied by the condition below, but only a bound on the first key alone lets the database seek to
    // the cursor in an index of the order; without it, it reads the index from the start.
    if (keys.length > 1) qb.andWhere(`${first.expression} ${first.direction === 'ASC' ? '>=' : '<='} :ks_0`, { ks_0: after[0] });
    qb.andWhere(
      new Brackets((outer) => {
        keys.forEach((_, i) => {
          outer.orWhere(
            new Brackets((inner) => {
              for (let j = 0; j < i; j++) inner.andWhere(`${keys[j].expression} = :ks_${j}`, { [`ks_${j}`]: after[j] });
              inner.andWhere(`${keys[i].expression} ${keys[i].direction === 'ASC' ? '>' : '<'} :ks_${i}`, { [`ks_${i}`]: after[i] });
            }),
          );
        });
      }),
    );
  }
  return qb.limit(page.first + 1);
}
