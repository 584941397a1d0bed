import { wantsHelp } from './flags';
import { runSaturation, saturationOptions, USAGE } from './saturation';

// npm run bench:saturation -- --help: the flags. Prints the cheap stream's latency beside heavy requests.
const argv = process.argv.slice(2);
if (wantsHelp(argv)) {
  console.log(USAGE);
} else {
  runSaturation(saturationOptions(argv))
    .then((report) => console.log(report))
    .catch((err: Error) => {
      console.error(err.stack ?? err.message);
      process.exitCode = 1;
    });
}
