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
  /** the goal for this ratio, if it sets one */
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
