import { BATCH_OPTIONS } from './loader-utils';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { PageRequest } from './connection';
import { sqliteAll } from './sqlite-reads';

/** A one-to-many or many-to-many link, read from one table: parent key -> child id, in `position` order. */
export interface Relation {
  table: string;
  parentColumn: string;
  childColumn: string;
}

export interface RelationSlice {
  childIds: string[];
  positions: number[];
}

async function run(ds: DataSource, sql: string, params: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  const [query, values] = ds.driver.escapeQueryWithParameters(sql, params);
  return sqliteAll(ds, query, values) ?? ds.query(query, values);
}

/**
 * Loads one page of children for many parents in a single statement: ROW_NUMBER() per parent keeps
 * nested connections at one query per batch whatever the number of parents.
 */
export function relationPageLoader(ds: DataSource, rel: Relation, page: PageRequest): DataLoader<string, RelationSlice> {
  const q = (name: string) => ds.driver.escape(name);
  // positions start at 1, so 0 means "from the start"
  const after = page.after === null ? 0 : Number(page.after[0]);
  return new DataLoader(async (parents) => {
    const rows = await run(
      ds,
      `SELECT parent, child, pos FROM (
         SELECT ${q(rel.parentColumn)} AS parent, ${q(rel.childColumn)} AS child, ${q('position')} AS pos,
                ROW_NUMBER() OVER (PARTITION BY ${q(rel.parentColumn)} ORDER BY ${q('position')}) AS rn
         FROM ${q(rel.table)}
         WHERE ${q(rel.parentColumn)} IN (:...parents) AND ${q('position')} > :after
       ) ranked WHERE rn <= :limit ORDER BY parent, rn`,
      { parents: [...parents], after, limit: page.first + 1 },
    );
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
      { parents: [...parents] },
    );
    const counts = new Map(rows.map((r) => [String(r.parent), Number(r.n)]));
    return parents.map((p) => counts.get(p) ?? 0);
  }, BATCH_OPTIONS);
}
