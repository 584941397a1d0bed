import 'reflect-metadata';
import { SUBGRAPH_NAMES, loadConfig } from '../common/config';
import { countInsertedRows, onInsertProgress } from '../common/insert';
import { readPaper } from './paper';
import { progressBar } from './progress-bar';
import { buildStores, dataDigest, syntheticDigest } from './seed';
import { SUBGRAPH_MODULES } from '../subgraphs';
import { scaleSurveyData } from './synthetic';
import { loadSurveyData, validateSurveyData } from './validate';

const MB = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('en')} MB`;

/**
 * npm run data:synthetic -- --scale N: validates a graph N times the paper's (see synthetic.ts) and
 * builds the stores from it, with a progress bar, the insert throughput, the build time and the peak
 * memory. `npm run seed` restores the real data.
 */
async function main(): Promise<void> {
  const arg = process.argv.indexOf('--scale');
  const scale = Number(arg >= 0 ? process.argv[arg + 1] : NaN);
  if (!Number.isInteger(scale) || scale < 1 || scale > 100_000)
    throw new Error('usage: npm run data:synthetic -- --scale N (a whole number from 1 to 100000)');
  const config = loadConfig();
  const started = Date.now();
  const data = scaleSurveyData(loadSurveyData(config.dataDir), scale);
  validateSurveyData(data, data.citations.length, readPaper(config.dataDir));
  const prepared = (Date.now() - started) / 1000;
  let total = 0;
  for (const name of SUBGRAPH_NAMES)
    total += await countInsertedRows((m) => SUBGRAPH_MODULES[name].seed(m, data));
  const bar = progressBar(total);
  onInsertProgress((table, rows) => bar.add(table, rows));
  await buildStores(config, data, syntheticDigest(dataDigest(config.dataDir), scale));
  const { rows, seconds } = bar.finish();
  const records = Object.entries(data)
    .map(([k, v]) => `${(v as unknown[]).length.toLocaleString('en')} ${k}`)
    .join(', ');
  console.log(`built a ${scale}x graph (${records}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(
    `  generated and validated in ${prepared.toFixed(1)} s; ${rows.toLocaleString('en')} rows inserted in ${seconds.toFixed(1)} s, ${Math.round(rows / seconds).toLocaleString('en')} rows/s`,
  );
  console.log(`  peak memory (RSS) ${MB(process.resourceUsage().maxRSS * 1024)}`);
  console.log("npm start serves it until data/ changes; npm run seed puts the paper's data back");
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
