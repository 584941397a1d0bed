import 'reflect-metadata';
import { wantsHelp } from './flags';
import { loadtestOptions, runLoadtest, USAGE } from './loadtest';

// npm run loadtest -- --help: the flags. Exits 0 when the run passes, 1 when it fails.

const argv = process.argv.slice(2);
if (wantsHelp(argv)) {
  console.log(USAGE);
  process.exit(0);
}
Promise.resolve()
  .then(() => runLoadtest(loadtestOptions(argv)))
  .then(
    (pass) => process.exit(pass ? 0 : 1),
    (err: Error) => {
      console.error(`loadtest failed: ${err.stack ?? err.message}`);
      process.exit(1);
    },
  );
