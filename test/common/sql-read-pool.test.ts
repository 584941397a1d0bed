import Database from 'better-sqlite3';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runInRequestScope } from '../../src/common/request-scope';
import { ReadinessCheck } from '../../src/app/readiness-check';
import { readPoolStats, SqlReadPool } from '../../src/common/sql-reads/sql-read-pool';

// a statement that keeps SQLite busy for a while (a few million steps), whatever the machine
const SLOW =
  'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?) SELECT COUNT(*) AS n FROM c';
const STEPS = 3_000_000;

describe('the read threads', () => {
  let file: string;
  let pool: SqlReadPool;

  beforeAll(() => {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-pool-')), 'store.sqlite');
    const db = new Database(file);
    db.exec("CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER); INSERT INTO t VALUES ('a', 1), ('b', 2)");
    db.close();
  });
  beforeEach(() => (pool = new SqlReadPool(1, 1)));
  afterEach(() => pool.close());

  it('answers rows as arrays with their column names', async () => {
    await expect(pool.read(file, 'SELECT id, n FROM t WHERE n > ? ORDER BY n', [0])).resolves.toEqual({
      columns: ['id', 'n'],
      rows: [
        ['a', 1],
        ['b', 2],
      ],
    });
  });

  it('leaves the event loop free while a long statement runs', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const read = await pool.read(file, SLOW, [STEPS]);
      expect(read.rows).toEqual([[STEPS]]);
    } finally {
      clearInterval(timer);
    }
    // on the event loop the statement would have run in one go, with no timer between
    expect(ticks).toBeGreaterThan(3);
  });

  // Linux schedules threads one by one: /proc/self/task/<tid>/stat gives each its nice value (field 19)
  const threadNices = () =>
    fs.readdirSync('/proc/self/task').map((tid) => {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    });

  (process.platform === 'linux' ? it : it.skip)(
    'runs its reads at a lower priority than the event loop (SQL_READ_NICE)',
    async () => {
      const base = os.getPriority();
      const lowered = Math.min(19, base + 5);
      const niced = new SqlReadPool(1, 1, 5);
      try {
        const before = threadNices().filter((n) => n === lowered).length;
        await expect(niced.read(file, 'SELECT COUNT(*) FROM t', [])).resolves.toMatchObject({ rows: [[2]] });
        expect(threadNices().filter((n) => n === lowered).length).toBe(before + 1);
        // the event loop's thread keeps its priority
        expect(os.getPriority()).toBe(base);
      } finally {
        await niced.close();
      }
    },
  );

  it('answers a long read whole and in order, though it comes in parts (ROWS_PER_MESSAGE)', async () => {
    const rows = 10_001;
    const many =
      'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?) SELECT x FROM c';
    const read = await pool.read(file, many, [rows]);
    expect(read.columns).toEqual(['x']);
    expect(read.rows).toEqual(Array.from({ length: rows }, (_, i) => [i + 1]));
    // the next read on the same thread is answered on its own
    await expect(pool.read(file, 'SELECT COUNT(*) FROM t', [])).resolves.toMatchObject({ rows: [[2]] });
  });

  it('refuses writes: the threads hold read-only connections', async () => {
    await expect(pool.read(file, "INSERT INTO t VALUES ('c', 3) RETURNING id", [])).rejects.toThrow(
      /readonly/i,
    );
    await expect(pool.read(file, 'SELECT COUNT(*) FROM t', [])).resolves.toMatchObject({ rows: [[2]] });
  });

  it('refuses a read past its queue with SERVER_BUSY', async () => {
    const running = pool.read(file, SLOW, [STEPS]);
    const queued = pool.read(file, 'SELECT 1', []);
    await expect(pool.read(file, 'SELECT 2', [])).rejects.toMatchObject({
      extensions: { code: 'SERVER_BUSY' },
    });
    expect(pool.stats()).toMatchObject({ workers: 1, busy: 1, queued: 1, maxQueued: 1 });
    // the process's readiness says so: its next scan would be refused
    const ready = new ReadinessCheck({ maxInFlight: 10, maxEventLoopDelayMs: 10_000 }, () =>
      Promise.resolve({ catalog: true }),
    );
    try {
      expect(readPoolStats()).toMatchObject({ busy: 1, queued: 1, maxQueued: 1 });
      await expect(ready.check()).resolves.toMatchObject({
        ready: false,
        body: {
          status: 'saturated',
          reasons: ['1 reads wait for the read threads, the most SQL_READ_QUEUE allows'],
          readThreads: { workers: 1, busy: 1, queued: 1, maxQueued: 1 },
        },
      });
    } finally {
      ready.stop();
    }
    await expect(running).resolves.toMatchObject({ rows: [[STEPS]] });
    await expect(queued).resolves.toMatchObject({ rows: [[1]] });
  });

  it('ends the reads of a stopped request, running or queued, with its reason, and goes on with a new thread', async () => {
    const scope = new AbortController();
    const [running, queued] = runInRequestScope(scope.signal, () => [
      pool.read(file, SLOW, [STEPS * 10]),
      pool.read(file, 'SELECT 1', []),
    ]);
    const reason = new Error('the request was stopped');
    scope.abort(reason);
    await expect(running).rejects.toBe(reason);
    await expect(queued).rejects.toBe(reason);
    // a read of the stopped request that comes later does not start at all
    await expect(runInRequestScope(scope.signal, () => pool.read(file, 'SELECT 1', []))).rejects.toBe(reason);
    // the next request's read runs once the stopped statement's thread is gone (the pool has one thread)
    await expect(pool.read(file, 'SELECT id FROM t ORDER BY id', [])).resolves.toMatchObject({
      rows: [['a'], ['b']],
    });
  });

  it('reports a thread that fails, and starts another for the next read', async () => {
    await expect(pool.read(path.join(path.dirname(file), 'missing.sqlite'), 'SELECT 1', [])).rejects.toThrow(
      /unable to open|does not exist/i,
    );
    await expect(pool.read(file, 'SELECT n FROM t WHERE id = ?', ['b'])).resolves.toMatchObject({
      rows: [[2]],
    });
  });
});
