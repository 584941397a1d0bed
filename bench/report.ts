import * as os from 'os';

/** One row of bench/results.json: a workload on a target, over every round of the run. */
export interface Row {
  workload: string;
  target: string;
  rps: number | null;
  p50_ms: number | null;
  p99_ms: number | null;
  errors: number | null;
  sql_per_request: number | null;
  fetches_per_request: number | null;
  /** SQL statements during the load over answers received: below sql_per_request when requests share work */
  sql_per_request_under_load?: number | null;
  /** CPU time of the gateway's own process over answers received, in ms (null: it shares the bench's process) */
  gateway_cpu_ms_per_request?: number | null;
}

/** What the table shows besides a row: whether the target's answer equals the one-process gateway's. */
export interface Printed extends Row {
  same: string;
}

const fmt = (v: number | null, digits = 0) => (v === null ? '-' : v.toFixed(digits));

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function resultsTable(rows: Printed[]): string {
  return table(
    [
      'workload',
      'target',
      'req/s',
      'p50 ms',
      'p99 ms',
      'errors',
      'SQL/req',
      'under load',
      'fetches/req',
      'CPU ms/req',
      'same answer',
    ],
    rows.map((r) => [
      r.workload,
      r.target,
      fmt(r.rps),
      fmt(r.p50_ms, 1),
      fmt(r.p99_ms, 1),
      fmt(r.errors),
      fmt(r.sql_per_request),
      fmt(r.sql_per_request_under_load ?? null, 1),
      fmt(r.fetches_per_request),
      fmt(r.gateway_cpu_ms_per_request ?? null, 2),
      r.same,
    ]),
  );
}

export interface Ratio {
  what: string;
  workload: string;
  numerator: string;
  denominator: string;
  /** when the denominator ran another workload (e.g. a subgraph answering only its own fields) */
  denominatorWorkload?: string;
  /** the issue's goal for this ratio, if it sets one */
  goal?: number;
}

/** Throughput ratios between targets of the same run; a missing measurement prints as "-". */
export function ratioLines(rows: Row[], ratios: Ratio[]): string {
  const rps = (workload: string, target: string) =>
    rows.find((r) => r.workload === workload && r.target === target)?.rps ?? null;
  const measured = ratios.filter(
    (q) =>
      rps(q.workload, q.numerator) !== null &&
      rps(q.denominatorWorkload ?? q.workload, q.denominator) !== null,
  );
  if (measured.length === 0) return '  (none: a ratio needs both of its measurements in this run)';
  const out = measured.map((q) => {
    const a = rps(q.workload, q.numerator);
    const b = rps(q.denominatorWorkload ?? q.workload, q.denominator);
    const value = a !== null && b ? a / b : null;
    const goal =
      q.goal === undefined
        ? ''
        : value === null
          ? ''
          : value >= q.goal
            ? `  (goal >= ${q.goal}: met)`
            : `  (goal >= ${q.goal}: NOT met)`;
    return [q.what, value === null ? '-' : `${value.toFixed(2)}x`, `${fmt(a)} / ${fmt(b)} req/s${goal}`];
  });
  const width = Math.max(...out.map((o) => o[0].length));
  return out.map(([w, v, d]) => `${w.padEnd(width)}  ${v.padStart(7)}  ${d}`).join('\n');
}

/** CPU-per-request ratios between gateways that run in processes of their own; `goal` is an upper bound. */
const CPU_RATIOS: Ratio[] = [
  {
    what: 'nested: separate-services / apollo-gateway',
    workload: 'models nested',
    numerator: 'separate-services',
    denominator: 'apollo-gateway',
    goal: 1 / 3,
  },
  {
    what: 'nested: separate-services-rust / separate-services',
    workload: 'models nested',
    numerator: 'separate-services-rust',
    denominator: 'separate-services',
  },
];

