import * as os from 'os';
import * as path from 'path';
import { ROOT, runNode } from '../helpers/process';

// A checkout-shaped stand-in for the audit (its router, its suite modules and test-file contract), so the
// comparison runs without the audit repository: one suite with a case every gateway passes, one only the
// plain runtime passes when MAX_DEPTH is low, and one no gateway passes; and a suite using @provides,
// which the fused engine refuses at start-up.
const CHECKOUT = path.join(ROOT, 'test/fixtures/federation-audit-checkout');
const audit = (env: Record<string, string>, args: string[] = []) =>
  runNode(['-r', 'ts-node/register/transpile-only', 'scripts/federation-audit.main.ts', ...args], {
    FEDERATION_AUDIT_DIR: '',
    ...env,
  });

describe('npm run audit:federation', () => {
  it('without a checkout says how to get one, in one line, and exits non-zero', async () => {
    const run = await audit({});
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringContaining(
        'FEDERATION_AUDIT_DIR is not set: git clone https://github.com/the-guild-org/graphql-federation-gateway-audit',
      ),
    ]);
  });

  it('refuses a folder that is not a built checkout, naming it', async () => {
    const run = await audit({ FEDERATION_AUDIT_DIR: os.tmpdir() });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      `federation audit: FEDERATION_AUDIT_DIR=${os.tmpdir()} has no dist/index.js: not an audit checkout, or npm install (which builds it) was not run there`,
    );
  });

  it('counts the passes of lam-atlas planned and fused and of the plain runtime; a case every gateway fails is no regression', async () => {
    const run = await audit({ FEDERATION_AUDIT_DIR: CHECKOUT });
    expect(run.stdout).toMatch(/\nproducts-reviews +2\/3 +2\/3 +2\/3\n/);
    expect(run.stdout).toContain(
      'lam-atlas passes every case the plain gateway runtime passes, planned and fused alike',
    );
    expect(run.code).toBe(0);
  });

  it('reports a suite the fused engine refuses as refused, naming the feature, and counts only the accepted ones for it', async () => {
    const run = await audit({ FEDERATION_AUDIT_DIR: CHECKOUT });
    expect(run.stdout).toMatch(/\nprovides +1\/1 +refused +1\/1\n/);
    expect(run.stdout).toMatch(/\ntotal +3\/4 +2\/3 +3\/4\n/);
    expect(run.stdout).toContain(
      'fused: 1 suite(s) accepted, 2/3 of their cases passed; 1 refused at start-up\n  refused (provides: Query.topProduct: @provides)\n',
    );
    expect(run.code).toBe(0);
  });

  it("lists the cases lam-atlas fails and the plain runtime passes, with lam-atlas's error, and exits 1", async () => {
    const run = await audit({ FEDERATION_AUDIT_DIR: CHECKOUT, MAX_DEPTH: '3' }, [
      '--suite',
      'products-reviews',
    ]);
    expect(run.stdout).toMatch(/total +1\/3 +1\/3 +2\/3\n/);
    expect(run.stdout).toContain(
      '2 case(s) lam-atlas fails that the plain gateway runtime (or, fused, planned) passes:\n' +
        '  products-reviews #1 planned: MAX_DEPTH_EXCEEDED: operation depth 4 exceeds the limit of 3\n' +
        '  products-reviews #1 fused: MAX_DEPTH_EXCEEDED: operation depth 4 exceeds the limit of 3\n',
    );
    expect(run.code).toBe(1);
  });

  it('refuses an unknown suite, listing the suites there are', async () => {
    const run = await audit({ FEDERATION_AUDIT_DIR: CHECKOUT }, ['--suite', 'nope']);
    expect([run.code, run.stderr.trim()]).toEqual([
      2,
      'federation audit: the audit has no suite "nope"; its suites: products-reviews, provides',
    ]);
  });
});
