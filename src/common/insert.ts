import { EntityManager } from 'typeorm';

const CHUNK = 200;

type Progress = (table: string, rows: number) => void;
let progress: Progress | null = null;

/** Reports inserted rows to a progress display (the synthetic-data command); null turns it off. */
export function onInsertProgress(report: Progress | null): void {
  progress = report;
}

/**
 * Inserts in chunks: SQLite caps the number of bound parameters in one statement. With `map`, each
 * chunk of records is turned into rows just before it is inserted, so that a million records never
 * exist as entities all at once.
 */
export async function insertChunked<T extends object, S = T>(m: EntityManager, entity: new () => T, records: S[], map?: (record: S, index: number) => T): Promise<void> {
  for (let i = 0; i < records.length; i += CHUNK) {
    const slice = records.slice(i, i + CHUNK);
    const chunk = map ? slice.map((r, j) => map(r, i + j)) : slice;
    await m.insert(entity, chunk as never);
    progress?.(entity.name, chunk.length);
  }
}

/** How many rows `seed` inserts, counted without a database: the total of a progress bar. */
export async function countInsertedRows(seed: (m: EntityManager) => Promise<void>): Promise<number> {
  let rows = 0;
  const counter = { insert: async (_entity: unknown, chunk: unknown[]) => void (rows += chunk.length) } as unknown as EntityManager;
  const report = progress;
  progress = null;
  try {
    await seed(counter);
  } finally {
    progress = report;
  }
  return rows;
}
