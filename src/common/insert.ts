import { EntityManager } from 'typeorm';

const CHUNK = 500;

type Progress = (table: string, rows: number) => void;
let progress: Progress | null = null;
let counted: number | null = null;

/** Reports inserted rows to a progress display (the synthetic-data command); null turns it off. */
export function onInsertProgress(report: Progress | null): void {
  progress = report;
}

/**
 * Inserts in chunks: SQLite caps the number of bound parameters in one statement. With `map`, each
 * chunk of records is turned into rows just before it is inserted, so that a million records never
 * exist as entities all at once.
 */
export async function insertChunked<T extends object, S = T>(
  m: EntityManager,
  entity: new () => T,
  records: S[],
  map?: (record: S, index: number) => T,
): Promise<void> {
  if (counted !== null) {
    counted += records.length;
    return;
  }
  for (let i = 0; i < records.length; i += CHUNK) {
    const slice = records.slice(i, i + CHUNK);
    const chunk = map ? slice.map((r, j) => map(r, i + j)) : slice;
    await insertRows(m, entity, chunk as T[]);
    progress?.(entity.name, chunk.length);
  }
}

/**
 * One multi-row INSERT through the driver's own value conversion (simple-json, booleans): TypeORM's
 * insert builder spends most of a large seed re-checking its parameters.
 */
async function insertRows<T extends object>(m: EntityManager, entity: new () => T, rows: T[]): Promise<void> {
  if (rows.length === 0) return;
  const meta = m.connection.getMetadata(entity);
  const driver = m.connection.driver;
  const columns = meta.columns.filter((c) => c.isInsert && !c.isGenerated);
  const placeholder = driver.options.type === 'postgres' ? (n: number) => `$${n}` : () => '?';
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const values = columns.map((c) => {
      params.push(driver.preparePersistentValue(c.getEntityValue(row), c) ?? null);
      return placeholder(params.length);
    });
    return `(${values.join(', ')})`;
  });
  const table = meta.tablePath
    .split('.')
    .map((part) => driver.escape(part))
    .join('.');
  const names = columns.map((c) => driver.escape(c.databaseName)).join(', ');
  await m.query(`INSERT INTO ${table} (${names}) VALUES ${tuples.join(', ')}`, params);
}

/** How many rows `seed` inserts, counted without a database: the total of a progress bar. */
export async function countInsertedRows(seed: (m: EntityManager) => Promise<void>): Promise<number> {
  counted = 0;
  try {
    // seeds write only through insertChunked, which counts instead while `counted` is set
    await seed(null as unknown as EntityManager);
    return counted;
  } finally {
    counted = null;
  }
}

/**
 * Runs the statements a seed needs besides its inserts (an FTS index to build), as `statements` gives
 * them for the store's engine; none while the rows are only being counted.
 */
export async function seedStatements(
  m: EntityManager,
  statements: (engine: 'postgres' | 'better-sqlite3') => string[],
): Promise<void> {
  if (counted !== null) return;
  const engine = m.connection.options.type === 'postgres' ? 'postgres' : 'better-sqlite3';
  for (const sql of statements(engine)) await m.query(sql);
}
