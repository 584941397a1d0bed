import { EntityManager } from 'typeorm';

const CHUNK = 200;

/** Inserts in chunks: SQLite caps the number of bound parameters in one statement. */
export async function insertChunked<T extends object>(m: EntityManager, entity: new () => T, rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await m.insert(entity, rows.slice(i, i + CHUNK) as never);
}
