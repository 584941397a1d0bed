import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { NodeType } from './graph-relations';
import { whereRestriction } from './where-compiler';

/**
 * Restricts a query builder over one entity table to the rows `where` selects: one `id IN (...)` over the
 * graph projection, in the same statement (nothing is filtered in JavaScript).
 */
export function restrict<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  type: NodeType,
  where: unknown,
): SelectQueryBuilder<T> {
  const restriction = whereRestriction(type, where, `${qb.alias}.id`);
  return restriction ? qb.andWhere(restriction.sql, restriction.params) : qb;
}
