import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { BATCH_OPTIONS, loadAll } from './loader-utils';
import { ConnectionArgs, listTag, Page, PageRequest, pageRequest, toPage } from './paging';
import { Relation } from './relation';
import { paddedKeys, queryNamed as run, sqliteAll, sqlText } from './sqlite-reads';

export interface RelationSlice {
  childIds: string[];
  positions: number[];
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
    return parents.map((p) => byParent.get(p) ?? { childIds: [], positions: [] });
  }, BATCH_OPTIONS);
}

/** Counts children for many parents in a single GROUP BY statement. */
export function relationCountLoader(ds: DataSource, rel: Relation): DataLoader<string, number> {
  const q = (name: string) => ds.driver.escape(name);
  return new DataLoader(async (parents) => {
    const rows = await run(
      ds,
      `SELECT ${q(rel.parentColumn)} AS parent, COUNT(*) AS n FROM ${q(rel.table)} WHERE ${q(rel.parentColumn)} IN (:...parents) GROUP BY ${q(rel.parentColumn)}`,
      { parents: paddedKeys(parents) },
    );
    const counts = new Map(rows.map((r) => [String(r.parent), Number(r.n)]));
    return parents.map((p) => counts.get(p) ?? 0);
  }, BATCH_OPTIONS);
}

/**
 * A relation's pages and counts for one request: one page loader per page asked for (parents asking
 * for the same page share its statement), one count loader.
 */
export class RelationReader {
  private readonly pages = new Map<string, DataLoader<string, RelationSlice>>();
  private counts?: DataLoader<string, number>;
  /** the tag of this relation's cursors */
  readonly tag: string;
  constructor(
    private readonly ds: DataSource,
    private readonly relation: Relation,
  ) {
    this.tag = listTag(relation.table, relation.parentColumn, relation.childColumn);
  }

  page(request: PageRequest): DataLoader<string, RelationSlice> {
    const key = `${request.first}:${JSON.stringify(request.after)}`;
    let loader = this.pages.get(key);
    if (!loader) this.pages.set(key, (loader = relationPageLoader(this.ds, this.relation, request)));
    return loader;
  }

  count(): DataLoader<string, number> {
    return (this.counts ??= relationCountLoader(this.ds, this.relation));
  }
}

/** A nested connection: one batched page query per relation, then the nodes through their by-id loader. */
export async function nestedConnection<T extends { position: number }, C>(
  reader: RelationReader,
  parentId: string,
  args: ConnectionArgs,
  byId: DataLoader<string, T | null>,
  make: (page: Page<T>, count: () => Promise<number>) => C,
): Promise<C> {
  const request = pageRequest(args, reader.tag);
  const slice = await reader.page(request).load(parentId);
  const nodes = await loadAll(byId, slice.childIds);
  return make(
    toPage(nodes, request, (n) => [n.position]),
    () => reader.count().load(parentId),
  );
}
