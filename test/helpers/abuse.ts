import * as http from 'http';
import { GraphQLResponse, JsonObject, parseJson } from './graphql';
import { postGraphQL, RunningServer, startOneProcess, timedFetch, TimedResponse } from './http';
import { tempConfig } from './app';

type Answer = TimedResponse<GraphQLResponse<JsonObject>>;
export type Send = (server: RunningServer) => Promise<Answer>;

export interface AbuseCase {
  name: string;
  send: Send;
  status: number;
  /** the `extensions.code` of the first error, or a pattern of its message */
  error?: string | RegExp;
  /** a pattern of the first error's message, besides its code */
  message?: RegExp;
  /** the whole `data` of an accepted request */
  data?: JsonObject;
}

/** A GraphQL request as JSON. */
export const gql =
  (query: string, variables?: unknown, operationName?: string): Send =>
  (s) =>
    postGraphQL(s, { query, variables, operationName });

/** A body sent as is, with this content type. */
export const raw =
  (body: string, contentType = 'application/json'): Send =>
  (s) =>
    postGraphQL(s, body, { 'content-type': contentType });

/** A GET with these query parameters. */
export const get =
  (params: Record<string, string>, headers: Record<string, string> = {}): Send =>
  (s) =>
    timedFetch(`${s.url}/graphql?${new URLSearchParams(params)}`, {
      headers: { accept: 'application/json', ...headers },
    });

/** A request of this HTTP method, with a JSON body where the method has one. */
export const method =
  (verb: string): Send =>
  (s) =>
    timedFetch(`${s.url}/graphql`, {
      method: verb,
      headers: { 'content-type': 'application/json' },
      body: verb === 'GET' || verb === 'HEAD' ? undefined : '{}',
    });

/** Sends a POST without Content-Length (chunked), which fetch cannot do. */
export const chunked: Send = (s) =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      `${s.url}/graphql`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: new Headers(res.headers as Record<string, string>),
            body: parseJson<GraphQLResponse<JsonObject>>(text),
            ms: performance.now() - started,
          }),
        );
      },
    );
    req.on('error', reject);
    req.write('{"query":');
    req.end('"{ __typename }"}');
  });

/** A document `3 * levels + 1` fields deep: sectors, then tasks, nodes and sector again and again. */
export const nest = (levels: number) =>
  `{ sectors { ${'tasks { nodes { sector { '.repeat(levels)}name${' } } }'.repeat(levels)} } }`;

/** `n` aliases of one field of each sector. */
export const aliases = (n: number, field = 'name') =>
  `{ sectors { ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} } }`;

/** Fragments that each spread the next twice: `leaf` selected 2^levels times. */
export const fragmentBomb = (levels: number, on = 'Query', leaf = '__typename') =>
  Array.from({ length: levels }, (_, i) => `fragment F${i} on ${on} { ...F${i + 1} ...F${i + 1} }`).join(
    '\n',
  ) + `\nfragment F${levels} on ${on} { ${leaf} }`;

/**
 * Sends each case to the `npm start` server over real HTTP: each is answered with its status and
 * error (no timing: the server's own deadlines bound the time, REQUEST_TIMEOUT_MS), and the server is still healthy and serves the paper's data afterwards.
 * ABUSE_REPORT=1 prints what each case got instead of asserting it.
 */
export function describeAbuse(title: string, cases: AbuseCase[]): void {
  describe(title, () => {
    let server: RunningServer;
    const seen: { name: string; status: number; ms: number; first?: string }[] = [];
    beforeAll(async () => {
      // a rate limit high enough that the suite itself is not throttled
      server = await startOneProcess(
        tempConfig({ RATE_LIMIT: '100000', RATE_LIMIT_BURST: '10000', RATE_LIMIT_POINTS: '100000000' }),
      );
    });
    afterAll(async () => {
      if (process.env.ABUSE_REPORT)
        console.log(seen.map((r) => `${r.name}\t${r.status}\t${Math.round(r.ms)}ms\t${r.first}`).join('\n'));
      await server?.stop();
    });

    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
      const res = await c.send(server);
      const first = res.body?.errors?.[0];
      seen.push({
        name: c.name,
        status: res.status,
        ms: res.ms,
        first: first
          ? `${first.extensions?.code} ${first.message.slice(0, 100)}`
          : JSON.stringify(res.body)?.slice(0, 100),
      });
      if (process.env.ABUSE_REPORT) return;
      expect(res.status).toBe(c.status);
      if (typeof c.error === 'string') expect(first?.extensions?.code).toBe(c.error);
      else if (c.error) expect(first?.message).toMatch(c.error);
      else expect(res.body?.errors).toBeUndefined();
      if (c.message) expect(first?.message).toMatch(c.message);
      if (c.status === 415) expect(res.body).toBeUndefined();
      if (c.data) expect(res.body?.data).toEqual(c.data);
    });

    it("is still healthy afterwards and serves the paper's data", async () => {
      const health = await timedFetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      const data = await server.client.request<{ model: JsonObject }>(
        `{ model(slug: "esmfold") { name parameters { display } results { display dataset { name } } citations { number label } } }`,
      );
      expect(data.model).toMatchObject({
        name: 'ESMfold',
        parameters: { display: '15B' },
        results: [{ display: '0.68', dataset: { name: 'CASP14' } }],
      });
      expect(data.model.citations).toContainEqual({ number: 84, label: 'ESMfold' });
    });
  });
}
