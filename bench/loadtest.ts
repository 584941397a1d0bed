import * as v8 from 'v8';
import * as vm from 'vm';
import { SUBGRAPH_NAMES, SubgraphName } from '../src/common/config';
import { nest } from '../test/helpers/abuse';
import { GraphQLResponse } from '../test/helpers/graphql';
import { jsonOrUndefined, SeparateServices, startSeparateServices } from '../test/helpers/http';
import { KeyStore, keyStoreTarget } from '../src/app/api-keys/key-store';
import { numberFlag, parseFlags } from './flags';

// Loopback only: the gateway over the three subgraphs as separate services on port 0, normal and abusive
// traffic for a fixed time, one subgraph stopped and restarted in the middle.

export const USAGE =
  'npm run loadtest -- [--duration s] [--normal n] [--abusive n] [--restart catalog|risks|literature]';

export interface LoadtestOptions {
  /** seconds of traffic */
  duration: number;
  /** normal clients, each with its own API key */
  normal: number;
  /** abusive clients, sharing one key */
  abusive: number;
  /** the subgraph stopped and restarted in the middle */
  restart: SubgraphName;
}

/** The options of `npm run loadtest`, from its command line. */
export function loadtestOptions(argv: string[]): LoadtestOptions {
  const flags = parseFlags(argv);
  const restart = (flags.restart ?? 'risks') as SubgraphName;
  if (!SUBGRAPH_NAMES.includes(restart))
    throw new Error(`--restart must be one of ${SUBGRAPH_NAMES.join(', ')}`);
  return {
    duration: numberFlag(flags, 'duration', 20, 4, 600),
    normal: Math.floor(numberFlag(flags, 'normal', 8, 1, 64)),
    abusive: Math.floor(numberFlag(flags, 'abusive', 4, 0, 16)),
    restart,
  };
}

/** A normal request: its query, and a check of its data against the paper's. */
interface Normal {
  name: string;
  query: string;
  check(data: unknown): boolean;
}

/** A normal request whose data has the shape `T` (the query's selection). */
const normal = <T>(name: string, query: string, check: (data: T) => boolean): Normal => ({
  name,
  query,
  check: (data) => check(data as T),
});

type Named = { name: string };

/** Normal traffic: what a frontend asks, each with a check against the paper's data. */
const NORMAL: Normal[] = [
  normal<{ model: Named & { risks: Named[] } }>(
    'model page',
    '{ model(slug: "gpt-3") { name type results { display } citations { number } risks { name } } }',
    (d) => d.model.name === 'GPT-3' && d.model.risks.some((r) => r.name === 'Sustainability'),
  ),
  normal<{ citation: { label: string } }>(
    'citation',
    '{ citation(number: 84) { label mentions { section } supports { __typename } } }',
    (d) => d.citation.label === 'ESMfold',
  ),
  normal<{ models: { nodes: unknown[] } }>(
    'models page',
    '{ models(first: 20) { totalCount nodes { name access trainedOn { name } } } }',
    (d) => d.models.nodes.length === 20,
  ),
  normal<{ risks: unknown[] }>(
    'risks',
    '{ risks { name mitigations { name } } }',
    (d) => d.risks.length === 10,
  ),
  normal<{ search: Partial<Named>[] }>(
    'search',
    '{ search(query: "esm") { __typename ... on Model { name } } }',
    (d) => d.search.some((h) => h.name === 'ESMFold' || h.name === 'ESMfold'),
  ),
];

const json = (body: unknown) => JSON.stringify(body);

/** Abusive traffic: each must be refused (an HTTP error or GraphQL errors without data). */
const ABUSIVE: { name: string; body: string; contentType?: string }[] = [
  { name: 'deep nesting', body: json({ query: nest(40) }) },
  {
    name: 'nesting past the parser',
    body: json({ query: `{ ${'sectors { '.repeat(2000)}name${' }'.repeat(2000)} }` }),
  },
  {
    name: 'alias bomb',
    body: json({ query: `{ ${Array.from({ length: 800 }, (_, i) => `a${i}: risks { name }`).join(' ')} }` }),
  },
  {
    name: 'fragment bomb',
    body: json({
      query: `{ ...F0 }\n${Array.from({ length: 24 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join('\n')}\nfragment F24 on Query { risks { name } }`,
    }),
  },
  {
    name: 'huge page',
    body: json({ query: '{ models(first: 100000) { nodes { name results { display } } } }' }),
  },
  {
    name: 'oversized body',
    body: json({ query: '{ __typename }', variables: { pad: 'x'.repeat(150_000) } }),
  },
  { name: 'invalid JSON', body: '{"query": ' },
  { name: 'batch', body: json(Array.from({ length: 200 }, () => ({ query: '{ risks { name } }' }))) },
  {
    name: 'bad variables',
    body: json({
      query: 'query($n: Int!) { citation(number: $n) { label } }',
      variables: { n: 'x'.repeat(5000) },
    }),
  },
  { name: 'wrong content type', body: json({ query: '{ risks { name } }' }), contentType: 'text/plain' },
];

