import { createInProcessApp, InProcessApp } from '../../src/app/in-process';
import { Config } from '../../src/common/config';
import { EXECUTIONS, gatewayQuery, seededConfig } from '../helpers/app';

// a query of several hundred resolvers and statements on a graph six times the paper's
const HEAVY = `{ models(first: 400) { nodes { name results { display dataset { name } }
  citations { number mentions { section } } risks { name } trainedOn { name } } } }`;

const statements = (app: InProcessApp) =>
  Object.values(app.stores).reduce((n, store) => n + store.counter.count, 0);

describe.each(EXECUTIONS)('a deadline per request (%s execution)', (execution) => {
  let config: Config;
  let hurried: InProcessApp;
  let patient: InProcessApp;
  beforeAll(async () => {
    config = { ...(await seededConfig(6)), execution };
    [hurried, patient] = await Promise.all([
      createInProcessApp({ ...config, requestTimeoutMs: 1 }),
      createInProcessApp({ ...config, requestTimeoutMs: 60_000 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([hurried?.close(), patient?.close()]);
  });

  it('ends a request past REQUEST_TIMEOUT_MS with REQUEST_TIMEOUT, and what had not started does not start', async () => {
    const before = statements(patient);
    const full = await gatewayQuery<{ models: { nodes: unknown[] } }>(patient, HEAVY);
    expect(full.errors).toBeUndefined();
    expect(full.data?.models.nodes).toHaveLength(400);
    const fullRun = statements(patient) - before;

    const start = statements(hurried);
    const res = await gatewayQuery(hurried, HEAVY);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]).toMatchObject({
      message: 'The request took longer than 1 ms (REQUEST_TIMEOUT_MS) and was stopped.',
      extensions: { code: 'REQUEST_TIMEOUT' },
    });
    // let whatever was already under way settle: it stops where it checks the deadline
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(statements(hurried) - start).toBeLessThan(fullRun);
  });

  it('keeps answering other requests', async () => {
    const res = await gatewayQuery<{ citation: { label: string } }>(
      patient,
      '{ citation(number: 84) { label } }',
    );
    expect(res.data).toEqual({ citation: { label: 'ESMfold' } });
  });
});
