import * as fs from 'fs';
import * as path from 'path';
import { listFlag, numberFlag, parseFlags } from './flags';
import { auditCosts, measureRounds, referenceRun, warmUp } from './measure';
import { benchReport, loadAverage, resultRows, summarize } from './report';
import { tempDir } from './setup';
import { SCALE_WORKLOADS, workloadSpecs } from './specs';
import { startTargets } from './targets';

export const USAGE =
  'npm run bench -- [--duration s] [--rounds n] [--warmup s] [--connections n] [--scale n] [--targets a,b] [--workloads "models nested,nodes x100"]';

export interface BenchOptions {
  /** seconds of load per measurement */
  duration: number;
  rounds: number;
  /** seconds of load per cell before the rounds (0: none) */
  warmup: number;
  connections: number;
  /** the size of the graph, in copies of the paper's */
  scale: number;
  /** the targets to start (null: all) */
  targets: string[] | null;
  /** the workloads to run (null: all) */
  workloads: string[] | null;
}

/** The options of `npm run bench`, from its command line. */
export function benchOptions(argv: string[]): BenchOptions {
  const flags = parseFlags(argv);
  const scale = numberFlag(flags, 'scale', 1, 1);
  if (!Number.isInteger(scale)) throw new Error('--scale must be an integer');
  return {
    duration: numberFlag(flags, 'duration', 5, 1),
    rounds: Math.floor(numberFlag(flags, 'rounds', 2, 1)),
    warmup: numberFlag(flags, 'warmup', 0.5, 0),
    connections: Math.floor(numberFlag(flags, 'connections', 10, 1)),
    scale,
    targets: listFlag(flags, 'targets'),
    workloads: listFlag(flags, 'workloads'),
  };
}

export const RESULTS_FILE = path.join(__dirname, 'results.json');

/**
 * One benchmark run: starts the targets, answers each workload once on each (the reference run),
 * measures the audits, warms up, measures the rounds, writes results.json and returns the report.
 */
export async function runBench(opts: BenchOptions, unhandledRejections: () => number): Promise<string> {
  const startedAt = Date.now();
  const loadAtStart = loadAverage();
  const dir = tempDir();
  try {
    const targets = await startTargets(opts.scale, opts.targets, dir);
    try {
      const specs = await workloadSpecs(targets.one, opts.scale);
      const cells = await referenceRun(specs, targets.byName, opts.workloads);
      const audited = !opts.workloads || opts.workloads.includes('audits (all six)');
      const audits = audited ? await auditCosts(targets.one) : [];
      await warmUp(cells, Object.keys(targets.byName), opts);
      // after the warm-up: the garbage of building the stores is behind, the measured load ahead
      const before = process.memoryUsage();
      await measureRounds(cells, opts);
      const after = process.memoryUsage();
      const printed = summarize(cells);
      fs.writeFileSync(RESULTS_FILE, JSON.stringify(resultRows(printed, audits), null, 2) + '\n');
      return benchReport(printed, audits, {
        ...opts,
        loadAtStart,
        memory: { before, after },
        scaleWorkloads: SCALE_WORKLOADS,
        unhandledRejections: unhandledRejections(),
        resultsFile: path.relative(process.cwd(), RESULTS_FILE),
        startedAt,
      });
    } finally {
      await targets.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
