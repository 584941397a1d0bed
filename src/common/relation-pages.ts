import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { badInput } from './errors';
import { BATCH_OPTIONS, loadAll } from './loader-utils';
import { ListScope } from './graph/aggregates';
import { NodeType } from './graph/graph-relations';
import { SqlFragment, whereRestriction } from './graph/where-compiler';
import { SortKey } from './keyset';
import { ConnectionArgs, listTag, Page, PageRequest, pageRequest, toPage } from './paging';
import { Relation } from './relation';
import { paddedKeys, queryNamed as run, sqliteAll, sqlText } from './sqlite-reads';

export interface RelationSlice {
  childIds: string[];
  positions: number[];
  /** each child's sort key (its cursor), when the page is read in an order other than position */
  keys?: unknown[][];
  /** the parents whose pages were read in the same statement: their counts and aggregates are read together */
  batch?: readonly string[];
}

/** The table of a relation's children and their type in the graph projection (what `where` tests). */
export interface RelationTarget {
  table: string;
  type: NodeType;
}

/**
 * A nested list's `where` and `orderBy`: `keys` are sort expressions over the child row aliased `c`
 * (never NULL; the last one `c.position`), `order` names them (for cursors and loader keys).
 */
export interface NestedQuery {
  where?: unknown;
  order?: { name: string; keys: SortKey[] };
}

/** SQLite's default cap on the terms of one compound SELECT (SQLITE_MAX_COMPOUND_SELECT). */
const COMPOUND_TERMS = 500;

/**
 * Each parent's page read on its own through the (parent, position) index, so a page costs `first + 1`
 * rows whatever the number of the parent's children: on SQLite a UNION ALL of one LIMITed term per
 * parent (one statement per 500 parents), on PostgreSQL one LATERAL join over the parents.
 */
async function pageRows(
  ds: DataSource,
  rel: Relation,
  parents: readonly string[],
  after: number,
  limit: number,
): Promise<Record<string, unknown>[]> {
  const q = (name: string) => ds.driver.escape(name);
  const [table, parent, position] = [q(rel.table), q(rel.parentColumn), q('position')];
  const children = `${q(rel.childColumn)} AS child, ${position} AS pos FROM ${table}`;
  if (ds.options.type !== 'better-sqlite3') {
    return ds.query(
      `SELECT p.parent, c.child, c.pos FROM unnest($1::text[]) WITH ORDINALITY AS p(parent, ord)
       CROSS JOIN LATERAL (SELECT ${children} WHERE ${parent} = p.parent AND ${position} > $2 ORDER BY ${position} LIMIT $3) c
       ORDER BY p.ord, c.pos`,
      [[...parents], after, limit],
    );
  }
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < parents.length; i += COMPOUND_TERMS) {
    const chunk = parents.slice(i, i + COMPOUND_TERMS);
    const sql = sqlText(`page ${rel.table} ${rel.parentColumn} ${rel.childColumn} ${chunk.length}`, () =>
      chunk
        .map(
          () =>
            `SELECT * FROM (SELECT ${parent} AS parent, ${children} WHERE ${parent} = ? AND ${position} > ? ORDER BY ${position} LIMIT ?)`,
        )
        .join(' UNION ALL ')
        .concat(' ORDER BY parent, pos'),
    );
    rows.push(
      ...sqliteAll(
        ds,
        sql,
        chunk.flatMap((p) => [p, after, limit]),
      )!,
    );
  }
  return rows;
}

/** Loads one page of children for many parents, a statement per batch (of up to 500 parents on SQLite). */
export function relationPageLoader(
  ds: DataSource,
  rel: Relation,
  page: PageRequest,
): DataLoader<string, RelationSlice> {
  // positions start at 1, so 0 means "from the start"
  const after = page.after === null ? 0 : Number(page.after[0]);
  return new DataLoader(async (parents) => {
    const rows = await pageRows(ds, rel, parents, after, page.first + 1);
    const byParent = new Map<string, RelationSlice>();
    for (const row of rows) {
      const slice = byParent.get(String(row.parent)) ?? { childIds: [], positions: [] };
      slice.childIds.push(String(row.child));
      slice.positions.push(Number(row.pos));
      byParent.set(String(row.parent), slice);
    }
    return parents.map((p) => ({ ...(byParent.get(p) ?? { childIds: [], positions: [] }), batch: parents }));
  }, BATCH_OPTIONS);
}

