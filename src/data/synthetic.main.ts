import 'reflect-metadata';
import { loadConfig } from '../common/config';
import { onInsertProgress } from '../common/insert';
import { buildStores } from './seed';
import { scaleSurveyData } from './synthetic';
import { loadSurveyData } from './validate';

/**
 * npm run data:synthetic -- --scale N: builds the stores from a graph N times the paper's (see
 * synthetic.ts), with a progress line and the insert throughput. `npm run seed` restores the real data.
 */
async function main(): Promise<void> {
  const arg = process.argv.indexOf('--scale');
  const scale = Number(arg >= 0 ? process.argv[arg + 1] : NaN);
  if (!Number.isInteger(scale) || scale < 1 || scale > 100_000) throw new Error('usage: npm run data:synthetic -- --scale N (a whole number from 1 to 100000)');
  const config = loadConfig();
  const data = scaleSurveyData(loadSurveyData(config.dataDir), scale);
  const total = Object.values(data).reduce((n, rows) => n + (rows as unknown[]).length, 0);
  const started = Date.now();
  let rows = 0;
  let lastDraw = 0;
  onInsertProgress((table, n) => {
    rows += n;
    const now = Date.now();
    if (now - lastDraw < 200) return;
    lastDraw = now;
    const rate = Math.round(rows / ((now - started) / 1000));
    process.stderr.write(`\r${table.padEnd(18)} ${rows.toLocaleString('en')} rows inserted, ${rate.toLocaleString('en')} rows/s   `);
  });
  const report = await buildStores(config, data);
  const seconds = (Date.now() - started) / 1000;
  process.stderr.write('\n');
  const counts = Object.entries(report.counts).map(([k, n]) => `${n.toLocaleString('en')} ${k}`).join(', ');
  console.log(`built a ${scale}x graph (${total.toLocaleString('en')} records: ${counts}) in ${seconds.toFixed(1)} s, ${Math.round(rows / seconds).toLocaleString('en')} rows/s`);
  console.log('npm run seed (or npm start after a change of data/) puts the real data back');
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
