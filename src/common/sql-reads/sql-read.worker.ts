import Database from 'better-sqlite3';
import * as fs from 'fs';
import * as os from 'os';
import { parentPort, workerData } from 'worker_threads';
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

/**
 * Lowers this thread's scheduling priority by `nice` (Linux schedules threads one by one, and
 * /proc/thread-self names this one): a scan then yields the core to the event loop, whose requests
 * are short. Elsewhere, or when refused, the thread keeps the process's priority.
 */
function lowerPriority(nice: number): void {
  if (!nice) return;
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    os.setPriority(tid, Math.min(19, os.getPriority(tid) + nice));
  } catch {
    // not Linux, or not allowed: the reads run at the process's priority
  }
}

lowerPriority((workerData as { nice?: number } | null)?.nice ?? 0);

/**
 * Rows per message: the main thread deserializes a message in one go, so a scan of 150,000 rows sent
 * whole would hold its event loop for a second; in parts, other work runs between them. (A part is sent
 * when the main thread asks for it: a port's queued messages are all read in one turn.)
 */
export const ROWS_PER_MESSAGE = 2000;

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

// the rest of a long reply, sent a part at a time as the main thread asks for it
let rest: { id: number; columns: string[]; rows: unknown[][]; from: number } | null = null;

function sendPart(): void {
  const { id, columns, rows, from } = rest!;
  const part = rows.slice(from, from + ROWS_PER_MESSAGE);
  rest!.from += ROWS_PER_MESSAGE;
  if (rest!.from < rows.length) return parentPort!.postMessage({ id, part });
  rest = null;
  parentPort!.postMessage({ id, columns, rows: part });
}

parentPort!.on('message', (message: ReadRequest | { close: string } | { next: number }) => {
  if ('close' in message) return close(message.close);
  if ('next' in message) return rest?.id === message.next ? sendPart() : undefined;
  let reply: ReadReply;
  try {
    reply = { id: message.id, ...read(message) };
  } catch (err) {
    reply = { id: message.id, error: (err as Error).message, code: (err as { code?: string }).code };
  }
  if (!('rows' in reply) || reply.rows.length <= ROWS_PER_MESSAGE) return parentPort!.postMessage(reply);
  // parts one by one, each once the last is in: sent at once, they would all be read in one go
  rest = { id: reply.id, columns: reply.columns, rows: reply.rows, from: 0 };
  sendPart();
});
