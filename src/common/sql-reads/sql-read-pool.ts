import { GraphQLError } from 'graphql';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { Worker } from 'worker_threads';
import { currentRequestSignal } from '../request-scope';

export interface ReadRequest {
  id: number;
  file: string;
  sql: string;
  params: unknown[];
}

/** A reply; a long one comes as `part`s of its rows first, then the last rows with the columns. */
export type ReadReply = { id: number } & (
  { columns: string[]; rows: unknown[][] } | { part: unknown[][] } | { error: string; code?: string }
);

export interface ReadResult {
  columns: string[];
  rows: unknown[][];
}

/** How busy the pool is, for the readiness answer and the metrics. */
export interface ReadPoolStats {
  workers: number;
  busy: number;
  queued: number;
  maxQueued: number;
  /** workers told to stop while a statement of a stopped request still runs in them */
  stopping: number;
}

interface Job {
  request: ReadRequest;
  signal: AbortSignal | undefined;
  resolve(result: ReadResult): void;
  reject(err: Error): void;
  onAbort?: () => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  /** the rows of the job's reply received so far, when it comes in parts */
  parts: unknown[][][];
}

const WORKER_SOURCE = path.join(__dirname, 'sql-read.worker.ts');
// under node_modules, so that the compiled worker resolves better-sqlite3 as the sources do
const WORKER_CACHE = path.resolve(__dirname, '../../../node_modules/.cache/lam-atlas');

/**
 * The worker as JavaScript: compiled from its TypeScript once per version of its source, into a cache
 * file. (A thread that loaded ts-node itself would take a second or two to start.)
 */
function workerScript(): string {
  const source = fs.readFileSync(WORKER_SOURCE, 'utf8');
  const digest = crypto.createHash('sha256').update(source).digest('hex').slice(0, 16);
  const file = path.join(WORKER_CACHE, `sql-read.worker.${digest}.js`);
  if (!fs.existsSync(file)) {
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    });
    fs.mkdirSync(WORKER_CACHE, { recursive: true });
    // written whole, then renamed: another process starting at the same time never reads half a file
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, outputText);
    fs.renameSync(tmp, file);
  }
  return file;
}

let script: string | null = null;

function spawn(nice: number): Worker {
  return new Worker((script ??= workerScript()), { workerData: { nice } });
}

const overloaded = (max: number) =>
  new GraphQLError(
    `The server is busy: ${max} reads are waiting already (SQL_READ_QUEUE). Try again shortly.`,
    {
      extensions: { code: 'SERVER_BUSY' },
    },
  );

/** The error a job of a stopped request ends with: the request's own (its deadline or disconnect). */
const stoppedError = (signal: AbortSignal) =>
  signal.reason instanceof Error ? signal.reason : new Error('The request was stopped.');

/**
 * Worker threads that run the reads that can take long (filtered lists, counts, aggregates, search,
 * traversal) on read-only connections of the store files, so the event loop stays free for every other
 * request; at a lower priority, so that a core they share with the event loop goes to it first. A read
 * of a request that is stopped (deadline, disconnect) leaves the queue, or, when it is running, its
 * worker is let go and a fresh one takes its place: a statement cannot be interrupted, but nobody waits
 * for it. Workers hold the process open only while they have work.
 */