/** Counts children for many parents in a single GROUP BY statement (of those `where` selects, if given). */
export function relationCountLoader(
  ds: DataSource,
  rel: Relation,
  where: SqlFragment | null = null,
): DataLoader<string, number> {
  const q = (name: string) => ds.driver.escape(name);
  return new DataLoader(async (parents) => {
    const rows = await run(
      ds,
      `SELECT l.${q(rel.parentColumn)} AS parent, COUNT(*) AS n FROM ${q(rel.table)} l WHERE l.${q(rel.parentColumn)} IN (:...parents)${where ? ` AND ${where.sql}` : ''} GROUP BY l.${q(rel.parentColumn)}`,
      { ...where?.params, parents: paddedKeys(parents) },
      // a count reads every child of the parents (and tests each against `where`)
      true,
    );
    const counts = new Map(rows.map((r) => [String(r.parent), Number(r.n)]));
    return parents.map((p) => counts.get(p) ?? 0);
  }, BATCH_OPTIONS);
}

/** "after the cursor" in keyset order, as one condition: later by the first key, or equal on it and later by the next... */
function afterCursor(keys: SortKey[], cursor: unknown[], params: Record<string, unknown>): string {
  if (cursor.length !== keys.length)
    throw badInput('"after" is a cursor of another list or ordering', { argument: 'after' });
  cursor.forEach((v, i) => (params[`nk_${i}`] = v));
  const parts = keys.map((key, i) => {
    const equal = keys.slice(0, i).map((k, j) => `${k.expression} = :nk_${j}`);
    return `(${[...equal, `${key.expression} ${key.direction === 'ASC' ? '>' : '<'} :nk_${i}`].join(' AND ')})`;
  });
  return `(${parts.join(' OR ')})`;
}

/**
 * One page of children for many parents when a `where` or an `orderBy` is given: one statement per
 * batch, each parent's first rows picked by ROW_NUMBER() over its own children in the asked order
 * (SQLite and PostgreSQL alike). It reads every matching child of the batch's parents, where the plain
 * path reads only `first + 1` per parent: the price of an order no index holds.
 */
export function filteredPageLoader(
  ds: DataSource,
  rel: Relation,
  target: RelationTarget,
  page: PageRequest,
  where: SqlFragment | null,
  keys: SortKey[],
): DataLoader<string, RelationSlice> {
  const q = (name: string) => ds.driver.escape(name);
  const params: Record<string, unknown> = { ...where?.params, nlimit: page.first + 1 };
  const conditions = [`l.${q(rel.parentColumn)} IN (:...parents)`];
  if (where) conditions.push(where.sql);
  if (page.after) conditions.push(afterCursor(keys, page.after, params));
  const order = keys.map((k) => `${k.expression} ${k.direction}`).join(', ');
  const sql = `SELECT s.* FROM (
      SELECT l.${q(rel.parentColumn)} AS parent, c.id AS child, c.position AS pos,
             ${keys.map((k, i) => `${k.expression} AS k${i}`).join(', ')},
             ROW_NUMBER() OVER (PARTITION BY l.${q(rel.parentColumn)} ORDER BY ${order}) AS rn
        FROM ${q(rel.table)} l JOIN ${q(target.table)} c ON c.id = l.${q(rel.childColumn)}
       WHERE ${conditions.join(' AND ')}) s
    WHERE s.rn <= :nlimit ORDER BY s.parent, s.rn`;
  return new DataLoader(async (parents) => {
    const rows = await run(ds, sql, { ...params, parents: paddedKeys(parents) }, true);
    const byParent = new Map<string, Required<Omit<RelationSlice, 'batch'>>>();
    for (const row of rows) {
      const slice = byParent.get(String(row.parent)) ?? { childIds: [], positions: [], keys: [] };
      slice.childIds.push(String(row.child));
      slice.positions.push(Number(row.pos));
      slice.keys.push(keys.map((_, i) => row[`k${i}`]));
      byParent.set(String(row.parent), slice);
    }
    return parents.map((p) => ({
      ...(byParent.get(p) ?? { childIds: [], positions: [], keys: [] }),
      batch: parents,
    }));
  }, BATCH_OPTIONS);
}

/**
 * A relation's pages and counts for one request: one page loader per page asked for (parents asking
 * for the same page share its statement), one count loader.
 */