export function cpuLines(rows: Row[], ratios: Ratio[]): string {
  const cpu = (workload: string, target: string) =>
    rows.find((r) => r.workload === workload && r.target === target)?.gateway_cpu_ms_per_request ?? null;
  const out = ratios.flatMap((q) => {
    const [a, b] = [cpu(q.workload, q.numerator), cpu(q.workload, q.denominator)];
    if (a === null || !b) return [];
    const value = a / b;
    const goal =
      q.goal === undefined ? '' : `  (goal <= ${q.goal.toFixed(2)}: ${value <= q.goal ? 'met' : 'NOT met'})`;
    return [[q.what, `${value.toFixed(2)}x`, `${fmt(a, 2)} / ${fmt(b, 2)} ms${goal}`]];
  });
  if (out.length === 0) return '  (none: a ratio needs both of its measurements in this run)';
  const width = Math.max(...out.map((o) => o[0].length));
  return out.map(([w, v, d]) => `  ${w.padEnd(width)}  ${v.padStart(7)}  ${d}`).join('\n');
}

/** p50 latency of each workload at scale N against scale 1, with the ratio and whether it meets `goal`. */
export function scaleLines(rows: Row[], workloads: string[], goal: number): string {
  const p50 = (workload: string, target: string) =>
    rows.find((r) => r.workload === workload && r.target === target)?.p50_ms ?? null;
  const lines = workloads.flatMap((w) => {
    const [large, small] = [p50(w, 'one-process'), p50(w, 'one-process@1x')];
    if (large === null || small === null) return [];
    const ratio = large / small;
    return [
      [
        w,
        `${fmt(small, 1)} ms -> ${fmt(large, 1)} ms`,
        `${ratio.toFixed(2)}x`,
        ratio <= goal ? 'met' : 'NOT met',
      ],
    ];
  });
  if (lines.length === 0) return '  (none: each needs both scales in this run)';
  const widths = [0, 1, 2].map((i) => Math.max(...lines.map((l) => l[i].length)));
  return lines
    .map(
      (l) => `  ${l[0].padEnd(widths[0])}  ${l[1].padStart(widths[1])}  ${l[2].padStart(widths[2])}  ${l[3]}`,
    )
    .join('\n');
}

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

/** RSS and V8 heap before the warm-up and after the last round. */
export function memoryLine(before: NodeJS.MemoryUsage, after: NodeJS.MemoryUsage): string {
  return `RSS ${mb(before.rss)} -> ${mb(after.rss)}, heap used ${mb(before.heapUsed)} -> ${mb(after.heapUsed)}`;
}

/** The measurements of one cell, as the table prints them and results.json keeps them. */
export interface Measured {
  workload: string;
  target: { name: string };
  runs: { rps: number; p50_ms: number; p99_ms: number; errors: number; requests: number }[];
  sql: number;
  fetches: number | null;
  loadSql: number;
  cpuMicros: number | null;
  same: string;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Each cell over its rounds: req/s and p50 the mean of the rounds, p99 the worst, errors the sum. */
export function summarize(cells: Measured[]): Printed[] {
  const answered = (c: Measured) =>
    Math.max(
      1,
      c.runs.reduce((n, r) => n + r.requests, 0),
    );
  return cells.map((c) => ({
    workload: c.workload,
    target: c.target.name,
    rps: mean(c.runs.map((r) => r.rps)),
    p50_ms: mean(c.runs.map((r) => r.p50_ms)),
    p99_ms: Math.max(...c.runs.map((r) => r.p99_ms)),
    errors: c.runs.reduce((n, r) => n + r.errors, 0),
    sql_per_request: c.sql,
    fetches_per_request: c.fetches,
    sql_per_request_under_load: c.loadSql / answered(c),
    gateway_cpu_ms_per_request: c.cpuMicros === null ? null : c.cpuMicros / 1000 / answered(c),
    same: c.same,
  }));
}

/** The throughput ratios a run reports; those of the model pages only at scale. */
export function benchRatios(scale: number): Ratio[] {
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
      what: 'nested: one-process-planned-rust / one-process-planned',
      workload: 'models nested',
      numerator: 'one-process-planned-rust',
      denominator: 'one-process-planned',
    },
    {
      what: 'nested: separate-services-rust / separate-services',
      workload: 'models nested',
      numerator: 'separate-services-rust',
      denominator: 'separate-services',
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
  ];
  return ratios.filter((q) => scale > 1 || !q.workload.startsWith('models page'));
}