export class SqlReadPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private stopping = 0;
  // the stores reading through the pool: it closes with the last of them
  private readonly attached = new Map<string, number>();

  constructor(
    private readonly size: number,
    private readonly maxQueued: number,
    /** how much lower the threads' scheduling priority is than the process's (SQL_READ_NICE) */
    private readonly nice = 0,
  ) {
    livePools.add(this);
  }

  read(file: string, sql: string, params: unknown[]): Promise<ReadResult> {
    const signal = currentRequestSignal();
    if (signal?.aborted) return Promise.reject(stoppedError(signal));
    if (this.queue.length >= this.maxQueued) return Promise.reject(overloaded(this.maxQueued));
    return new Promise<ReadResult>((resolve, reject) => {
      const job: Job = { request: { id: this.nextId++, file, sql, params }, signal, resolve, reject };
      if (signal) {
        job.onAbort = () => this.abort(job);
        signal.addEventListener('abort', job.onAbort, { once: true });
      }
      this.queue.push(job);
      this.dispatch();
    });
  }

  stats(): ReadPoolStats {
    return {
      workers: this.slots.length,
      busy: this.slots.filter((s) => s.job).length,
      queued: this.queue.length,
      maxQueued: this.maxQueued,
      stopping: this.stopping,
    };
  }

  /** A store now reads `file` through the pool. */
  attach(file: string): void {
    this.attached.set(file, (this.attached.get(file) ?? 0) + 1);
  }

  /** A store of `file` closed: its connections close in every worker, and the pool with its last store. */
  forget(file: string): void {
    const left = (this.attached.get(file) ?? 1) - 1;
    if (left > 0) return void this.attached.set(file, left);
    this.attached.delete(file);
    for (const s of this.slots) s.worker.postMessage({ close: file });
    if (this.attached.size === 0) void this.close();
  }

  async close(): Promise<void> {
    livePools.delete(this);
    const slots = this.slots.splice(0);
    for (const job of this.queue.splice(0)) this.settle(job, new Error('the read pool was closed'));
    for (const s of slots) if (s.job) this.settle(s.job, new Error('the read pool was closed'));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.job);
      // a worker that is being let go still takes a core until its statement ends: count it
      if (!slot && this.slots.length + this.stopping < this.size) slot = this.start();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage(job.request);
    }
  }

  private start(): Slot {
    const slot: Slot = { worker: spawn(this.nice), job: null, parts: [] };
    slot.worker.unref();
    slot.worker.on('message', (reply: ReadReply) => {
      const job = slot.job;
      if (!job || job.request.id !== reply.id) return;
      if ('part' in reply) {
        slot.parts.push(reply.part);
        return slot.worker.postMessage({ next: reply.id });
      }
      const parts = slot.parts.splice(0);
      slot.job = null;
      slot.worker.unref();
      if ('error' in reply) this.settle(job, Object.assign(new Error(reply.error), { code: reply.code }));
      else
        this.settle(job, null, {
          columns: reply.columns,
          rows: parts.length ? parts.concat([reply.rows]).flat() : reply.rows,
        });
      this.dispatch();
    });
    slot.worker.on('error', (err) => this.lose(slot, err));
    slot.worker.on('exit', () => this.lose(slot, new Error('a read worker stopped')));
    this.slots.push(slot);
    return slot;
  }

  /** A worker that failed or exited: its job fails, and the next read starts a new one. */
  private lose(slot: Slot, err: Error): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    if (slot.job) this.settle(slot.job, err);
    this.dispatch();
  }

  private abort(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      return this.settle(job, stoppedError(job.signal!));
    }
    const slot = this.slots.find((s) => s.job === job);
    if (!slot) return;
    this.slots.splice(this.slots.indexOf(slot), 1);
    slot.job = null;
    this.stopping++;
    void slot.worker.terminate().finally(() => {
      this.stopping--;
      this.dispatch();
    });
    this.settle(job, stoppedError(job.signal!));
    this.dispatch();
  }

  private settle(job: Job, err: Error | null, result?: ReadResult): void {
    if (job.onAbort) job.signal!.removeEventListener('abort', job.onAbort);
    if (err) job.reject(err);
    else job.resolve(result!);
  }
}

// every pool of the process, for its readiness answer
const livePools = new Set<SqlReadPool>();

/** The read threads of this process, summed over its pools; null when it has none (PostgreSQL, off). */
export function readPoolStats(): ReadPoolStats | null {
  if (livePools.size === 0) return null;
  const total: ReadPoolStats = { workers: 0, busy: 0, queued: 0, maxQueued: 0, stopping: 0 };
  for (const pool of livePools) {
    const s = pool.stats();
    for (const k of Object.keys(total) as (keyof ReadPoolStats)[]) total[k] += s[k];
  }
  return total;
}
