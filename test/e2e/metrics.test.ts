import { gql } from 'graphql-request';
import { createLogger, LogFields } from '../../src/common/logger';
import { tempConfig } from '../helpers/app';
import {
  postGraphQL,
  RunningServer,
  SeparateServices,
  startOneProcess,
  startSeparateServices,
} from '../helpers/http';
import { parseMetrics, sampleValue } from '../helpers/metrics';
import { dataOf } from '../helpers/graphql';
import * as match from '../helpers/match';

const scrape = async (server: RunningServer) => {
  const res = await fetch(`${server.url}/metrics`);
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    samples: parseMetrics(await res.text()),
  };
};

describe('/metrics and request logs over real HTTP (npm start)', () => {
  let server: RunningServer;
  const lines: LogFields[] = [];
  beforeAll(async () => {
    const config = tempConfig({ RATE_LIMIT: '60', RATE_LIMIT_BURST: '4' });
    server = await startOneProcess(config, {
      logger: createLogger({ sink: (record) => lines.push(record) }),
    });
  });
  afterAll(() => server?.stop());

  it('serves Prometheus text holding the request just made, and a log line with its x-request-id', async () => {
    const res = await postGraphQL(server, {
      query: 'query CitationLabel { citation(number: 84) { label } }',
    });
    expect(res.body).toEqual({
      data: { citation: { label: 'ESMfold' } },
      extensions: { cost: { requested: 1, limit: 50000 } },
    });
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    const metrics = await scrape(server);
    expect(metrics.status).toBe(200);
    expect(metrics.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(
      sampleValue(metrics.samples, 'lam_atlas_requests_total', { operation: 'CitationLabel', outcome: 'ok' }),
    ).toBe(1);
    expect(
      sampleValue(metrics.samples, 'lam_atlas_request_duration_seconds_count', {
        operation: 'CitationLabel',
      }),
    ).toBe(1);
    // npm start runs operations fused in process: no subgraph request is made, so none is timed
    expect(
      sampleValue(metrics.samples, 'lam_atlas_subgraph_fetch_duration_seconds_count', {
        subgraph: 'literature',
      }),
    ).toBeUndefined();

    const line = lines.find((l) => l.requestId === requestId);
    expect(line).toMatchObject({
      level: 'info',
      msg: 'graphql request',
      operationName: 'CitationLabel',
      outcome: 'ok',
      status: 200,
      errorCodes: [],
      fetches: 0,
    });
    expect(lines.filter((l) => l.requestId === requestId)).toHaveLength(1);
  });

  it('names the operation graphql-request sends', async () => {
    await server.client.request(
      gql`
        query SectorNames {
          sectors {
            name
          }
        }
      `,
      {},
    );
    expect(
      sampleValue((await scrape(server)).samples, 'lam_atlas_requests_total', {
        operation: 'SectorNames',
        outcome: 'ok',
      }),
    ).toBe(1);
    expect(lines.at(-1)).toMatchObject({ operationName: 'SectorNames', requestId: match.anyOf(String) });
  });

  it('is not rate limited, and counts the requests the limiter refused', async () => {
    const burst = await Promise.all(
      Array.from({ length: 6 }, () => postGraphQL(server, { query: '{ __typename }' })),
    );
    const refused = burst.filter((r) => r.status === 429).length;
    expect(refused).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < 8; i++) expect((await fetch(`${server.url}/metrics`)).status).toBe(200);
    const { samples } = await scrape(server);
    expect(sampleValue(samples, 'lam_atlas_http_rejections_total', { code: 'RATE_LIMITED' })).toBe(refused);
    const head = await fetch(`${server.url}/metrics`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('/metrics over real HTTP (npm run start:gateway)', () => {
  let services: SeparateServices;
  const lines: LogFields[] = [];
  beforeAll(async () => {
    services = await startSeparateServices({
      app: { logger: createLogger({ sink: (record) => lines.push(record) }) },
    });
  });
  afterAll(() => services?.stop());

  it('counts the fetches of a subgraph that is down as errors of that subgraph', async () => {
    const query = { query: 'query GptRisks { model(slug: "gpt-3") { name risks { name } } }' };
    const before = await postGraphQL<{ model: { risks: unknown } }>(services, query);
    expect(dataOf(before.body).model.risks).toEqual([{ name: 'Sustainability' }]);
    await services.stopSubgraph('risks');
    const failed = await postGraphQL(services, query);
    expect(failed.body?.errors?.[0].extensions).toMatchObject({
      code: 'SUBGRAPH_UNAVAILABLE',
      serviceName: 'risks',
    });

    const { samples } = await scrape(services);
    expect(sampleValue(samples, 'lam_atlas_subgraph_fetch_errors_total', { subgraph: 'risks' })).toBe(1);
    expect(
      sampleValue(samples, 'lam_atlas_subgraph_fetch_errors_total', { subgraph: 'catalog' }),
    ).toBeUndefined();
    expect(
      sampleValue(samples, 'lam_atlas_subgraph_fetch_duration_seconds_count', { subgraph: 'risks' }),
    ).toBe(2);
    expect(
      sampleValue(samples, 'lam_atlas_requests_total', { operation: 'GptRisks', outcome: 'error' }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'lam_atlas_errors_total', { operation: 'GptRisks', code: 'SUBGRAPH_UNAVAILABLE' }),
    ).toBe(1);
    // the request line and the unexpected error's line share the request id
    const requestId = failed.headers.get('x-request-id');
    expect(
      lines
        .filter((l) => l.requestId === requestId)
        .map((l) => l.level)
        .sort(),
    ).toEqual(['error', 'warn']);
  });
});
