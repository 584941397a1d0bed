import { createInProcessApp, InProcessApp } from '../../src/app/in-process';
import { loadConfig } from '../../src/common/config';
import { createLogger, LogFields, prettyLine } from '../../src/common/logger';
import { BoundedLabel, DEFAULT_MAX_OPERATIONS } from '../../src/gateway/metrics';
import { measure, seededConfig, startInProcess } from '../helpers/app';
import { dataOf } from '../helpers/graphql';
import * as match from '../helpers/match';
import { labelValues, parseMetrics, Sample, sampleValue } from '../helpers/metrics';

const MODEL_PAGE = `query ModelPage($slug: String!) {
  model(slug: $slug) { name risks { name } citations { number } }
}`;
const SUBGRAPHS = ['catalog', 'risks', 'literature'];

let app: InProcessApp;
const lines: LogFields[] = [];
beforeAll(async () => {
  // planned: the query plan's subgraph requests are what the fetch metrics and log fields count
  app = await createInProcessApp(
    { ...(await seededConfig()), execution: 'planned' },
    { logger: createLogger({ level: 'info', sink: (record) => lines.push(record) }) },
  );
});
afterAll(() => app?.close());

const samples = async (gateway = app.gateway): Promise<Sample[]> =>
  parseMetrics(await gateway.metrics!.text());
const count = (s: Sample[], name: string, labels: Record<string, string>) =>
  sampleValue(s, `lam_atlas_${name}`, labels) ?? 0;
const fetchCounts = (s: Sample[]) =>
  Object.fromEntries(
    SUBGRAPHS.map((n) => [n, count(s, 'subgraph_fetch_duration_seconds_count', { subgraph: n })]),
  );
const post = (body: string, headers: Record<string, string> = {}) =>
  app.gateway.runtime.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body,
  });