interface Tally {
  requests: number;
  byKind: Record<string, number>;
  latencies: number[];
}
const tally = (): Tally => ({ requests: 0, byKind: {}, latencies: [] });
const count = (t: Tally, kind: string) => (t.byKind[kind] = (t.byKind[kind] ?? 0) + 1);

async function send(url: string, body: string, apiKey: string | null, contentType = 'application/json') {
  const started = performance.now();
  try {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    const answer = jsonOrUndefined<GraphQLResponse>(await res.text());
    return { status: res.status, body: answer, ms: performance.now() - started };
  } catch (err) {
    return { status: 0, body: undefined, ms: performance.now() - started, failure: (err as Error).name };
  }
}

const percentile = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
/** memory after a full collection, so before and after compare what is still held */
const memory = () => {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
  return process.memoryUsage();
};

/** per API key: 50 a second */
const RATE_PER_MINUTE = 3000;

/**
 * The load test: the gateway over the three subgraphs as separate services, normal and abusive
 * clients for the duration, one subgraph stopped and restarted in the middle. Prints what it saw;
 * true when every normal request got its answer (but on the restarted subgraph's fields while it was
 * down) and the gateway is healthy at the end.
 */
export async function runLoadtest(opts: LoadtestOptions): Promise<boolean> {
  // counts the gateway's error lines (one JSON object each) instead of printing thousands of them
  const logged: Record<string, number> = {};
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
    const line = String(chunk);
    if (line.startsWith('{"level":"error"')) {
      const code = /"code":"([A-Z_]+)"/.exec(line)?.[1] ?? 'other';
      logged[code] = (logged[code] ?? 0) + 1;
      return true;
    }
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
  };

  // each normal client has its own API key and stays under its rate; the abusers share one key and do not
  const services: SeparateServices = await startSeparateServices({
    env: { RATE_LIMIT: String(RATE_PER_MINUTE), RATE_LIMIT_BURST: '50', SUBGRAPH_TIMEOUT_MS: '2000' },
  });
  // real keys, made in the gateway's key store: each is a rate-limit bucket of its own
  const store = await KeyStore.open(keyStoreTarget(services.config));
  const keyOf = async (name: string) => (await store.create(name, 'reader')).key;
  const normalKeys = await Promise.all(Array.from({ length: opts.normal }, (_, i) => keyOf(`normal-${i}`)));
  const abuserKey = await keyOf('abuser');
  await store.close();
  const normal = tally();
  const abusive = tally();
  const unexpected: string[] = [];
  const down = { from: Infinity, to: Infinity };
  const GRACE_MS = 1000;
  let started = performance.now();
  let end = started + opts.duration * 1000;
  // a first round of every request, so that what is measured after is not the gateway's warm-up
  for (const q of NORMAL) await send(services.url, json({ query: q.query }), null);
  for (const a of ABUSIVE) await send(services.url, a.body, null, a.contentType);
  const before = memory();
  started = performance.now();
  end = started + opts.duration * 1000;
  console.log(
    `loadtest: ${opts.duration} s, ${opts.normal} normal clients, ${opts.abusive} abusive clients, ${opts.restart} restarted in the middle; gateway at ${services.url}`,
  );

  const normalClient = async (i: number) => {
    const minGapMs = 60_000 / RATE_PER_MINUTE / 0.8; // 80% of the per-key rate
    for (let n = 0; performance.now() < end; n++) {
      const t0 = performance.now();
      const q = NORMAL[(i + n) % NORMAL.length];
      const res = await send(services.url, json({ query: q.query }), normalKeys[i]);
      normal.requests++;
      normal.latencies.push(res.ms);
      const errors = res.body?.errors ?? [];
      const at = t0 - started;
      if (res.status === 200 && !errors.length && res.body?.data && q.check(res.body.data))
        count(normal, 'ok');
      else if (
        res.status === 200 &&
        errors.length &&
        errors.every(
          (e) => e.extensions?.serviceName === opts.restart && /^SUBGRAPH_/.test(e.extensions?.code ?? ''),
        )
      ) {
        const inWindow = at >= down.from - GRACE_MS && at <= down.to + GRACE_MS;
        count(
          normal,
          inWindow
            ? `${errors[0].extensions?.code} on ${opts.restart} (during its downtime)`
            : `${errors[0].extensions?.code} outside the downtime`,
        );
        if (!inWindow) unexpected.push(`${q.name} at ${(at / 1000).toFixed(1)} s: ${errors[0].message}`);
      } else {
        const kind =
          res.status === 200
            ? `wrong answer (${errors[0]?.extensions?.code ?? 'data'})`
            : `HTTP ${res.status || res.failure}`;
        count(normal, kind);
        unexpected.push(`${q.name} at ${(at / 1000).toFixed(1)} s: ${kind} ${errors[0]?.message ?? ''}`);
      }
      const wait = minGapMs - (performance.now() - t0);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  };

  const abusiveClient = async (i: number) => {
    for (let n = 0; performance.now() < end; n++) {
      const a = ABUSIVE[(i + n) % ABUSIVE.length];
      const res = await send(services.url, a.body, abuserKey, a.contentType);
      abusive.requests++;
      abusive.latencies.push(res.ms);
      const first = res.body?.errors?.[0];
      const refused = res.status >= 400 || (first && !res.body?.data) || res.status === 0;
      if (!refused) unexpected.push(`abusive "${a.name}" was answered with data`);
      count(
        abusive,
        res.status === 0
          ? `connection ${res.failure}`
          : res.status === 429
            ? '429 RATE_LIMITED'
            : `${res.status} ${first?.extensions?.code ?? a.name}`,
      );
    }
  };

  const restart = async () => {
    await new Promise((r) => setTimeout(r, opts.duration * 400));
    down.from = performance.now() - started;
    await services.stopSubgraph(opts.restart);
    const health = await fetch(`${services.url}/healthz`);
    console.log(
      `${(down.from / 1000).toFixed(1)} s: stopped ${opts.restart}; /healthz ${health.status} ${await health.text()}`,
    );
    await new Promise((r) => setTimeout(r, opts.duration * 200));
    await services.restartSubgraph(opts.restart);
    down.to = performance.now() - started;
    const healthAfter = await fetch(`${services.url}/healthz`);
    console.log(
      `${(down.to / 1000).toFixed(1)} s: restarted ${opts.restart} on the same port; /healthz ${healthAfter.status} ${await healthAfter.text()}`,
    );
  };

  await Promise.all([
    ...Array.from({ length: opts.normal }, (_, i) => normalClient(i)),
    ...Array.from({ length: opts.abusive }, (_, i) => abusiveClient(i)),
    restart(),
  ]);
  const after = memory();
  const finalHealth = await fetch(`${services.url}/healthz`);
  const seconds = (performance.now() - started) / 1000;
  await services.stop();
  process.stderr.write = write;

  const table = (t: Tally) =>
    Object.entries(t.byKind)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `    ${String(v).padStart(7)}  ${k}`)
      .join('\n');
  console.log(
    `\nnormal requests: ${normal.requests} (${(normal.requests / seconds).toFixed(0)}/s), latency p50 ${percentile(normal.latencies, 50).toFixed(1)} ms, p99 ${percentile(normal.latencies, 99).toFixed(1)} ms, max ${Math.max(...normal.latencies).toFixed(0)} ms\n${table(normal)}`,
  );
  console.log(
    `abusive requests: ${abusive.requests} (${(abusive.requests / seconds).toFixed(0)}/s), latency p50 ${percentile(abusive.latencies, 50).toFixed(1)} ms, p99 ${percentile(abusive.latencies, 99).toFixed(1)} ms, max ${Math.max(...abusive.latencies).toFixed(0)} ms\n${table(abusive)}`,
  );
  console.log(`error lines the gateway logged: ${JSON.stringify(logged)}`);
  console.log(`/healthz at the end: ${finalHealth.status}`);
  console.log(
    `memory of this process (gateway, subgraphs and load generator): RSS ${mb(before.rss)} -> ${mb(after.rss)}, heap used ${mb(before.heapUsed)} -> ${mb(after.heapUsed)}, external ${mb(before.external)} -> ${mb(after.external)} (after a full collection each)`,
  );
  const pass = unexpected.length === 0 && finalHealth.status === 200;
  console.log(
    `\nverdict: ${pass ? 'PASS' : 'FAIL'}: normal requests saw ${unexpected.length ? `${unexpected.length} unexpected errors` : `no errors except on ${opts.restart}'s fields during its downtime`}`,
  );
  for (const u of unexpected.slice(0, 10)) console.log(`  ${u}`);
  return pass;
}
