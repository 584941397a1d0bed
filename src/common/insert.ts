import { EntityManager } from 'typeorm';

const CHUNK = 200;

type Progress = (table: string, rows: number) => void;
let progress: Progress | null = null;

/** Reports inserted rows to a progress display (the synthetic-data command); null turns it off. */
export function onInsertProgress(report: Progress | null): void {
  progress = report;
}

/** Inserts in chunks: SQLite caps the number of bound parameters in one statement. */
export async function insertChunked<T extends object>(m: EntityManager, entity: new () => T, rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await m.insert(entity, chunk as never);
    progress?.(entity.name, chunk.length);
  }
}
