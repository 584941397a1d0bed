import { createInProcessApp, InProcessApp } from '../../src/app/in-process';
import { createLogger, LogFields } from '../../src/common/logger';
import { gatewayQuery, seededConfig } from '../helpers/app';

describe('an outage of a subgraph in the log', () => {
  let app: InProcessApp;
  const lines: LogFields[] = [];
  beforeAll(async () => {
    app = await createInProcessApp(await seededConfig(), {
      logger: createLogger({ level: 'error', sink: (record) => lines.push(record) }),
    });
    // the literature store goes away: every citations field fails
    await app.stores.literature.dataSource.destroy();
  });
  afterAll(() => app?.close());

  it('is one line per request however many fields fail, with the stack once for repeats', async () => {
    // three fields of the literature subgraph, each failing on its own
    const query =
      '{ a: citation(number: 1) { label } b: citation(number: 2) { label } c: citation(number: 84) { label } }';
    for (let i = 0; i < 5; i++) {
      const res = await gatewayQuery(app, query);
      expect(res.errors).toHaveLength(3);
      expect(res.errors?.[0]).toMatchObject({
        message: 'Unexpected error.',
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
    }
    const errors = lines.filter((l) => l.msg === 'unexpected error');
    // one line each, not one per failed field
    expect(errors).toHaveLength(5);
    expect(errors[0]).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      message: expect.stringMatching(/database connection is not open|Driver not Connected/) as unknown,
      stack: expect.any(String) as unknown,
      errors: 3,
    });
    // later requests: the same kind of error, counted, without its stack
    expect(errors.slice(1).map((l) => [l.repeated, 'stack' in l])).toEqual([
      [2, false],
      [3, false],
      [4, false],
      [5, false],
    ]);
  });
});
