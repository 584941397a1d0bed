import * as http from 'http';
import { postGraphQL, RunningServer, startOneProcess, timedFetch, TimedResponse } from '../helpers/http';
import { tempConfig } from '../helpers/app';

/** every abusive request is answered within this bound: a limit, not a benchmark */
const BOUND_MS = 1000;

type Send = (server: RunningServer) => Promise<TimedResponse>;

interface AbuseCase {
  name: string;
  send: Send;
  status: number;
  /** the `extensions.code` of the first error, or a pattern of its message */
  error?: string | RegExp;
  /** a pattern of the first error's message, besides its code */
  message?: RegExp;
  /** further checks on an accepted request's body */
  check?: (body: any) => void;
}

const gql =
  (query: string, variables?: unknown, operationName?: string): Send =>
  (s) =>
    postGraphQL(s, { query, variables, operationName });
const raw =
  (body: string, contentType = 'application/json'): Send =>
  (s) =>
    postGraphQL(s, body, { 'content-type': contentType });
const get =
  (params: Record<string, string>, headers: Record<string, string> = {}): Send =>
  (s) =>
    timedFetch(`${s.url}/graphql?${new URLSearchParams(params)}`, {
      headers: { accept: 'application/json', ...headers },
    });
const method =
  (verb: string): Send =>
  (s) =>
    timedFetch(`${s.url}/graphql`, {
      method: verb,
      headers: { 'content-type': 'application/json' },
      body: verb === 'GET' || verb === 'HEAD' ? undefined : '{}',
    });

/** Sends a POST without Content-Length (chunked), which fetch cannot do. */
const chunked: Send = (s) =>
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
            body: JSON.parse(text),
            ms: performance.now() - started,
          }),
        );
      },
    );
    req.on('error', reject);
    req.write('{"query":');
    req.end('"{ __typename }"}');
  });

const nest = (levels: number) =>
  `{ sectors { ${'tasks { nodes { sector { '.repeat(levels)}name${' } } }'.repeat(levels)} } }`;
const aliases = (n: number, field = 'name') =>
  `{ sectors { ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} } }`;
const fragmentBomb = (levels: number, on = 'Query', leaf = '__typename') =>
  Array.from({ length: levels }, (_, i) => `fragment F${i} on ${on} { ...F${i + 1} ...F${i + 1} }`).join(
    '\n',
  ) + `\nfragment F${levels} on ${on} { ${leaf} }`;

