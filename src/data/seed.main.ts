import 'reflect-metadata';
import { loadConfig } from '../common/config';
import { seedStores } from './seed';

/** npm run seed (and `lam-atlas seed`): rebuilds every store from data/. */
export async function main(config = loadConfig()): Promise<void> {
  const report = await seedStores(config);
  const counts = Object.entries(report.counts)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  console.log(
    `seeded ${Object.keys(report.stores).length} stores from data/ in ${report.millis} ms: ${counts}`,
  );
  for (const [name, file] of Object.entries(report.stores)) console.log(`  ${name}: ${file}`);
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
