import { createInProcessApp, InProcessApp } from '../../src/app/in-process';
import { Config } from '../../src/common/config';
import { seededConfig } from '../helpers/app';
import { RunningServer, serve } from '../helpers/http';

// Models with no result on a dataset that no model named "zz" was evaluated on: on a
// synthetic graph ten times the paper, a scan of every model's results and every dataset's evaluations.
const HEAVY =
  '{ models(where: { results: { none: { dataset: { evaluations: { none: { model: { name: { contains: "zz" } } } } } } } }) { totalCount } }';

async function start(config: Config): Promise<RunningServer & { app: InProcessApp }> {
  const app = await createInProcessApp(config);
  return { ...(await serve(app.gateway, app.health, () => app.close(), config)), app };
}

const post = (url: string, query: string) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  }).then((r) => r.json() as Promise<{ data?: unknown; errors?: unknown[] }>);

describe('reads that scan run on read threads', () => {
  let config: Config;
  beforeAll(async () => {
    config = await seededConfig(10);
  }, 120_000);

  it('answers /healthz and other queries while a long scan runs, over HTTP', async () => {
    const server = await start(config);
    try {
      const { counter } = server.app.stores.catalog;
      const before = counter.count;
      const order: string[] = [];
      const heavy = post(server.url, HEAVY).then((body) => {
        order.push('heavy');
        return body;
      });
      // the scan has been handed to a thread once the store has counted its statement
      while (counter.count === before) await new Promise((resolve) => setImmediate(resolve));
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${server.url}/healthz`);
        expect(res.status).toBe(200);
        order.push('healthz');
      }
      expect(await post(server.url, '{ sectors { slug } }')).toMatchObject({
        data: { sectors: expect.arrayContaining([{ slug: 'public-health' }]) as unknown },
      });
      order.push('sectors');
      expect(await heavy).toMatchObject({ data: { models: { totalCount: expect.any(Number) as unknown } } });
      expect(order).toEqual(['healthz', 'healthz', 'healthz', 'sectors', 'heavy']);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('stops the scan of a request past REQUEST_TIMEOUT_MS and answers the next request', async () => {
    const server = await start({ ...config, requestTimeoutMs: 50 });
    try {
      const body = await post(server.url, HEAVY);
      expect(body).toMatchObject({ errors: [{ extensions: { code: 'REQUEST_TIMEOUT' } }] });
      expect(body).not.toHaveProperty('data.models');
      expect(await post(server.url, '{ sectors { slug } }')).toMatchObject({
        data: { sectors: expect.arrayContaining([{ slug: 'medical-imaging' }]) as unknown },
      });
    } finally {
      await server.stop();
    }
  }, 120_000);
});
