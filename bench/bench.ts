import 'reflect-metadata';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { costOf, dataOf, loadTest, LoadResult } from './load';
import { memoryLine, Printed, Ratio, ratioLines, resultsTable, Row, scaleLines } from './report';
import { deepCursor, log, nodeIds, richestDataset, storesAt, tempDir } from './setup';
import {
  directCatalog,
  startApolloPeer,
  startFloor,
  startOneProcess,
  startSeparateServices,
  startSubgraphServices,
  Target,
} from './targets';
import * as W from './workloads';

// npm run bench -- [--duration s] [--rounds n] [--warmup s] [--connections n] [--scale n] [--targets a,b] [--workloads "models nested,nodes x100"]

function options(argv: string[]) {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined)
      throw new Error(`expected --flag value, got "${argv[i]}"`);
    flags[argv[i].slice(2)] = argv[i + 1];
  }
  const num = (name: string, fallback: number, min: number) => {
    const v = flags[name] === undefined ? fallback : Number(flags[name]);
    if (!Number.isFinite(v) || v < min) throw new Error(`--${name} must be a number >= ${min}`);
    return v;
  };
  const list = (name: string) => (flags[name] ? flags[name].split(',').map((s) => s.trim()) : null);
  const scale = num('scale', 1, 1);
  if (!Number.isInteger(scale)) throw new Error('--scale must be an integer');
  return {
    duration: num('duration', 5, 1),
    rounds: Math.floor(num('rounds', 2, 1)),
    warmup: num('warmup', 0.5, 0),
    connections: Math.floor(num('connections', 10, 1)),
    scale,
    targets: list('targets'),
    workloads: list('workloads'),
  };
}

/** A workload on a target: the body sent and the answer every response must equal. */
interface Cell {
  workload: string;
  target: Target;
  body: string;
  expect: string;
  sql: number;
  fetches: number | null;
  same: string;
  runs: LoadResult[];
  /** SQL statements run during the measured load (identical in-flight subgraph requests may be shared) */
  loadSql: number;
}

const GATEWAYS = ['one-process', 'one-process-planned', 'separate-services', 'apollo-gateway'];
const SCALE_WORKLOADS = [
  ...Object.keys(W.MODEL_ORDERS).flatMap((suffix) => [
    `models page first${suffix}`,
    `models page deep${suffix}`,
  ]),
  'results count',
  'results count (one metric)',
];
const PEERS = ['one-process', 'one-process-planned', 'apollo-gateway'];

// Counted and reported instead of ending the run: a rejection nobody handles is a finding of the run.
let unhandled = 0;
process.on('unhandledRejection', (err) => {
  if (unhandled++ === 0)
    log(`UNHANDLED REJECTION (a server would exit on it): ${err instanceof Error ? err.stack : String(err)}`);
});