export class RelationReader {
  private readonly pages = new Map<string, DataLoader<string, RelationSlice>>();
  private readonly counts = new Map<string, DataLoader<string, number>>();
  /** the tag of this relation's cursors */
  readonly tag: string;
  constructor(
    private readonly ds: DataSource,
    private readonly relation: Relation,
    private readonly target: RelationTarget,
  ) {
    this.tag = listTag(relation.table, relation.parentColumn, relation.childColumn);
  }

  /** The tag of the cursors of this relation read in `query`'s order. */
  tagOf(query: NestedQuery = {}): string {
    return query.order ? listTag(this.tag, query.order.name) : this.tag;
  }

  /** `where` compiled against the child id column of the link table (aliased `l`); null for none. */
  restriction(where: unknown): SqlFragment | null {
    return whereRestriction(this.target.type, where, `l.${this.ds.driver.escape(this.relation.childColumn)}`);
  }

  /** Parents asking for the same page with the same where and order share one loader, so one statement. */
  page(request: PageRequest, query: NestedQuery = {}): DataLoader<string, RelationSlice> {
    const filtered = query.where != null || query.order != null;
    const key = JSON.stringify([
      request.first,
      request.after,
      query.where ?? null,
      query.order?.name ?? null,
    ]);
    let loader = this.pages.get(key);
    if (!loader) {
      loader = filtered
        ? filteredPageLoader(
            this.ds,
            this.relation,
            this.target,
            request,
            this.restriction(query.where),
            query.order?.keys ?? [{ expression: 'c.position', direction: 'ASC' }],
          )
        : relationPageLoader(this.ds, this.relation, request);
      this.pages.set(key, loader);
    }
    return loader;
  }

  count(where?: unknown): DataLoader<string, number> {
    const key = JSON.stringify(where ?? null);
    let loader = this.counts.get(key);
    if (!loader)
      this.counts.set(key, (loader = relationCountLoader(this.ds, this.relation, this.restriction(where))));
    return loader;
  }

  /**
   * The list of one parent's children that `where` selects, all pages, as ids (for aggregates); with
   * `perParent`, the same for many parents at once, which aggregates batch on.
   */
  scope(parentId: string, where: unknown, siblings?: readonly string[]): ListScope {
    const q = (name: string) => this.ds.driver.escape(name);
    const restriction = this.restriction(where);
    const from = `FROM ${q(this.relation.table)} l WHERE l.${q(this.relation.parentColumn)}`;
    const and = restriction ? ` AND ${restriction.sql}` : '';
    return {
      dataSource: this.ds,
      sql: `SELECT l.${q(this.relation.childColumn)} AS id ${from} = :scope_parent${and}`,
      params: { ...restriction?.params, scope_parent: parentId },
      perParent: {
        sql: `SELECT l.${q(this.relation.parentColumn)} AS parent, l.${q(this.relation.childColumn)} AS id ${from} IN (:...parents)${and}`,
        params: { ...restriction?.params },
        parent: parentId,
        siblings,
        key: `${this.tag}:${JSON.stringify(where ?? null)}`,
      },
    };
  }
}

/**
 * A nested connection: one batched page query per relation (and where and order), then the nodes through
 * their by-id loader; its totalCount counts what `where` selects, batched too.
 */
export async function nestedConnection<T extends { id: string; position: number }, C>(
  reader: RelationReader,
  parentId: string,
  args: ConnectionArgs,
  byId: DataLoader<string, T | null>,
  make: (page: Page<T>, count: () => Promise<number>, scope: ListScope) => C,
  query: NestedQuery = {},
): Promise<C> {
  const request = pageRequest(args, reader.tagOf(query));
  const slice = await reader.page(request, query).load(parentId);
  const nodes = await loadAll(byId, slice.childIds);
  const keys = new Map(slice.childIds.map((id, i) => [id, slice.keys?.[i]]));
  // a parent without children gets here sooner than one whose children are read: its count and
  // aggregates ask for the whole batch at once, so that early and late parents share one statement
  const counts = reader.count(query.where);
  return make(
    toPage(nodes, request, (n) => (query.order ? keys.get(n.id)! : [n.position])),
    async () => {
      if (slice.batch) void counts.loadMany(slice.batch);
      return counts.load(parentId);
    },
    reader.scope(parentId, query.where, slice.batch),
  );
}
