import 'reflect-metadata';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { run } from 'node:test';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { transformSupergraphToPublicSchema } from '@theguild/federation-composition';
import { parse, print } from 'graphql';
import { closeServer, listen } from '../src/app/http-server';
import { createRemoteGateway } from '../src/app/remote-gateway';
import { gatewayHttpServer, gatewayOptions } from '../src/app/gateway-setup';
import { federationAuditDir, loadConfig } from '../src/common/config';
import { createLogger } from '../src/common/logger';
import { createGateway, FusedRefusal } from '../src/gateway/gateway';
import { localTransport } from '../src/gateway/local-transport';
import { auditSubgraphsInProcess } from './federation-audit-subgraphs.loader';

/**
 * npm run audit:federation [-- --suite <id>]: runs The Guild's federation gateway audit (a checkout
 * named by FEDERATION_AUDIT_DIR) against the lam-atlas gateway, planned as `SUPERGRAPH=file npm run
 * start:gateway` serves it and fused (EXECUTION=fused) over the suite's subgraphs in process, and
 * against the plain Hive gateway runtime as the reference. The audit's subgraphs, supergraphs, queries
 * and assertions are its own; this only starts the servers.
 */

const HOST = '127.0.0.1';
const SUITE_TIMEOUT_MS = 120_000;
const CASE_TIMEOUT_MS = 30_000;
const READY_TIMEOUT_MS = 15_000;

interface RunningGateway {
  url: string;
  stop(): Promise<void>;
}
const KINDS = ['planned', 'fused', 'plain'] as const;
type GatewayKind = (typeof KINDS)[number];
type Outcome = { passed: boolean; message?: string };
/** A suite's outcomes under one gateway, or what the fused engine refused its supergraph for. */
type SuiteRun = { outcomes: Map<string, Outcome>; refused?: string[] };
interface AuditCheckout {
  createRouter(): http.RequestListener;
  testFile: string;
  dist: string;
}

// the audit is an ES module; a CommonJS `import()` would become require() when compiled, so the
// import is built at run time, where TypeScript does not rewrite it
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a constant body, the only way to import() an ES module here
const importModule = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<unknown>;

async function openCheckout(dir: string | null): Promise<AuditCheckout> {
  if (!dir)
    throw new Error(
      'FEDERATION_AUDIT_DIR is not set: git clone https://github.com/the-guild-org/graphql-federation-gateway-audit, npm install in it, then FEDERATION_AUDIT_DIR=<checkout> npm run audit:federation',
    );
  const dist = path.join(dir, 'dist');
  if (!fs.existsSync(path.join(dist, 'index.js')))
    throw new Error(
      `FEDERATION_AUDIT_DIR=${dir} has no dist/index.js: not an audit checkout, or npm install (which builds it) was not run there`,
    );
  const { createRouter } = (await importModule(path.join(dist, 'index.js'))) as { createRouter?: unknown };
  if (typeof createRouter !== 'function' || !fs.existsSync(path.join(dist, 'test.js')))
    throw new Error(
      `FEDERATION_AUDIT_DIR=${dir}: its dist/ has no createRouter export or no test.js, which this script runs`,
    );
  return {
    createRouter: createRouter as () => http.RequestListener,
    testFile: path.join(dist, 'test.js'),
    dist,
  };
}

async function serveHandler(handler: http.RequestListener): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(handler);
  const port = await listen(server, 0, HOST);
  return { server, url: `http://${HOST}:${port}` };
}

/**
 * The lam-atlas gateway with the fused engine over a suite's subgraphs in this process, as `npm start`
 * runs its own: the fused schema for client operations, the local transport for the rest. It throws
 * FusedRefusal when the engine does not implement what the supergraph uses.
 */
async function startFusedGateway(checkout: AuditCheckout, id: string, supergraph: string) {
  const config = loadConfig({ ...process.env, EXECUTION: 'fused', HOST, PORT: '0' });
  const subgraphs = await auditSubgraphsInProcess(checkout.dist, id);
  const gateway = createGateway({
    ...gatewayOptions(config, { logger: createLogger({ level: 'silent' }) }),
    supergraph,
    transport: localTransport(subgraphs),
    fused: { apiSchema: print(transformSupergraphToPublicSchema(parse(supergraph))), subgraphs },
  });
  return { gateway, config };
}

