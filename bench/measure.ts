import { costOf, dataOf, loadTest, LoadResult } from './load';
import { Row } from './report';
import { log } from './setup';
import { operationBody, Spec } from './specs';
import { Target } from './targets';
import * as W from './workloads';

/** A workload on a target: the body sent and the answer every response must equal. */
export interface Cell {
  workload: string;
  target: Target;
  body: string;
  expect: string;
  sql: number;
  fetches: number | null;
  /** 'yes' when the answer equals the one-process gateway's answer to the workload, else 'NO' */
  same: string;
  runs: LoadResult[];
  /** SQL statements run during the measured load (identical in-flight subgraph requests may be shared) */
  loadSql: number;
  /** CPU time of the target's own process during the measured load, in microseconds (null: not its own) */
  cpuMicros: number | null;
}

export interface LoadOptions {
  duration: number;
  rounds: number;
  warmup: number;
  connections: number;
}

/**
 * One request per cell outside the load: the expected answer, its cost, and whether it matches the
 * answer of the workload's first target (the one-process gateway). `workloads` null: every spec.
 */
export async function referenceRun(
  specs: Spec[],
  targets: Record<string, Target>,
  workloads: string[] | null,
): Promise<Cell[]> {
  const cells: Cell[] = [];
  const reference = new Map<string, string>();
  for (const spec of specs.filter((s) => !workloads || workloads.includes(s.workload))) {
    for (const name of spec.targets.filter((n) => targets[n])) {
      const target = targets[name];
      const body = await spec.body(target);
      const cost = await costOf(target, body);
      const data = JSON.stringify(dataOf(cost.body, `${spec.workload} on ${name}`));
      const key = spec.workload + (name === 'one-process@1x' ? '@1x' : '');
      if (!reference.has(key)) reference.set(key, data);
      cells.push({
        workload: spec.workload,
        target,
        body,
        expect: cost.body,
        sql: cost.sql,
        fetches: cost.fetches,
        same: reference.get(key) === data ? 'yes' : 'NO',
        runs: [],
        loadSql: 0,
        cpuMicros: target.cpuMicros ? 0 : null,
      });
    }
  }
  const floorCell = cells.find((c) => c.target.name === 'floor');
  if (floorCell)
    log(`floor JSON equals the one-process gateway's answer to the nested query: ${floorCell.same}`);
  return cells;
}

/** The cost of each audit alone on the one-process gateway (each lists whole tables: not put under load). */
export async function auditCosts(one: Target): Promise<Row[]> {
  const audits: Row[] = [];
  for (const field of Object.keys(W.AUDIT_FIELDS)) {
    const cost = await costOf(one, operationBody(W.auditQuery(field)));
    dataOf(cost.body, `audit ${field}`);
    audits.push({
      workload: `audit ${field}`,
      target: one.name,
      rps: null,
      p50_ms: null,
      p99_ms: null,
      errors: null,
      sql_per_request: cost.sql,
      fetches_per_request: cost.fetches,
    });
  }
  return audits;
}

/** Load on every cell for the warm-up time, target by target; nothing is recorded. */
export async function warmUp(cells: Cell[], targets: string[], opts: LoadOptions): Promise<void> {
  const perCell = opts.warmup + opts.rounds * opts.duration;
  log(
    `${cells.length} measurements x (${opts.warmup} s warm-up + ${opts.rounds} x ${opts.duration} s): about ${Math.round(cells.length * perCell)} s`,
  );
  for (const name of targets) {
    for (const c of cells.filter((x) => x.target.name === name && opts.warmup > 0))
      await loadTest(c.target.url, c.body, c.expect, opts.warmup, opts.connections);
    log(`warmed up ${name}`);
  }
}

/** The measured rounds: each workload on each of its targets, the targets' order alternating by round. */
export async function measureRounds(cells: Cell[], opts: LoadOptions): Promise<void> {
  for (let round = 1; round <= opts.rounds; round++) {
    for (const workload of [...new Set(cells.map((c) => c.workload))]) {
      const row = cells.filter((c) => c.workload === workload);
      for (const c of round % 2 === 1 ? row : [...row].reverse()) {
        const sqlBefore = await c.target.sql();
        const cpuBefore = await c.target.cpuMicros?.();
        const r = await loadTest(c.target.url, c.body, c.expect, opts.duration, opts.connections);
        const cpuAfter = await c.target.cpuMicros?.();
        c.runs.push(r);
        c.loadSql += (await c.target.sql()) - sqlBefore;
        if (c.cpuMicros !== null) c.cpuMicros += cpuAfter! - cpuBefore!;
        log(
          `round ${round}/${opts.rounds} ${workload} on ${c.target.name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms, errors ${r.errors}`,
        );
      }
    }
  }
}
