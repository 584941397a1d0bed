import { Audit, serverAudits } from 'graphql-http';
import { RunningServer, startOneProcess } from '../helpers/http';

/**
 * The GraphQL over HTTP spec's conformance audits (graphql-http), over real HTTP against the gateway
 * as `npm start` serves it. Every audit passes today, the SHOULD and MAY ones included: a change that
 * breaks one shows up here with the audit's own reason.
 */
let server: RunningServer;
const audits = serverAudits({ url: () => `${server.url}/graphql` });
const byLevel = (level: string): [string, Audit][] =>
  audits.filter((a) => a.name.startsWith(`${level} `)).map((a) => [`${a.id} ${a.name}`, a]);

beforeAll(async () => {
  server = await startOneProcess();
});
afterAll(() => server?.stop());

async function outcome(audit: Audit): Promise<string> {
  const result = await audit.fn();
  return result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`;
}

it('runs the whole audit list, each audit at its level', () => {
  // graphql-http 1.23.1 has 61 audits, 13 of them MUST
  expect(byLevel('MUST').length).toBe(13);
  expect(audits.length).toBe(byLevel('MUST').length + byLevel('SHOULD').length + byLevel('MAY').length);
});

describe('GraphQL over HTTP: requirements (MUST)', () => {
  it.each(byLevel('MUST'))('%s', async (_, audit) => {
    expect(await outcome(audit)).toBe('ok');
  });
});

describe('GraphQL over HTTP: recommendations (SHOULD)', () => {
  it.each(byLevel('SHOULD'))('%s', async (_, audit) => {
    expect(await outcome(audit)).toBe('ok');
  });
});

describe('GraphQL over HTTP: options (MAY)', () => {
  it.each(byLevel('MAY'))('%s', async (_, audit) => {
    expect(await outcome(audit)).toBe('ok');
  });
});