const CASES: AbuseCase[] = [
  // nesting
  { name: 'nesting 13 deep', send: gql(nest(4)), status: 200, error: 'MAX_DEPTH_EXCEEDED' },
  { name: 'nesting 100 deep', send: gql(nest(33)), status: 200, error: 'MAX_DEPTH_EXCEEDED' },
  { name: 'nesting 600 deep', send: gql(nest(200)), status: 200, error: 'MAX_DEPTH_EXCEEDED' },
  {
    name: 'nesting through fragments',
    send: gql(
      `{ sectors { ...S } } fragment S on Sector { tasks { nodes { sector { ...T } } } } fragment T on Sector { tasks { nodes { sector { ...U } } } } fragment U on Sector { tasks { nodes { sector { ...V } } } } fragment V on Sector { tasks { nodes { sector { name } } } }`,
    ),
    status: 200,
    error: 'MAX_DEPTH_EXCEEDED',
  },
  {
    name: 'nesting of 2000 brackets',
    send: gql(`{ ${'sectors { '.repeat(2000)}name${' }'.repeat(2000)} }`),
    status: 200,
    error: 'MAX_DEPTH_EXCEEDED',
  },
  {
    name: 'deep introspection',
    send: gql(
      `{ __schema { types { fields { type { ${'ofType { '.repeat(25)}name${' }'.repeat(25)} } } } } }`,
    ),
    status: 200,
    error: 'MAX_DEPTH_EXCEEDED',
  },
  // aliases
  { name: '31 aliases', send: gql(aliases(31)), status: 200, error: 'MAX_ALIASES_EXCEEDED' },
  { name: 'alias bomb of 1500', send: gql(aliases(1500)), status: 200, error: 'MAX_ALIASES_EXCEEDED' },
  {
    name: 'alias bomb of __typename',
    send: gql(`{ ${Array.from({ length: 1000 }, (_, i) => `t${i}: __typename`).join(' ')} }`),
    status: 200,
    error: 'MAX_ALIASES_EXCEEDED',
  },
  {
    name: 'aliased big pages',
    send: gql(
      `{ ${Array.from({ length: 20 }, (_, i) => `m${i}: models(first: 500) { nodes { results { dataset { name } } } }`).join(' ')} }`,
    ),
    status: 200,
    error: 'COST_LIMIT_EXCEEDED',
  },
  {
    name: '21 root fields',
    send: gql(`{ ${Array.from({ length: 21 }, (_, i) => `r${i}: metrics { name }`).join(' ')} }`),
    status: 200,
    error: 'MAX_ROOT_FIELDS_EXCEEDED',
  },
  // fragments
  {
    name: 'fragment bomb on Query',
    send: gql(`{ ...F0 }\n${fragmentBomb(20)}`),
    status: 200,
    error: 'MAX_FIELDS_EXCEEDED',
  },
  {
    name: 'fragment bomb on Model',
    send: gql(
      `{ models(first: 1) { nodes { ...F0 } } }\n${fragmentBomb(30, 'Model', 'name risks { name }')}`,
    ),
    status: 200,
    error: 'MAX_FIELDS_EXCEEDED',
  },
  {
    name: 'fragment bomb of inline fragments',
    send: gql(
      `{ models(first: 1) { nodes { ...F0 } } }\n${Array.from({ length: 16 }, (_, i) => `fragment F${i} on Model { ... on Model { ...F${i + 1} } ... { ...F${i + 1} } }`).join('\n')}\nfragment F16 on Model { name }`,
    ),
    status: 200,
    error: 'MAX_FIELDS_EXCEEDED',
  },
  {
    name: 'circular fragments',
    send: gql(
      `{ models(first: 1) { nodes { ...A } } } fragment A on Model { name ...B } fragment B on Model { slug ...A }`,
    ),
    status: 200,
    error: /Cannot spread fragment "A" within itself/,
  },
  {
    name: 'self-spreading fragment',
    send: gql(`{ risks { ...R } } fragment R on Risk { name ...R }`),
    status: 200,
    error: /within itself/,
  },
  {
    name: 'unknown fragment',
    send: gql(`{ risks { ...Nope } }`),
    status: 200,
    error: /Unknown fragment "Nope"/,
  },
  {
    name: 'fragment on a wrong type',
    send: gql(`{ risks { ...M } } fragment M on Model { name }`),
    status: 200,
    error: /cannot be spread here/,
  },
  // huge lists
  {
    name: 'models(first: 100000)',
    send: gql(`{ models(first: 100000) { nodes { name } } }`),
    status: 200,
    error: 'BAD_USER_INPUT',
    message: /"first" must be at most 500/,
  },
  {
    name: 'models(first: 100000) counted only',
    send: gql(`{ models(first: 100000) { totalCount } }`),
    status: 200,
    error: /"first" must be .*at most 500/,
  },
  {
    name: 'citations(first: 100000)',
    send: gql(`{ citations(first: 100000) { nodes { number } } }`),
    status: 200,
    error: 'BAD_USER_INPUT',
    message: /"first" must be at most 500/,
  },
  {
    name: 'search(first: 100000)',
    send: gql(`{ search(query: "a", first: 100000) { __typename } }`),
    status: 200,
    error: 'BAD_USER_INPUT',
  },
  {
    name: 'first beyond Int',
    send: gql(`{ models(first: 99999999999) { totalCount } }`),
    status: 200,
    error: /Int cannot represent non 32-bit signed integer/,
  },
  {
    name: 'negative first',
    send: gql(`{ models(first: -1) { totalCount } }`),
    status: 200,
    error: 'BAD_USER_INPUT',
  },
  {
    name: 'nested pages multiplied',
    send: gql(
      `{ sectors { models(first: 500) { nodes { trainedOn { usedToTrain(first: 500) { nodes { name } } } } } } }`,
    ),
    status: 200,
    error: 'COST_LIMIT_EXCEEDED',
  },
  {
    name: '600 ids to nodes',
    send: gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: Array.from({ length: 600 }, (_, i) => `id${i}`),
    }),
    status: 200,
    error: 'BAD_USER_INPUT',
  },
  // bodies
  {
    name: 'oversized body',
    send: raw(JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(200_000) } })),
    status: 413,
    error: 'REQUEST_TOO_LARGE',
  },
  { name: 'body without Content-Length', send: chunked, status: 411, error: 'LENGTH_REQUIRED' },
  {
    name: 'empty body',
    send: raw(''),
    status: 400,
    error: 'BAD_REQUEST',
    message: /POST body sent invalid JSON\./,
  },
  // invalid JSON
  {
    name: 'truncated JSON',
    send: raw('{"query": '),
    status: 400,
    error: 'BAD_REQUEST',
    message: /POST body sent invalid JSON\./,
  },
  {
    name: 'JSON null',
    send: raw('null'),
    status: 400,
    error: 'BAD_REQUEST',
    message: /POST body is expected to be object but received null/,
  },
  {
    name: 'JSON string',
    send: raw('"{ __typename }"'),
    status: 400,
    error: 'BAD_REQUEST',
    message: /POST body is expected to be object but received string/,
  },
  {
    name: 'JSON number',
    send: raw('42'),
    status: 400,
    error: 'BAD_REQUEST',
    message: /POST body is expected to be object but received number/,
  },
  {
    name: 'query is a number',
    send: raw('{"query": 42}'),
    status: 400,
    error: 'BAD_REQUEST',
    message: /Expected "query" param to be a string, but given number\./,
  },
  {
    name: 'query is null',
    send: raw('{"query": null}'),
    status: 200,
    error: 'BAD_REQUEST',
    message: /Must provide query string\./,
  },
  {
    name: 'no query',
    send: raw('{}'),
    status: 200,
    error: 'BAD_REQUEST',
    message: /Must provide query string\./,
  },
  {
    name: 'variables not an object',
    send: raw('{"query": "{ __typename }", "variables": "x"}'),
    status: 400,
    error: 'BAD_REQUEST',
    message: /Expected "variables" param to be empty or an object, but given string\./,
  },
  {
    name: 'variables an array',
    send: raw('{"query": "{ __typename }", "variables": [1, 2]}'),
    status: 400,
    error: 'BAD_REQUEST',
    message: /Expected "variables" param to be empty or an object, but given array\./,
  },
  {
    name: 'JSON nested 20000 deep',
    send: raw(`{"query": "{ __typename }", "variables": {"x": ${'['.repeat(20_000)}${']'.repeat(20_000)}}}`),
    status: 200,
    check: (b) => expect(b.data).toEqual({ __typename: 'Query' }),
  },
  {
    name: 'trailing garbage',
    send: raw('{"query": "{ __typename }"} trailing'),
    status: 400,
    error: 'BAD_REQUEST',
    message: /POST body sent invalid JSON\./,
  },
  {
    name: 'byte order mark',
    send: raw('\ufeff{"query": "{ __typename }"}'),
    status: 400,
    error: 'BAD_REQUEST',
    message: /POST body sent invalid JSON/,
  },
  // content types
  { name: 'text/plain', send: raw(JSON.stringify({ query: '{ __typename }' }), 'text/plain'), status: 415 },
  { name: 'application/xml', send: raw('<query>{ __typename }</query>', 'application/xml'), status: 415 },
  {
    name: 'form-urlencoded',
    send: raw('query=%7B__typename%7D', 'application/x-www-form-urlencoded'),
    status: 200,
    check: (b) => expect(b.data).toEqual({ __typename: 'Query' }),
  },
  {
    name: 'multipart',
    send: raw(
      '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ __typename }"}\r\n--x--',
      'multipart/form-data; boundary=x',
    ),
    status: 415,
  },
  {
    name: 'application/graphql',
    send: raw('{ __typename }', 'application/graphql'),
    status: 200,
    check: (b) => expect(b.data).toEqual({ __typename: 'Query' }),
  },
  {
    name: 'no content type',
    send: (s) =>
      timedFetch(`${s.url}/graphql`, {
        method: 'POST',
        body: new Uint8Array(Buffer.from('{"query":"{ __typename }"}')),
      }),
    status: 415,
  },
  // methods
  {
    name: 'GET with a mutation',
    send: get({ query: 'mutation { deleteEverything }' }),
    status: 405,
    error: 'BAD_REQUEST',
    message: /Can only perform a mutation operation from a POST request\./,
  },
  {
    name: 'GET with a subscription',
    send: get({ query: 'subscription { onRisk { name } }' }),
    status: 200,
    error: /Schema\ is\ not\ configured\ to\ execute\ subscription\ operation\./,
  },
  {
    name: 'GET without a query',
    send: get({}),
    status: 200,
    error: 'BAD_REQUEST',
    message: /Must provide query string\./,
  },
  {
    name: 'GET with a huge URL',
    send: get({ query: `{ search(query: "${'q'.repeat(20_000)}") { __typename } }` }),
    status: 431,
  },
  {
    name: 'PUT',
    send: method('PUT'),
    status: 405,
    error: 'BAD_REQUEST',
    message: /GraphQL only supports GET and POST requests\./,
  },
  {
    name: 'DELETE',
    send: method('DELETE'),
    status: 405,
    error: 'BAD_REQUEST',
    message: /GraphQL only supports GET and POST requests\./,
  },
  // variables
  {
    name: 'variable of the wrong type',
    send: gql(`query($n: Int!) { citation(number: $n) { label } }`, { n: 'eighty-four' }),
    status: 400,
    error: /Variable "\$n" got invalid value "eighty-four"/,
  },
  {
    name: 'missing required variable',
    send: gql(`query($n: Int!) { citation(number: $n) { label } }`, {}),
    status: 400,
    error: /Variable "\$n" of required type "Int!" was not provided/,
  },
  {
    name: 'null for a non-null variable',
    send: gql(`query($n: Int!) { citation(number: $n) { label } }`, { n: null }),
    status: 400,
    error: /must not be null/,
  },
  {
    name: 'undeclared variable used',
    send: gql(`{ citation(number: $n) { label } }`, { n: 84 }),
    status: 200,
    error: /Variable "\$n" is not defined/,
  },
  {
    name: 'extra variables are ignored',
    send: gql(`query($n: Int!) { citation(number: $n) { label } }`, {
      n: 84,
      extra: 'x'.repeat(1000),
      more: { deep: [1, 2] },
    }),
    status: 200,
    check: (b) => expect(b.data.citation.label).toBe('ESMfold'),
  },
  {
    name: 'enum variable with a wrong value',
    send: gql(`query($a: [Access!]) { models(filter: { trainedOnAccess: $a }) { totalCount } }`, {
      a: ['SECRET'],
    }),
    status: 400,
    error: /Value "SECRET" does not exist in "Access" enum/,
  },
  {
    name: 'object where a scalar is expected',
    send: gql(`query($q: String!) { search(query: $q) { __typename } }`, { q: { $ne: null } }),
    status: 400,
    error: /String cannot represent a non string value/,
  },
  // operation names
  {
    name: 'unknown operation name',
    send: gql(`query A { __typename } query B { __typename }`, undefined, 'C'),
    status: 400,
    error: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'several operations, no name',
    send: gql(`query A { __typename } query B { __typename }`),
    status: 400,
    error: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'huge operation name',
    send: gql(`query A { __typename }`, undefined, 'N'.repeat(50_000)),
    status: 400,
    error: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'duplicate operation names',
    send: gql(`query A { __typename } query A { __typename }`, undefined, 'A'),
    status: 200,
    error: /There can be only one operation named "A"/,
  },
  // batching
  {
    name: 'batch of 2',
    send: raw(JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }])),
    status: 400,
    error: 'BAD_REQUEST',
    message: /Batching is not supported\./,
  },
  {
    name: 'batch of 1000',
    send: raw(JSON.stringify(Array.from({ length: 1000 }, () => ({ query: '{ risks { name } }' })))),
    status: 400,
    error: 'BAD_REQUEST',
    message: /Batching is not supported\./,
  },
  {
    name: 'empty batch',
    send: raw('[]'),
    status: 400,
    error: 'BAD_REQUEST',
    message: /Batching is not supported\./,
  },
  // unicode
  {
    name: 'emoji search',
    send: gql(`query($q: String!) { search(query: $q) { __typename } }`, { q: '🧬🩺' }),
    status: 200,
    check: (b) => expect(b.data.search).toEqual([]),
  },
  {
    name: 'lone surrogate search',
    send: raw(
      '{"query":"query($q: String!) { search(query: $q) { __typename } }","variables":{"q":"\\ud800"}}',
    ),
    status: 200,
    check: (b) => expect(b.data.search).toEqual([]),
  },
  {
    name: 'lone surrogate in the document',
    send: raw('{"query":"{ model(slug: \\"\\udc00\\") { name } }"}'),
    status: 200,
    error: /Invalid character within String: U\+DC00/,
  },
  {
    name: 'right-to-left search',
    send: gql(`query($q: String!) { search(query: $q) { __typename } }`, { q: '\u202eledom\u202c نموذج' }),
    status: 200,
    check: (b) => expect(b.data.search).toEqual([]),
  },
  {
    name: 'NUL in a search variable',
    send: gql(`query($q: String!) { search(query: $q) { __typename } }`, { q: 'esm\u0000fold' }),
    status: 200,
    check: (b) => expect(b.data.search).toEqual([]),
  },
  {
    name: 'NUL in a string literal',
    send: gql(`{ model(slug: "gpt\\u0000-3") { name } }`),
    status: 200,
    check: (b) => expect(b.data.model).toBeNull(),
  },
  { name: 'raw NUL in the document', send: gql(`{ __typename \u0000 }`), status: 200, error: /Syntax Error/ },
  { name: 'emoji as a field name', send: gql(`{ 🧬 }`), status: 200, error: /Syntax Error/ },
  {
    name: 'combining marks and zero-width joiners',
    send: gql(`query($q: String!) { search(query: $q) { __typename } }`, { q: 'G\u0336P\u200dT\u200b-3' }),
    status: 200,
    check: (b) => expect(b.data.search).toEqual([]),
  },
  {
    name: 'SQL wildcards in search',
    send: gql(`query($q: String!) { search(query: $q) { __typename } }`, { q: "%_%' OR 1=1 --" }),
    status: 200,
    check: (b) => expect(b.data.search).toEqual([]),
  },
  // huge strings
  {
    name: '90 kB search string',
    send: gql(`query($q: String!) { search(query: $q) { __typename } }`, { q: 'e'.repeat(90_000) }),
    status: 200,
    error: /"query" must be at most 200 characters/,
  },
  {
    name: '90 kB slug literal',
    send: gql(`{ model(slug: "${'m'.repeat(90_000)}") { name } }`),
    status: 200,
    check: (b) => expect(b.data.model).toBeNull(),
  },
  {
    name: '90 kB of garbage node id',
    send: gql(`query($id: ID!) { node(id: $id) { id } }`, { id: '%'.repeat(90_000) }),
    status: 200,
    check: (b) => expect(b.data.node).toBeNull(),
  },
  {
    name: '500 garbage ids',
    send: gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: Array.from({ length: 500 }, (_, i) => `not-an-id-${i}`),
    }),
    status: 200,
    check: (b) => expect(b.data.nodes.every((n: unknown) => n === null)).toBe(true),
  },
  // directives and tokens
  {
    name: '21 directives',
    send: gql(`{ sectors { ${Array.from({ length: 21 }, () => 'name @include(if: true)').join(' ')} } }`),
    status: 200,
    error: 'MAX_DIRECTIVES_EXCEEDED',
  },
  {
    name: 'repeated directive',
    send: gql(`{ sectors { name @skip(if: false) @skip(if: false) } }`),
    status: 200,
    error: /can only be used once/,
  },
  {
    name: 'unknown directive',
    send: gql(`{ sectors { name @explode } }`),
    status: 200,
    error: /Unknown directive "@explode"/,
  },
  {
    name: '5001 tokens',
    send: gql(`{ sectors { ${'name '.repeat(5001)} } }`),
    status: 200,
    error: 'MAX_TOKENS_EXCEEDED',
  },
  {
    name: 'subscription',
    send: gql(`subscription { risks { name } }`),
    status: 200,
    error: /Schema\ is\ not\ configured\ to\ execute\ subscription\ operation\./,
  },
  {
    name: 'mutation over POST',
    send: gql(`mutation { deleteEverything }`),
    status: 200,
    error: /Schema\ is\ not\ configured\ to\ execute\ mutation\ operation\./,
  },
];