async function startGateway(
  kind: GatewayKind,
  supergraphFile: string,
  checkout: AuditCheckout,
  id: string,
): Promise<RunningGateway> {
  if (kind !== 'plain') {
    const config = loadConfig({ ...process.env, SUPERGRAPH: supergraphFile, HOST, PORT: '0' });
    const { gateway, health } =
      kind === 'fused'
        ? {
            ...(await startFusedGateway(checkout, id, fs.readFileSync(supergraphFile, 'utf8'))),
            health: () => Promise.resolve({}),
          }
        : await createRemoteGateway(config, { logger: createLogger({ level: 'silent' }) });
    const server = gatewayHttpServer(gateway, health, config);
    const port = await listen(server, 0, HOST);
    return {
      url: `http://${HOST}:${port}/graphql`,
      stop: async () => (await closeServer(server), await gateway.dispose()),
    };
  }
  const runtime = createGatewayRuntime({
    supergraph: fs.readFileSync(supergraphFile, 'utf8'),
    logging: false,
  });
  // the runtime answers a Node request itself, errors included; its promise only says when it is done
  const { server, url } = await serveHandler((req, res) => void runtime(req, res));
  return { url: `${url}/graphql`, stop: async () => (await closeServer(server), await runtime.dispose()) };
}

/** The audit's own readiness check: the gateway answers `{ __typename }`. */
async function waitReady(url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const body = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(READY_TIMEOUT_MS),
    })
      .then((r) => r.json() as Promise<{ data?: { __typename?: string } }>)
      .catch(() => null);
    if (body?.data?.__typename === 'Query') return;
    if (Date.now() > deadline)
      throw new Error(`${url} did not answer { __typename } within ${READY_TIMEOUT_MS} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Runs the audit's test file for one suite against one gateway; its cases are named by their index. */
async function runCases(
  testFile: string,
  testsUrl: string,
  graphqlUrl: string,
): Promise<Map<string, boolean>> {
  // the audit's test file reads its two endpoints from the environment of the child node:test starts
  process.env.TESTS_ENDPOINT = testsUrl;
  process.env.GRAPHQL_ENDPOINT = graphqlUrl;
  const passed = new Map<string, boolean>();
  const stream = run({
    files: [testFile],
    concurrency: 1,
    timeout: CASE_TIMEOUT_MS,
    signal: AbortSignal.timeout(SUITE_TIMEOUT_MS),
  });
  for await (const event of stream as AsyncIterable<{ type: string; data: { name: string } }>) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && /^\d+$/.test(event.data.name))
      passed.set(event.data.name, event.type === 'test:pass');
  }
  if (passed.size === 0) throw new Error(`the audit's test file ran no case against ${graphqlUrl}`);
  return passed;
}

/** Why a case failed, as the gateway answers its query: the first error, or a data mismatch. */
async function explain(url: string, query: string): Promise<string> {
  const body = (await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(CASE_TIMEOUT_MS),
  })
    .then((r) => r.json())
    .catch((err: Error) => ({ errors: [{ message: err.message }] }))) as {
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  const error = body.errors?.[0];
  return error
    ? `${error.extensions?.code ?? 'error'}: ${error.message}`
    : 'the data differs from what the audit expects';
}

async function auditSuite(
  checkout: AuditCheckout,
  auditUrl: string,
  id: string,
  workDir: string,
): Promise<Record<GatewayKind, SuiteRun>> {
  const res = await fetch(`${auditUrl}/${id}/supergraph`);
  if (!res.ok) throw new Error(`the audit has no supergraph for suite "${id}" (HTTP ${res.status})`);
  const file = path.join(workDir, `${id}.graphql`);
  fs.writeFileSync(file, await res.text());
  const tests = (await (await fetch(`${auditUrl}/${id}/tests`)).json()) as { query: string }[];
  const results = {} as Record<GatewayKind, SuiteRun>;
  for (const kind of KINDS) {
    let gateway: RunningGateway | undefined;
    try {
      gateway = await startGateway(kind, file, checkout, id);
      await waitReady(gateway.url);
      const outcomes = new Map<string, Outcome>();
      for (const [name, passed] of await runCases(
        checkout.testFile,
        `${auditUrl}/${id}/tests`,
        gateway.url,
      )) {
        outcomes.set(
          name,
          passed ? { passed } : { passed, message: await explain(gateway.url, tests[Number(name)].query) },
        );
      }
      results[kind] = { outcomes };
    } catch (err) {
      results[kind] =
        err instanceof FusedRefusal
          ? { outcomes: new Map(), refused: err.unsupported }
          : { outcomes: new Map([['*', { passed: false, message: (err as Error).message }]]) };
    } finally {
      await gateway?.stop();
    }
  }
  return results;
}

