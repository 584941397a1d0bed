import * as v8 from 'v8';
import * as vm from 'vm';
import type { InProcessApp } from '../../src/app/in-process';
import { createInProcessApp } from '../../src/app/in-process';
import { gatewayPost, seededConfig } from '../helpers/app';

/** heap in use after a full collection, so what is measured is what is still held */
function heapUsed(): number {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

/**
 * A valid document of about 5 kB and 400 fields, a distinct text for each i. The fields are aliases:
 * fields of one name are refused by graphql-js past a few hundred (validation aborts comparing them
 * all), and a type has not hundreds of fields of its own. (Validation compares every pair of fields,
 * so 800 would take four times as long for the same bytes.)
 */
const document = (i: number) =>
  `{ citation(number: ${i}) { ${Array.from({ length: 400 }, (_, j) => `field${j}: id`).join(' ')} } }`;

const MIB = 1024 * 1024;
/**
 * What the caches may hold: 64 MiB of parsed and validated documents and 64 MiB of compiled ones, both
 * by an estimate above the real size. Kept 1,024 at a time, as GraphQL Yoga's own cache keeps them, and
 * their compiled code kept by V8 for each, 2,000 such documents hold gigabytes.
 */
const BOUND = 160 * MIB;

describe('memory held by the caches of distinct documents', () => {
  let app: InProcessApp;
  beforeAll(async () => {
    // as many aliases as the documents hold; every other limit is the default
    app = await createInProcessApp({ ...(await seededConfig(1)), limits: { maxAliases: 1000 } });
  });
  afterAll(() => app?.close());

  it('stays under a bound after 2,000 distinct large documents', async () => {
    expect(document(1).length).toBeGreaterThan(4500);
    // warm: the schema's own caches are not what is measured
    await gatewayPost(app, { query: document(0) });
    const before = heapUsed();
    for (let i = 1; i <= 2000; i++) {
      const res = await gatewayPost(app, { query: document(i) });
      if (i === 1) expect(res.errors).toBeUndefined();
    }
    const grown = heapUsed() - before;
    expect(grown).toBeLessThan(BOUND);
    // each document is parsed, validated and costed anew: minutes on a busy machine, no time asserted
  }, 900_000);
});