describe('abusive requests over real HTTP', () => {
  let server: RunningServer;
  const seen: { name: string; status: number; ms: number; first?: string }[] = [];
  beforeAll(async () => {
    // a rate limit high enough that the suite itself is not throttled
    server = await startOneProcess(tempConfig({ RATE_LIMIT: '100000', RATE_LIMIT_BURST: '10000' }));
  });
  afterAll(async () => {
    if (process.env.ABUSE_REPORT)
      console.log(seen.map((r) => `${r.name}\t${r.status}\t${Math.round(r.ms)}ms\t${r.first}`).join('\n'));
    await server?.stop();
  });

  it('has a table of at least 60 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const res = await c.send(server);
    const first = res.body?.errors?.[0];
    seen.push({
      name: c.name,
      status: res.status,
      ms: res.ms,
      first: first
        ? `${first.extensions?.code} ${String(first.message).slice(0, 100)}`
        : JSON.stringify(res.body)?.slice(0, 100),
    });
    if (process.env.ABUSE_REPORT) return;
    expect(res.status).toBe(c.status);
    if (typeof c.error === 'string') expect(first?.extensions?.code).toBe(c.error);
    else if (c.error) expect(first?.message).toMatch(c.error);
    else expect(res.body?.errors).toBeUndefined();
    if (c.message) expect(first?.message).toMatch(c.message);
    if (c.status === 415) expect(res.body).toBeUndefined();
    c.check?.(res.body);
    expect(res.ms).toBeLessThan(BOUND_MS);
  });

  it("is still healthy afterwards and serves the paper's data", async () => {
    const health = await timedFetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const data: any = await server.client.request(
      `{ model(slug: "esmfold") { name parameters { display } results { display dataset { name } } citations { number label } } }`,
    );
    expect(data.model).toMatchObject({ name: 'ESMfold', parameters: { display: '15B' } });
    expect(data.model.results[0]).toMatchObject({ display: '0.68', dataset: { name: 'CASP14' } });
    expect(data.model.citations).toContainEqual({ number: 84, label: 'ESMfold' });
  });
});