function suiteArgument(argv: string[]): string | null {
  const i = argv.indexOf('--suite');
  if (i === -1) return null;
  if (!argv[i + 1]) throw new Error('--suite needs a suite id, e.g. --suite simple-entity-call');
  return argv[i + 1];
}

const passCount = (run: SuiteRun) => [...run.outcomes.values()].filter((o) => o.passed).length;
const row = (label: string, ...cells: string[]) =>
  console.log(`${label.padEnd(36)} ${cells.map((c) => c.padStart(9)).join(' ')}`);

/** What lam-atlas fails in `mode` that the reference passes: the plain runtime for planned, planned or plain for fused. */
function regressionsOf(
  id: string,
  mode: 'planned' | 'fused',
  results: Record<GatewayKind, SuiteRun>,
): string[] {
  const references = mode === 'planned' ? [results.plain] : [results.planned, results.plain];
  const passedBy = (name: string) =>
    references.some((r) => (name === '*' ? passCount(r) > 0 : r.outcomes.get(name)?.passed));
  return [...results[mode].outcomes]
    .filter(([name, outcome]) => !outcome.passed && passedBy(name))
    .map(([name, outcome]) => `${id} #${name} ${mode}: ${outcome.message ?? 'failed'}`);
}

async function main(): Promise<number> {
  const checkout = await openCheckout(federationAuditDir());
  const only = suiteArgument(process.argv.slice(2));
  const audit = await serveHandler(checkout.createRouter());
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-federation-audit-'));
  try {
    const ids = (await (await fetch(`${audit.url}/ids`)).json()) as string[];
    if (only && !ids.includes(only))
      throw new Error(`the audit has no suite "${only}"; its suites: ${ids.join(', ')}`);
    const regressions: string[] = [];
    const refusals: string[] = [];
    const totals = { cases: 0, planned: 0, plain: 0, fusedCases: 0, fused: 0, fusedSuites: 0 };
    row('suite', 'planned', 'fused', 'plain');
    for (const id of only ? [only] : ids) {
      const results = await auditSuite(checkout, audit.url, id, workDir);
      const cases = Math.max(...KINDS.map((k) => results[k].outcomes.size));
      const of = (kind: GatewayKind) => `${passCount(results[kind])}/${cases}`;
      totals.cases += cases;
      totals.planned += passCount(results.planned);
      totals.plain += passCount(results.plain);
      const refused = results.fused.refused;
      if (refused) refusals.push(`${id}: ${refused.join('; ')}`);
      else {
        totals.fusedSuites++;
        totals.fusedCases += cases;
        totals.fused += passCount(results.fused);
      }
      row(id, of('planned'), refused ? 'refused' : of('fused'), of('plain'));
      regressions.push(...regressionsOf(id, 'planned', results), ...regressionsOf(id, 'fused', results));
    }
    row(
      'total',
      `${totals.planned}/${totals.cases}`,
      `${totals.fused}/${totals.fusedCases}`,
      `${totals.plain}/${totals.cases}`,
    );
    console.log(
      `\nfused: ${totals.fusedSuites} suite(s) accepted, ${totals.fused}/${totals.fusedCases} of their cases passed; ${refusals.length} refused at start-up`,
    );
    for (const line of refusals) console.log(`  refused (${line})`);
    if (regressions.length === 0) {
      console.log('lam-atlas passes every case the plain gateway runtime passes, planned and fused alike');
      return 0;
    }
    console.log(
      `\n${regressions.length} case(s) lam-atlas fails that the plain gateway runtime (or, fused, planned) passes:`,
    );
    for (const line of regressions) console.log(`  ${line}`);
    return 1;
  } finally {
    await closeServer(audit.server);
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`federation audit: ${err.message}`);
    process.exit(2);
  },
);
