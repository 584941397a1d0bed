import { createInProcessApp, InProcessApp } from '../../src/app/in-process';
import { seededConfig } from '../helpers/app';
import { postGraphQL, RunningServer, serve } from '../helpers/http';

// a query of several hundred resolvers on a graph six times the paper's, loaded a level at a time: each
// level's loads are batched into a statement or two, started once the level above has resolved
const DEEP = {
  query: `{ models(first: 50) { nodes { results { model { results { task { name }
    dataset { name sector { name } } model { citations { number mentions { section } } } } } } } } }`,
};

const statements = (app: InProcessApp) =>
  Object.values(app.stores).reduce((n, store) => n + store.counter.count, 0);

/** Calls `then` once, at the `nth` SQL statement from now that any store runs. */
function atStatement(app: InProcessApp, nth: number, then: () => void): void {
  let seen = 0;
  for (const store of Object.values(app.stores)) {
    const log = store.counter.logQuery.bind(store.counter);
    store.counter.logQuery = (query, parameters) => {
      log(query, parameters);
      if (++seen === nth) then();
    };
  }
}

describe('a client that goes away mid-request, over real HTTP (npm start)', () => {
  let app: InProcessApp;
  let server: RunningServer;
  beforeAll(async () => {
    const config = { ...(await seededConfig(6)), requestTimeoutMs: 600_000 };
    app = await createInProcessApp(config);
    server = await serve(app.gateway, app.health, () => app.close(), config);
  });
  afterAll(() => server?.stop());

  it('stops its request: the resolvers that had not started do not start, so its statements stop', async () => {
    const before = statements(app);
    const full = await postGraphQL(server, DEEP);
    expect(full.body?.errors).toBeUndefined();
    const fullRun = statements(app) - before;
    expect(fullRun).toBeGreaterThanOrEqual(6);

    const start = statements(app);
    const client = new AbortController();
    atStatement(app, 2, () => client.abort());
    const gone = postGraphQL(server, DEEP, {}, client.signal);
    await expect(gone).rejects.toThrow(/abort/i);
    // another client's request of the same operation, answered while the abandoned one would still run
    // beside it, had it not stopped: it has no head start over it
    const other = await postGraphQL(server, DEEP);
    expect(other.body?.errors).toBeUndefined();
    const abandoned = statements(app) - start - fullRun;
    // the wave it was aborted in (two statements of eight), none of the levels below it
    expect(abandoned).toBeLessThanOrEqual(3);
    expect(abandoned).toBeLessThan(fullRun / 2);
  });
});