describe('metrics of the gateway run in process', () => {
  it('counts requests by operation and outcome, and times each subgraph fetch the query plan made', async () => {
    const before = await samples();
    const expected: Record<string, number> = { catalog: 0, risks: 0, literature: 0 };
    for (const slug of ['gpt-3', 'esmfold']) {
      const run = await measure(app, MODEL_PAGE, { slug });
      expect(run.response.errors).toBeUndefined();
      for (const [name, n] of Object.entries(run.fetchesBySubgraph)) expected[name] += n;
    }
    const sectors = await measure(app, 'query Sectors { sectors { name } }');
    for (const [name, n] of Object.entries(sectors.fetchesBySubgraph)) expected[name] += n;
    // every subgraph took part in the model page
    expect(Object.values(expected).every((n) => n > 0)).toBe(true);

    const after = await samples();
    expect(
      count(after, 'requests_total', { operation: 'ModelPage', outcome: 'ok' }) -
        count(before, 'requests_total', { operation: 'ModelPage', outcome: 'ok' }),
    ).toBe(2);
    expect(
      count(after, 'requests_total', { operation: 'Sectors', outcome: 'ok' }) -
        count(before, 'requests_total', { operation: 'Sectors', outcome: 'ok' }),
    ).toBe(1);
    expect(
      count(after, 'request_duration_seconds_count', { operation: 'ModelPage' }) -
        count(before, 'request_duration_seconds_count', { operation: 'ModelPage' }),
    ).toBe(2);
    expect(count(after, 'request_duration_seconds_bucket', { operation: 'ModelPage', le: '+Inf' })).toBe(
      count(after, 'request_duration_seconds_count', { operation: 'ModelPage' }),
    );
    expect(count(after, 'request_duration_seconds_sum', { operation: 'ModelPage' })).toBeGreaterThan(0);
    const fetched = fetchCounts(after);
    const fetchedBefore = fetchCounts(before);
    expect(Object.fromEntries(SUBGRAPHS.map((n) => [n, fetched[n] - fetchedBefore[n]]))).toEqual(expected);
    // the whole life of the gateway: FetchStats was reset before each measured query, the histogram never
    expect(labelValues(after, 'lam_atlas_subgraph_fetch_duration_seconds_count', 'subgraph')).toEqual(
      new Set(SUBGRAPHS),
    );
  });

  it('counts requests refused before execution, with their error codes', async () => {
    const before = await samples();
    const delta = (s: Sample[], name: string, labels: Record<string, string>) =>
      count(s, name, labels) - count(before, name, labels);
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: name`).join(' ');
    await measure(app, 'query Broken { models { nodes { colour } } }');
    await measure(app, `query Wide { sectors { ${aliases} } }`);
    await measure(app, '{ models { nodes { name } ');
    expect((await post('{"query": ')).status).toBe(400);
    // of two operations, the one the request names
    await post(
      JSON.stringify({
        query: 'query A { sectors { name } } query B { models(first: 1) { totalCount } }',
        operationName: 'B',
      }),
    );

    const after = await samples();
    expect(delta(after, 'requests_total', { operation: 'Broken', outcome: 'error' })).toBe(1);
    expect(delta(after, 'errors_total', { operation: 'Broken', code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(delta(after, 'errors_total', { operation: 'Wide', code: 'MAX_ALIASES_EXCEEDED' })).toBe(1);
    expect(delta(after, 'request_duration_seconds_count', { operation: 'Wide' })).toBe(1);
    expect(delta(after, 'errors_total', { operation: 'anonymous', code: 'GRAPHQL_PARSE_FAILED' })).toBe(1);
    expect(delta(after, 'errors_total', { operation: 'anonymous', code: 'BAD_REQUEST' })).toBe(1);
    expect(delta(after, 'requests_total', { operation: 'anonymous', outcome: 'error' })).toBe(2);
    expect(delta(after, 'requests_total', { operation: 'B', outcome: 'ok' })).toBe(1);
    expect(count(after, 'requests_total', { operation: 'A', outcome: 'ok' })).toBe(0);
    // nothing refused reached a subgraph: the one fetch is operation B's
    expect(fetchCounts(after)).toEqual({ ...fetchCounts(before), catalog: fetchCounts(before).catalog + 1 });
  });

  it('counts a subgraph that answers with errors as a failed fetch', async () => {
    const before = await samples();
    const res = await measure(app, 'query TooBig { models(first: 501) { totalCount } }');
    expect(res.response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const after = await samples();
    expect(
      count(after, 'subgraph_fetch_errors_total', { subgraph: 'catalog' }) -
        count(before, 'subgraph_fetch_errors_total', { subgraph: 'catalog' }),
    ).toBe(1);
    expect(count(after, 'errors_total', { operation: 'TooBig', code: 'BAD_USER_INPUT' })).toBe(1);
  });

  it('keeps at most 100 operation names as labels; later names, and strings that are no names, count as "other"', async () => {
    const distinct = DEFAULT_MAX_OPERATIONS + 30;
    for (let i = 0; i < distinct; i++) await measure(app, `query Flood${i} { __typename }`);
    await post(JSON.stringify({ query: '{ __typename }', operationName: 'x'.repeat(5000) }));
    const after = await samples();
    const names = [...labelValues(after, 'lam_atlas_requests_total', 'operation')];
    expect(names.filter((n) => n !== 'anonymous' && n !== 'other')).toHaveLength(DEFAULT_MAX_OPERATIONS);
    expect(names).toContain('other');
    expect(
      labelValues(after, 'lam_atlas_request_duration_seconds_count', 'operation').size,
    ).toBeLessThanOrEqual(DEFAULT_MAX_OPERATIONS + 2);
    const total = after
      .filter((s) => s.name === 'lam_atlas_requests_total')
      .reduce((sum, s) => sum + s.value, 0);
    const timed = after
      .filter((s) => s.name === 'lam_atlas_request_duration_seconds_count')
      .reduce((sum, s) => sum + s.value, 0);
    expect(total).toBe(timed);
    // a name that has its own series keeps counting there
    const sectorsBefore = count(after, 'requests_total', { operation: 'Sectors', outcome: 'ok' });
    await measure(app, 'query Sectors { sectors { name } }');
    expect(count(await samples(), 'requests_total', { operation: 'Sectors', outcome: 'ok' })).toBe(
      sectorsBefore + 1,
    );
  });

  it('counts no subgraph fetch when the operation runs fused (the npm start default)', async () => {
    const fused = await startInProcess();
    try {
      const run = await measure<{ model: { risks: unknown } }>(fused, MODEL_PAGE, { slug: 'gpt-3' });
      expect(dataOf(run.response).model.risks).toEqual([{ name: 'Sustainability' }]);
      expect(run.fetches).toBe(0);
      const after = await samples(fused.gateway);
      expect(count(after, 'requests_total', { operation: 'ModelPage', outcome: 'ok' })).toBe(1);
      expect(fetchCounts(after)).toEqual({ catalog: 0, risks: 0, literature: 0 });
    } finally {
      await fused.close();
    }
  });

  it('bounds a label to its first values', () => {
    const label = new BoundedLabel(2);
    expect(['a', 'b', 'c', 'a', 'd', 'b'].map((v) => label.value(v))).toEqual([
      'a',
      'b',
      'other',
      'a',
      'other',
      'b',
    ]);
    expect(label.size).toBe(2);
  });

  it("keeps each gateway's counts in its own registry", async () => {
    const other = await startInProcess();
    try {
      await measure(other, 'query OnlyHere { sectors { name } }');
      expect(
        count(await samples(other.gateway), 'requests_total', { operation: 'OnlyHere', outcome: 'ok' }),
      ).toBe(1);
      expect(count(await samples(), 'requests_total', { operation: 'OnlyHere', outcome: 'ok' })).toBe(0);
      expect(
        count(await samples(other.gateway), 'requests_total', { operation: 'ModelPage', outcome: 'ok' }),
      ).toBe(0);
      // process metrics live in each registry too
      expect(
        sampleValue(await samples(other.gateway), 'lam_atlas_process_resident_memory_bytes'),
      ).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });

  it('is off with METRICS=false', async () => {
    const config = await seededConfig();
    const off = await createInProcessApp({ ...config, metrics: loadConfig({ METRICS: 'false' }).metrics });
    try {
      expect(off.gateway.metrics).toBeNull();
      expect((await measure(off, '{ sectors { name } }')).response.errors).toBeUndefined();
    } finally {
      await off.close();
    }
  });
});

describe('request log lines', () => {
  it('writes one line per request, with the request id of the x-request-id header', async () => {
    lines.length = 0;
    const ok = await post(JSON.stringify({ query: MODEL_PAGE, variables: { slug: 'gpt-3' } }));
    const bad = await post(JSON.stringify({ query: 'query Broken { models { nodes { colour } } }' }), {
      'x-request-id': 'ticket-7',
    });
    expect(bad.headers.get('x-request-id')).toBe('ticket-7');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({
      level: 'info',
      time: match.stringMatching(/^\d{4}-\d\d-\d\dT/),
      msg: 'graphql request',
      requestId: ok.headers.get('x-request-id'),
      operationName: 'ModelPage',
      outcome: 'ok',
      status: 200,
      durationMs: match.anyOf(Number),
      errorCodes: [],
      fetches: 3,
    });
    expect(lines[1]).toMatchObject({
      level: 'warn',
      requestId: 'ticket-7',
      operationName: 'Broken',
      outcome: 'error',
      errorCodes: ['GRAPHQL_VALIDATION_FAILED'],
      fetches: 0,
    });
  });
});

describe('the logger', () => {
  it('drops records below its level and stamps the others', () => {
    const got: LogFields[] = [];
    const logger = createLogger({ level: 'warn', sink: (r) => got.push(r) });
    logger.info({ msg: 'dropped' });
    logger.warn({ msg: 'kept', n: 1 });
    logger.error({ msg: 'kept too' });
    expect(got).toEqual([
      { level: 'warn', time: match.anyOf(String), msg: 'kept', n: 1 },
      { level: 'error', time: match.anyOf(String), msg: 'kept too' },
    ]);
    expect(logger.enabled('info')).toBe(false);
    const silent = createLogger({ level: 'silent', sink: (r) => got.push(r) });
    silent.error({ msg: 'nothing' });
    expect(got).toHaveLength(2);
  });

  it('prints one readable line for a terminal', () => {
    const line = prettyLine({
      level: 'info',
      time: '2026-01-02T03:04:05.678Z',
      msg: 'graphql request',
      requestId: 'r-1',
      operationName: 'ModelPage',
      durationMs: 12.5,
      errorCodes: [],
      absent: null,
      note: 'two words',
    });
    expect(line).toBe(
      '03:04:05.678 INFO  graphql request requestId=r-1 operationName=ModelPage durationMs=12.5 note="two words"',
    );
    expect(line).not.toContain('\n');
  });

  it('reads LOG_LEVEL and METRICS from the environment', () => {
    expect(loadConfig({})).toMatchObject({ logLevel: 'info', metrics: true });
    expect(loadConfig({ LOG_LEVEL: 'WARN', METRICS: 'off' })).toMatchObject({
      logLevel: 'warn',
      metrics: false,
    });
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(
      'LOG_LEVEL must be one of debug, info, warn, error, silent, got "loud"',
    );
    expect(() => loadConfig({ METRICS: 'maybe' })).toThrow(/METRICS must be true or false/);
  });
});
