import * as fs from 'fs';
import { Config } from '../src/common/config';
import { numberFlag, parseFlags } from './flags';
import { loadTest, LoadResult, post } from './load';
import { log, storesAt, tempDir } from './setup';
import { ChildService, forkService } from './targets';

export const USAGE =
  'npm run bench:saturation -- [--scale n] [--duration s] [--heavy n] [--connections n] [--nice n]';

export interface SaturationOptions {
  /** the size of the graph, in copies of the paper's */
  scale: number;
  /** seconds of cheap load per phase */
  duration: number;
  /** heavy requests kept running at once during the loaded phase */
  heavy: number;
  /** connections of the cheap stream */
  connections: number;
  /** SQL_READ_NICE of the first variant (null: the default) */
  nice: number | null;
}

export function saturationOptions(argv: string[]): SaturationOptions {
  const flags = parseFlags(argv);
  return {
    scale: Math.floor(numberFlag(flags, 'scale', 200, 1)),
    duration: numberFlag(flags, 'duration', 10, 1),
    heavy: Math.floor(numberFlag(flags, 'heavy', 5, 1, 50)),
    connections: Math.floor(numberFlag(flags, 'connections', 4, 1)),
    nice: flags.nice === undefined ? null : Math.floor(numberFlag(flags, 'nice', 10, 0, 19)),
  };
}

/** The cheap request: a model's card, as a frontend asks for it. */
const CHEAP = JSON.stringify({
  query: '{ model(slug: "gpt-4") { name type access parameters { display } } }',
});

/** Heavy requests every default limit allows: long scans, large answers. */
export const HEAVY: { name: string; query: string }[] = [
  {
    name: 'results on restricted datasets, with their models',
    query: '{ audits { resultsOnRestrictedDatasets { display model { name } } } }',
  },
  {
    name: 'where: a chain of four relations, counted',
    query:
      '{ models(where: { results: { some: { dataset: { evaluations: { some: { model: { slug: { eq: "alphafold2" } } } } } } } }) { totalCount } }',
  },
  {
    name: 'aggregate of every model by type and access',
    query:
      '{ models { aggregate { count parameters { count min max } byType: groupBy(field: TYPE) { key count } byAccess: groupBy(field: ACCESS) { key count } } } }',
  },
  {
    name: 'results on closed datasets, counted',
    query: '{ results(where: { dataset: { access: { eq: CLOSED } } }) { totalCount nodes { display } } }',
  },
  {
    name: 'searchText of a common word',
    query: '{ searchText(query: "model", first: 100) { totalCount edges { snippet } } }',
  },
];

interface HeavyOutcome {
  name: string;
  answered: number;
  /** answers by their first error code, or "data" */
  outcomes: Record<string, number>;
}