/** The rows of results.json: the measured cells, then the cost of each audit. */
export const resultRows = (printed: Printed[], audits: Row[]): Row[] => [
  ...printed.map((p) => {
    const row: Row & { same?: string } = { ...p };
    delete row.same;
    return row;
  }),
  ...audits,
];

/** What a run prints after its rounds, besides the rows. */
export interface RunFacts {
  scale: number;
  rounds: number;
  duration: number;
  connections: number;
  /** the load average when the run started */
  loadAtStart: string;
  /** memory after the warm-up and after the rounds */
  memory: { before: NodeJS.MemoryUsage; after: NodeJS.MemoryUsage };
  /** the workloads compared between scale N and scale 1 */
  scaleWorkloads: string[];
  unhandledRejections: number;
  resultsFile: string;
  startedAt: number;
}

export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/** The report of a run: the machine, the table, how to read it, the ratios, scale, audits. */
export function benchReport(printed: Printed[], audits: Row[], facts: RunFacts): string {
  const rows = resultRows(printed, audits);
  const cpu = os.cpus();
  const out = [
    `\nlam-atlas benchmark: scale ${facts.scale}, ${facts.rounds} round(s) of ${facts.duration} s per measurement, ${facts.connections} connections,`,
    `node ${process.version}, ${cpu.length} x ${cpu[0]?.model ?? 'cpu'}, load average ${loadAverage()} (at start: ${facts.loadAtStart}); loopback, load from a worker thread\n`,
    resultsTable(printed),
    '\n"models nested (catalog fields)" drops citations and risks, which the literature and risks subgraphs contribute,',
    'so that the catalog subgraph can answer it alone. req/s: mean of the rounds; p50: mean; p99: worst round.',
    'SQL/req and fetches/req: one request measured outside the load (SQL of the stores behind the target; fetches: subgraph requests).',
    'under load: SQL statements during the load / answers; lower than SQL/req where the gateway shares identical in-flight',
    'subgraph requests between clients (the HTTP transport of separate-services does), so identical concurrent queries cost less there.',
    "CPU ms/req: CPU time of the gateway's own process during the load / answers, for the gateways that run in a",
    'process of their own (separate-services, apollo-gateway), each subgraph service in another (catalog-direct: its own).',
    `\nratios (throughput, this run):\n${ratioLines(rows, benchRatios(facts.scale))}`,
    `\nratios (gateway CPU per request, this run):\n${cpuLines(rows, CPU_RATIOS)}`,
  ];
  if (facts.scale > 1)
    out.push(
      `\nat scale ${facts.scale} (one-process) against scale 1 (one-process@1x), p50 latency (goal: within 2x):\n${scaleLines(rows, facts.scaleWorkloads, 2)}`,
      `memory of the bench process (both gateways and their subgraphs, load from a worker), after the warm-up and after the rounds: ${memoryLine(facts.memory.before, facts.memory.after)}`,
    );
  if (audits.length)
    out.push(
      `\ncost of each audit on one-process:\n${audits.map((a) => `  ${a.workload.padEnd(38)} SQL ${a.sql_per_request}, fetches ${a.fetches_per_request}`).join('\n')}`,
    );
  if (facts.unhandledRejections > 0)
    out.push(`\n${facts.unhandledRejections} unhandled promise rejection(s) during the run: see stderr.`);
  out.push(`\nwrote ${facts.resultsFile}; total ${((Date.now() - facts.startedAt) / 1000).toFixed(0)} s`);
  return out.join('\n');
}
