import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { BATCH_OPTIONS } from '../loader-utils';
import { paddedKeys, queryNamed } from '../sqlite-reads';
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
  perParent?: {
    sql: string;
    params: Record<string, unknown>;
    parent: string;
    key: string;
    /** the parents whose lists are read together with this one (asked for at once, one statement) */
    siblings?: readonly string[];
  };
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
// a key is text, or a number on engines that return some columns as numbers
const text = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : null;

const NO_STATS: StatsValue = { count: 0, min: null, max: null, avg: null, sum: null };

/**
 * The rows an aggregate reads, `g` being each entity's graph_nodes row: one list's (root), or the lists
 * of many parents at once, each row with its `parent` (key '' for a root list).
 */
interface Rows {
  dataSource: DataSource;
  from: string;
  where: string;
  params: Record<string, unknown>;
  /** `s.parent` when the rows are many parents' */
  parent: string | null;
}

function oneList(scope: ListScope): Rows {
  return {
    dataSource: scope.dataSource,
    from: 'graph_nodes g',
    where: `g.id IN (${scope.sql})`,
    params: scope.params,
    parent: null,
  };
}

function manyLists(scope: ListScope, parents: readonly string[]): Rows {
  const pp = scope.perParent!;
  // DISTINCT: a child linked twice to one parent counts once, as in its page
  return {
    dataSource: scope.dataSource,
    from: `(SELECT DISTINCT p.parent, p.id FROM (${pp.sql}) p) s JOIN graph_nodes g ON g.id = s.id`,
    where: '1 = 1',
    params: { ...pp.params, parents: paddedKeys(parents) },
    parent: 's.parent',
  };
}

async function read(rows: Rows, select: string, groupBy: string[]): Promise<Record<string, unknown>[]> {
  const keys = rows.parent ? [rows.parent, ...groupBy] : groupBy;
  const group = keys.length ? ` GROUP BY ${keys.join(', ')}` : '';
  return queryNamed(
    rows.dataSource,
    `SELECT ${rows.parent ? `${rows.parent} AS parent, ` : ''}${select} FROM ${rows.from} WHERE ${rows.where}${group}`,
    rows.params,
    true,
  );
}

const parentOf = (row: Record<string, unknown>) => text(row.parent) ?? '';

/** Count, minimum, maximum, mean and sum of a graph_nodes column per list, nulls skipped. */
async function statsOf(rows: Rows, column: string): Promise<Map<string, StatsValue>> {
  const c = `g.${column}`;
  const found = await read(
    rows,
    `COUNT(${c}) AS n, MIN(${c}) AS lo, MAX(${c}) AS hi, AVG(${c}) AS mean, SUM(${c}) AS total`,
    [],
  );
  return new Map(
    found.map((r) => [
      parentOf(r),
      { count: Number(r.n ?? 0), min: num(r.lo), max: num(r.hi), avg: num(r.mean), sum: num(r.total) },
    ]),
  );
}

/** The key expression of a group spec and the joins that reach it from `g`. */
function groupKey(spec: GroupSpec): { key: string; joins: string } {
  if ('column' in spec) return { key: `g.${spec.column}`, joins: '' };
  if ('values' in spec)
    return {
      key: 'v.value',
      joins: ` LEFT JOIN graph_values v ON v.node_id = g.id AND v.field = '${spec.values}'`,
    };
  let from = 'g';
  let joins = '';
  spec.path.forEach((r, i) => {
    const [self, other] = r.direction === 'out' ? ['from_id', 'to_id'] : ['to_id', 'from_id'];
    joins += ` LEFT JOIN graph_edges e${i} ON e${i}.relation = '${r.relation}' AND e${i}.${self} = ${from}.id`;
    joins += ` LEFT JOIN graph_nodes t${i} ON t${i}.id = e${i}.${other} AND t${i}.type = '${r.target}'`;
    from = `t${i}`;
  });
  return { key: `${from}.slug`, joins };
}

/** Largest group first, then by key in code-point order, the null group last among equals. */
function byCountThenKey(a: GroupCountValue, b: GroupCountValue): number {
  if (a.count !== b.count) return b.count - a.count;
  if (a.key === b.key) return 0;
  if (a.key === null) return 1;
  if (b.key === null) return -1;
  return a.key < b.key ? -1 : 1;
}

/** Each list's entities counted per group. */
async function groupsOf(rows: Rows, spec: GroupSpec): Promise<Map<string, GroupCountValue[]>> {
  const { key, joins } = groupKey(spec);
  const found = await read({ ...rows, from: rows.from + joins }, `${key} AS k, COUNT(DISTINCT g.id) AS n`, [
    key,
  ]);
  const lists = new Map<string, GroupCountValue[]>();
  for (const r of found) {
    const list = lists.get(parentOf(r)) ?? lists.set(parentOf(r), []).get(parentOf(r))!;
    list.push({ key: text(r.k), count: Number(r.n) });
  }
  for (const list of lists.values()) list.sort(byCountThenKey);
  return lists;
}

/** Counts, minimum, maximum, mean and sum of a graph_nodes column over a list, nulls skipped: one statement. */
export async function listStats(scope: ListScope, column: string): Promise<StatsValue> {
  return (await statsOf(oneList(scope), column)).get('') ?? NO_STATS;
}

/**
 * The list's entities counted per group: one statement. An entity with several values counts in each of
 * its groups, one with none in the null group; groups with no members are not listed. Largest first, then
 * by key (null last).
 */
export async function listGroups(scope: ListScope, spec: GroupSpec): Promise<GroupCountValue[]> {
  return (await groupsOf(oneList(scope), spec)).get('') ?? [];
}

/** How many entities a list holds: one statement. */
export async function listCount(scope: ListScope): Promise<number> {
  const [row] = await queryNamed(
    scope.dataSource,
    `SELECT COUNT(*) AS n FROM (${scope.sql}) s`,
    scope.params,
    true,
  );
  return Number(row?.n ?? 0);
}

/**
 * A request's aggregates: a root list's in one statement each; a nested list's (scope.perParent) batched
 * with every other parent's list of the same key, one statement per key and aggregate for all parents.
 */
export class ListAggregator {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

  stats(scope: ListScope, column: string): Promise<StatsValue> {
    if (!scope.perParent) return listStats(scope, column);
    return this.batched(scope, `stats ${column}`, (rows) => statsOf(rows, column), NO_STATS);
  }

  groups(scope: ListScope, spec: GroupSpec): Promise<GroupCountValue[]> {
    if (!scope.perParent) return listGroups(scope, spec);
    return this.batched(scope, `groups ${JSON.stringify(spec)}`, (rows) => groupsOf(rows, spec), []);
  }

  private batched<V>(
    scope: ListScope,
    what: string,
    readAll: (rows: Rows) => Promise<Map<string, V>>,
    none: V,
  ): Promise<V> {
    const { key, parent } = scope.perParent!;
    const name = `${key}\0${what}`;
    let loader = this.loaders.get(name) as DataLoader<string, V> | undefined;
    if (!loader) {
      // lists of one key share their statement (the ListScope contract), so the first scope reads for all
      loader = new DataLoader<string, V>(async (parents) => {
        const found = await readAll(manyLists(scope, parents));
        return parents.map((p) => found.get(p) ?? none);
      }, BATCH_OPTIONS);
      this.loaders.set(name, loader);
    }
    if (scope.perParent!.siblings) void loader.loadMany(scope.perParent!.siblings);
    return loader.load(parent);
  }
}
