import 'reflect-metadata';
import { benchOptions, runBench, USAGE } from './bench';
import { wantsHelp } from './flags';
import { log } from './setup';

// npm run bench -- --help: the flags. Runs the benchmark and prints its report.

// Counted and reported instead of ending the run: a rejection nobody handles is a finding of the run.
let unhandled = 0;
process.on('unhandledRejection', (err) => {
  if (unhandled++ === 0)
    log(`UNHANDLED REJECTION (a server would exit on it): ${err instanceof Error ? err.stack : String(err)}`);
});

const argv = process.argv.slice(2);
if (wantsHelp(argv)) {
  console.log(USAGE);
  process.exit(0);
}
Promise.resolve()
  .then(() => runBench(benchOptions(argv), () => unhandled))
  .then(
    (report) => {
      console.log(report);
      process.exit(0);
    },
    (err: Error) => {
      console.error('bench failed:', err);
      process.exit(1);
    },
  );