interface Phase {
  cheap: LoadResult;
  /** the server's event loop: how long a callback waited for it, p99 and max */
  loop: { p99_ms: number; max_ms: number };
  healthz: { probes: number; p99_ms: number; max_ms: number };
  heavy: HeavyOutcome[];
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;

/** `/healthz`, one probe after the other, until `until()`: the latency of each. */
async function probeHealth(base: string, until: () => boolean): Promise<Phase['healthz']> {
  const times: number[] = [];
  while (!until()) {
    const started = performance.now();
    await fetch(`${base}/healthz`).then((r) => r.arrayBuffer());
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  times.sort((a, b) => a - b);
  return { probes: times.length, p99_ms: percentile(times, 99), max_ms: times[times.length - 1] ?? 0 };
}

/** One heavy request after the other, until `until()`, counting how each ended. */
async function runHeavy(url: string, query: string, until: () => boolean): Promise<Record<string, number>> {
  const outcomes: Record<string, number> = {};
  while (!until()) {
    let outcome: string;
    const text = await post(url, JSON.stringify({ query })).catch((e: Error) =>
      JSON.stringify({ errors: [{ extensions: { code: e.message.slice(0, 40) } }] }),
    );
    // an answer with errors names them first; one without is not parsed: this is the server's process,
    // and reading 9 MB of JSON here would hold the event loop being measured
    if (text.startsWith('{"data"')) outcome = 'data';
    else
      try {
        const body = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
        outcome = body.errors?.[0]?.extensions?.code ?? 'data';
      } catch {
        outcome = 'unreadable';
      }
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  return outcomes;
}

async function phase(target: ChildService, opts: SaturationOptions, heavy: number): Promise<Phase> {
  const expected = await post(target.url, CHEAP);
  const base = target.url.replace(/\/graphql$/, '');
  let done = false;
  const until = () => done;
  const heavyRuns = Array.from({ length: heavy }, (_, i) => HEAVY[i % HEAVY.length]).map(async (h) => ({
    name: h.name,
    outcomes: await runHeavy(target.url, h.query, until),
  }));
  await target.stats(); // the server's event-loop delay from here
  const health = probeHealth(base, until);
  const cheap = await loadTest(target.url, CHEAP, expected, opts.duration, opts.connections);
  done = true;
  const { loop } = await target.stats();
  const outcomes = await Promise.all(heavyRuns);
  return {
    cheap,
    loop,
    healthz: await health,
    heavy: outcomes.map((o) => ({
      ...o,
      answered: Object.values(o.outcomes).reduce((a, b) => a + b, 0),
    })),
  };
}

const ms = (n: number) => n.toFixed(n < 10 ? 1 : 0);

/** The cheap stream's p99 alone and beside the heavy requests, with and without the read threads. */
export async function runSaturation(opts: SaturationOptions): Promise<string> {
  const dir = tempDir();
  try {
    const config: Config = await storesAt(opts.scale, dir);
    const lines = [
      `lam-atlas saturation benchmark: scale ${opts.scale}, ${opts.heavy} heavy requests at once, a cheap stream of ${opts.connections} connections for ${opts.duration} s per phase`,
      '',
      '| SQL_READ_WORKERS | SQL_READ_NICE | cheap p99 alone (ms) | cheap p99 beside heavy (ms) | ratio | cheap req/s alone / beside | /healthz p99 / max beside heavy (ms) | event loop delay p99 / max beside heavy (ms) | heavy answers |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ];
    // the defaults, the read threads at the event loop's priority, and no read threads
    const variants = [
      { workers: config.sqlReadWorkers, nice: opts.nice ?? config.sqlReadNice },
      { workers: config.sqlReadWorkers, nice: 0 },
      { workers: 0, nice: 0 },
    ];
    for (const { workers, nice } of variants) {
      const name = `workers ${workers}, nice ${nice}`;
      // a server process of its own, as `npm start` runs: the load's own work is not on its event loop
      const target = await forkService(['one-process'], {
        STORE_DIR: config.storeDir,
        DATA_DIR: config.dataDir,
        SQL_READ_WORKERS: String(workers),
        SQL_READ_NICE: String(nice),
      });
      try {
        log(`${name}: cheap alone`);
        const alone = await phase(target, opts, 0);
        log(`${name}: cheap beside ${opts.heavy} heavy`);
        const loaded = await phase(target, opts, opts.heavy);
        const outcomes: Record<string, number> = {};
        for (const h of loaded.heavy)
          for (const [k, v] of Object.entries(h.outcomes)) outcomes[k] = (outcomes[k] ?? 0) + v;
        lines.push(
          `| ${workers} | ${workers ? nice : '-'} | ${ms(alone.cheap.p99_ms)} | ${ms(loaded.cheap.p99_ms)} | ${(loaded.cheap.p99_ms / Math.max(alone.cheap.p99_ms, 1)).toFixed(1)}x | ${alone.cheap.rps.toFixed(0)} / ${loaded.cheap.rps.toFixed(0)} | ${ms(loaded.healthz.p99_ms)} / ${ms(loaded.healthz.max_ms)} | ${ms(loaded.loop.p99_ms)} / ${ms(loaded.loop.max_ms)} | ${Object.entries(
            outcomes,
          )
            .map(([k, v]) => `${v} ${k}`)
            .join(', ')} |`,
        );
        for (const h of loaded.heavy) {
          const failed = Object.entries(h.outcomes).filter(([k]) => k !== 'data');
          if (failed.length)
            lines.push(`  (${h.name}: ${failed.map(([k, v]) => `${v} ${k}`).join(', ')} of ${h.answered})`);
        }
        if (loaded.cheap.errors > 0)
          lines.push(`  (${loaded.cheap.errors} cheap requests failed beside the heavy ones)`);
      } finally {
        await target.stop();
      }
    }
    lines.push(
      '',
      'The heavy requests:',
      ...HEAVY.slice(0, opts.heavy).map((h) => `- ${h.name}: \`${h.query}\``),
    );
    return lines.join('\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