async function main() {
  const opts = options(process.argv.slice(2));
  const started = Date.now();
  const loadAtStart = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  const dir = tempDir();
  const stoppers: (() => Promise<void>)[] = [];
  const wanted = (name: string) => !opts.targets || opts.targets.includes(name);
  try {
    const config = await storesAt(opts.scale, path.join(dir, `x${opts.scale}`));
    const one = await startOneProcess(config);
    stoppers.push(one.stop);
    const targets: Record<string, Target> = { 'one-process': one };
    const needsServices = ['separate-services', 'catalog-direct', 'apollo-gateway'].some(wanted);
    if (needsServices) {
      const svc = await startSubgraphServices(config);
      stoppers.unshift(svc.stop);
      if (wanted('separate-services')) targets['separate-services'] = await startSeparateServices(svc);
      if (wanted('catalog-direct')) targets['catalog-direct'] = directCatalog(svc);
      if (wanted('apollo-gateway')) targets['apollo-gateway'] = await startApolloPeer(svc);
    }
    if (wanted('one-process-planned'))
      targets['one-process-planned'] = await startOneProcess(
        { ...config, execution: 'planned' },
        'one-process-planned',
      );
    if (wanted('floor')) targets.floor = await startFloor(config);
    if (opts.scale > 1 && wanted('one-process@1x'))
      targets['one-process@1x'] = await startOneProcess(
        await storesAt(1, path.join(dir, 'x1')),
        'one-process@1x',
      );
    for (const t of Object.values(targets)) if (t !== one) stoppers.unshift(t.stop);
    log(
      `targets up: ${Object.values(targets)
        .map((t) => `${t.name} ${t.url}`)
        .join(', ')}`,
    );

    const ids = await nodeIds(one);
    const slug = await richestDataset(one);
    log(`dataset page: "${slug}"; nodes: ${ids.length} ids`);
    const gql = (query: string, variables?: Record<string, unknown>) =>
      W.body({ query, variables, name: '' });
    const specs: { workload: string; targets: string[]; body: (t: Target) => Promise<string> }[] = [
      {
        workload: 'models nested',
        targets: ['one-process', 'one-process-planned', 'separate-services', 'floor', 'apollo-gateway'],
        body: async (t) => (t.name === 'floor' ? JSON.stringify({ first: 100 }) : gql(W.NESTED_MODELS)),
      },
      {
        workload: 'models nested (catalog fields)',
        targets: ['one-process', 'catalog-direct'],
        body: async () => gql(W.NESTED_MODELS_CATALOG),
      },
      { workload: 'dataset page', targets: GATEWAYS, body: async () => gql(W.DATASET_PAGE, { slug }) },
      { workload: 'audits (all six)', targets: GATEWAYS, body: async () => gql(W.ALL_AUDITS) },
      // separate-services runs the three multi-subgraph workloads only, to keep the default run near 3 minutes
      { workload: 'search "med"', targets: PEERS, body: async () => gql(W.SEARCH) },
      { workload: 'nodes x100', targets: PEERS, body: async () => gql(W.NODES, { ids }) },
    ];
    if (opts.scale > 1) {
      const paging = ['one-process', 'one-process@1x'];
      for (const [suffix, orderBy] of Object.entries(W.MODEL_ORDERS)) {
        specs.push({
          workload: `models page first${suffix}`,
          targets: paging,
          body: async () => gql(W.MODELS_PAGE, { after: null, orderBy }),
        });
        specs.push({
          workload: `models page deep${suffix}`,
          targets: paging,
          body: async (t) => {
            const { after, total } = await deepCursor(t, orderBy);
            log(`${t.name}: deep page${suffix} after row ${total - W.PAGE_SIZE} of ${total}`);
            return gql(W.MODELS_PAGE, { after, orderBy });
          },
        });
      }
      specs.push({ workload: 'results count', targets: paging, body: async () => gql(W.RESULTS_COUNT) });
      specs.push({
        workload: 'results count (one metric)',
        targets: paging,
        body: async () => gql(W.RESULTS_COUNT_ONE_METRIC),
      });
    }

    // one request per cell outside the load: the expected answer, its cost, and whether it matches target 1's
    const cells: Cell[] = [];
    const reference = new Map<string, string>();
    for (const spec of specs.filter((s) => !opts.workloads || opts.workloads.includes(s.workload))) {
      for (const name of spec.targets.filter((n) => targets[n])) {
        const target = targets[name];
        const body = await spec.body(target);
        const cost = await costOf(target, body);
        const data = JSON.stringify(dataOf(cost.body, `${spec.workload} on ${name}`));
        const key = spec.workload + (name === 'one-process@1x' ? '@1x' : '');
        if (!reference.has(key)) reference.set(key, data);
        // the first target of each workload is the one-process gateway: every other answer must equal its answer
        const same = reference.get(key) === data;
        cells.push({
          workload: spec.workload,
          target,
          body,
          expect: cost.body,
          sql: cost.sql,
          fetches: cost.fetches,
          same: same ? 'yes' : 'NO',
          runs: [],
          loadSql: 0,
        });
      }
    }
    const floorCell = cells.find((c) => c.target.name === 'floor');
    if (floorCell)
      log(`floor JSON equals the one-process gateway's answer to the nested query: ${floorCell.same}`);

    // each audit lists whole tables: only measured with the audits workload (at scale they are huge)
    const audited = !opts.workloads || opts.workloads.includes('audits (all six)');
    const audits: Row[] = [];
    for (const field of audited ? Object.keys(W.AUDIT_FIELDS) : []) {
      const cost = await costOf(one, gql(W.auditQuery(field)));
      dataOf(cost.body, `audit ${field}`);
      audits.push({
        workload: `audit ${field}`,
        target: 'one-process',
        rps: null,
        p50_ms: null,
        p99_ms: null,
        errors: null,
        sql_per_request: cost.sql,
        fetches_per_request: cost.fetches,
      });
    }

    const perCell = opts.warmup + opts.rounds * opts.duration;
    log(
      `${cells.length} measurements x (${opts.warmup} s warm-up + ${opts.rounds} x ${opts.duration} s): about ${Math.round(cells.length * perCell)} s`,
    );
    for (const name of Object.keys(targets)) {
      for (const c of cells.filter((x) => x.target.name === name && opts.warmup > 0))
        await loadTest(c.target.url, c.body, c.expect, opts.warmup, opts.connections);
      log(`warmed up ${name}`);
    }
    // after the warm-up: the garbage of building the stores is behind, the measured load ahead
    const memoryBefore = process.memoryUsage();
    for (let round = 1; round <= opts.rounds; round++) {
      for (const workload of [...new Set(cells.map((c) => c.workload))]) {
        const row = cells.filter((c) => c.workload === workload);
        // alternate the order of targets from one round to the next
        for (const c of round % 2 === 1 ? row : [...row].reverse()) {
          const sqlBefore = c.target.sql();
          const r = await loadTest(c.target.url, c.body, c.expect, opts.duration, opts.connections);
          c.runs.push(r);
          c.loadSql += c.target.sql() - sqlBefore;
          log(
            `round ${round}/${opts.rounds} ${workload} on ${c.target.name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms, errors ${r.errors}`,
          );
        }
      }
    }

    const memoryAfter = process.memoryUsage();
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const printed: Printed[] = cells.map((c) => ({
      workload: c.workload,
      target: c.target.name,
      rps: mean(c.runs.map((r) => r.rps)),
      p50_ms: mean(c.runs.map((r) => r.p50_ms)),
      p99_ms: Math.max(...c.runs.map((r) => r.p99_ms)),
      errors: c.runs.reduce((n, r) => n + r.errors, 0),
      sql_per_request: c.sql,
      fetches_per_request: c.fetches,
      sql_per_request_under_load:
        c.loadSql /
        Math.max(
          1,
          c.runs.reduce((n, r) => n + r.requests, 0),
        ),
      same: c.same,
    }));
    const rows: Row[] = [...printed.map(({ same: _same, ...row }) => row), ...audits];
    fs.writeFileSync(path.join(__dirname, 'results.json'), JSON.stringify(rows, null, 2) + '\n');

    const ratios: Ratio[] = [
      {
        what: 'nested: one-process / apollo-gateway',
        workload: 'models nested',
        numerator: 'one-process',
        denominator: 'apollo-gateway',
        goal: 3,
      },
      {
        what: 'nested: one-process-planned / apollo-gateway',
        workload: 'models nested',
        numerator: 'one-process-planned',
        denominator: 'apollo-gateway',
      },
      {
        what: 'nested: separate-services / apollo-gateway',
        workload: 'models nested',
        numerator: 'separate-services',
        denominator: 'apollo-gateway',
      },
      {
        what: 'nested (catalog fields): one-process / catalog-direct',
        workload: 'models nested (catalog fields)',
        numerator: 'one-process',
        denominator: 'catalog-direct',
        goal: 0.5,
      },
      {
        what: 'nested (all fields) one-process / catalog-direct (catalog fields)',
        workload: 'models nested',
        numerator: 'one-process',
        denominator: 'catalog-direct',
        denominatorWorkload: 'models nested (catalog fields)',
      },
      {
        what: 'nested: one-process / floor',
        workload: 'models nested',
        numerator: 'one-process',
        denominator: 'floor',
        goal: 0.2,
      },
      ...['dataset page', 'audits (all six)', 'search "med"', 'nodes x100'].map((w) => ({
        what: `${w}: one-process / apollo-gateway`,
        workload: w,
        numerator: 'one-process',
        denominator: 'apollo-gateway',
      })),
      {
        what: 'models page deep / first, at scale',
        workload: 'models page deep',
        numerator: 'one-process',
        denominator: 'one-process',
        denominatorWorkload: 'models page first',
      },
      {
        what: 'models page deep, scale N / scale 1',
        workload: 'models page deep',
        numerator: 'one-process',
        denominator: 'one-process@1x',
      },
    ].filter((q) => opts.scale > 1 || !q.workload.startsWith('models page'));

    const cpu = os.cpus();
    console.log(
      `\nlam-atlas benchmark: scale ${opts.scale}, ${opts.rounds} round(s) of ${opts.duration} s per measurement, ${opts.connections} connections,`,
    );
    const load = os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
    console.log(
      `node ${process.version}, ${cpu.length} x ${cpu[0]?.model ?? 'cpu'}, load average ${load} (at start: ${loadAtStart}); loopback, load from a worker thread\n`,
    );
    console.log(resultsTable(printed));
    console.log(
      '\n"models nested (catalog fields)" drops citations and risks, which the literature and risks subgraphs contribute,',
    );
    console.log(
      'so that the catalog subgraph can answer it alone. req/s: mean of the rounds; p50: mean; p99: worst round.',
    );
    console.log(
      'SQL/req and fetches/req: one request measured outside the load (SQL of the stores behind the target; fetches: subgraph requests).',
    );
    console.log(
      'under load: SQL statements during the load / answers; lower than SQL/req where the gateway shares identical in-flight',
    );
    console.log(
      'subgraph requests between clients (the HTTP transport of separate-services does), so identical concurrent queries cost less there.',
    );
    console.log(`\nratios (throughput, this run):\n${ratioLines(rows, ratios)}`);
    if (opts.scale > 1) {
      console.log(
        `\nat scale ${opts.scale} (one-process) against scale 1 (one-process@1x), p50 latency (goal: within 2x):\n${scaleLines(rows, SCALE_WORKLOADS, 2)}`,
      );
      console.log(
        `memory of the bench process (both gateways and their subgraphs, load from a worker), after the warm-up and after the rounds: ${memoryLine(memoryBefore, memoryAfter)}`,
      );
    }
    if (audited)
      console.log(
        `\ncost of each audit on one-process:\n${audits.map((a) => `  ${a.workload.padEnd(38)} SQL ${a.sql_per_request}, fetches ${a.fetches_per_request}`).join('\n')}`,
      );
    if (unhandled > 0)
      console.log(`\n${unhandled} unhandled promise rejection(s) during the run: see stderr.`);
    console.log(
      `\nwrote ${path.relative(process.cwd(), path.join(__dirname, 'results.json'))}; total ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  } finally {
    for (const stop of stoppers) await stop().catch((err: Error) => log(`stop failed: ${err.message}`));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error('bench failed:', err);
    process.exit(1);
  },
);
