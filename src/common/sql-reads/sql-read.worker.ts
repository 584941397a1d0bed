import Database from 'better-sqlite3';
import { parentPort } from 'worker_threads';
import type { ReadReply, ReadRequest } from './sql-read-pool';

/** Statements kept prepared per store file, as on the main thread (src/common/sqlite-reads.ts). */
const PREPARED_LIMIT = 200;
/** Store files kept open at once; tests open many short-lived stores, a server three. */
const OPEN_LIMIT = 16;

interface Connection {
  db: Database.Database;
  statements: Map<string, Database.Statement>;
}

const connections = new Map<string, Connection>();

function connection(file: string): Connection {
  let c = connections.get(file);
  if (!c) {
    if (connections.size >= OPEN_LIMIT) close(connections.keys().next().value as string);
    // read-only: a worker can never change a store, whatever SQL reaches it
    c = { db: new Database(file, { readonly: true, fileMustExist: true }), statements: new Map() };
    connections.set(file, c);
  }
  return c;
}

function close(file: string): void {
  connections.get(file)?.db.close();
  connections.delete(file);
}

function read({ file, sql, params }: ReadRequest): { columns: string[]; rows: unknown[][] } {
  const c = connection(file);
  let stmt = c.statements.get(sql);
  if (!stmt) {
    if (c.statements.size >= PREPARED_LIMIT) c.statements.delete(c.statements.keys().next().value as string);
    stmt = c.db.prepare(sql).raw(true);
    c.statements.set(sql, stmt);
  }
  return { columns: stmt.columns().map((col) => col.name), rows: stmt.all(...params) as unknown[][] };
}

parentPort!.on('message', (message: ReadRequest | { close: string }) => {
  if ('close' in message) return close(message.close);
  let reply: ReadReply;
  try {
    reply = { id: message.id, ...read(message) };
  } catch (err) {
    reply = { id: message.id, error: (err as Error).message, code: (err as { code?: string }).code };
  }
  parentPort!.postMessage(reply);
});
