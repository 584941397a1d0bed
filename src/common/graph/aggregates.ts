import { DataSource } from 'typeorm';
import { queryNamed } from '../sqlite-reads';
import { FieldRelation } from './graph-relations';

/** The ids of a whole list (every page), as a subquery selecting `id`, and its parameters. */
export interface ListScope {
  dataSource: DataSource;
  sql: string;
  params: Record<string, unknown>;
  /**
   * A nested list (a sector's models) also says how to read the same list for many parents at once, so
   * that aggregates batch across parents: `sql` selects `parent` and `id` for the parents bound to the
   * list parameter `:...parents`; `key` names the list and its filter (equal keys batch together).
   */
  perParent?: { sql: string; params: Record<string, unknown>; parent: string; key: string };
}

export interface StatsValue {
  count: number;
  min: number | null;
  max: number | null;
  avg: number | null;
  sum: number | null;
}

export interface GroupCountValue {
  key: string | null;
  count: number;
}

/** What a list is grouped by: a column of graph_nodes, a multi-valued field, or a chain of relations (key: the last one's slug). */
export type GroupSpec = { column: string } | { values: string } | { path: FieldRelation[] };

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Counts, minimum, maximum, mean and sum of a graph_nodes column over a list, nulls skipped: one statement. */
export async function listStats(scope: ListScope, column: string): Promise<StatsValue> {
  const [row] = await queryNamed(
    scope.dataSource,
    `SELECT COUNT(g.${column}) AS n, MIN(g.${column}) AS lo, MAX(g.${column}) AS hi, AVG(g.${column}) AS mean, SUM(g.${column}) AS total
       FROM graph_nodes g WHERE g.id IN (${scope.sql})`,
    scope.params,
  );
  return {
    count: Number(row?.n ?? 0),
    min: num(row?.lo),
    max: num(row?.hi),
    avg: num(row?.mean),
    sum: num(row?.total),
  };
}

/**
 * The list's entities counted per group: one statement. An entity with several values counts in each of
 * its groups, one with none in the null group; groups with no members are not listed. Largest first, then
 * by key (null last).
 */
export async function listGroups(scope: ListScope, spec: GroupSpec): Promise<GroupCountValue[]> {
  let joins = '';
  let key: string;
  if ('column' in spec) key = `g.${spec.column}`;
  else if ('values' in spec) {
    joins = `LEFT JOIN graph_values v ON v.node_id = g.id AND v.field = '${spec.values}'`;
    key = 'v.value';
  } else {
    let from = 'g';
    spec.path.forEach((r, i) => {
      const [self, other] = r.direction === 'out' ? ['from_id', 'to_id'] : ['to_id', 'from_id'];
      joins += ` LEFT JOIN graph_edges e${i} ON e${i}.relation = '${r.relation}' AND e${i}.${self} = ${from}.id`;
      joins += ` LEFT JOIN graph_nodes t${i} ON t${i}.id = e${i}.${other} AND t${i}.type = '${r.target}'`;
      from = `t${i}`;
    });
    key = `${from}.slug`;
  }
  const rows = await queryNamed(
    scope.dataSource,
    `SELECT ${key} AS k, COUNT(DISTINCT g.id) AS n FROM graph_nodes g ${joins}
      WHERE g.id IN (${scope.sql}) GROUP BY ${key}`,
    scope.params,
  );
  return rows
    .map((r) => ({
      key: r.k === null || r.k === undefined ? null : String(r.k as string | number),
      count: Number(r.n),
    }))
    .sort(
      (a, b) =>
        b.count - a.count ||
        (a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
}

/** How many entities a list holds: one statement. */
export async function listCount(scope: ListScope): Promise<number> {
  const [row] = await queryNamed(
    scope.dataSource,
    `SELECT COUNT(*) AS n FROM (${scope.sql}) s`,
    scope.params,
  );
  return Number(row?.n ?? 0);
}
