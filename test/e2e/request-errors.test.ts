import { RunningServer, startOneProcess } from '../helpers/http';

type Body = { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };

describe('request errors over HTTP carry a stable code', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startOneProcess();
  });
  afterAll(() => server?.stop());

  const post = async (body: string, contentType = 'application/json') => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
    return { status: res.status, body: (await res.json()) as Body };
  };
  const MODEL = 'query($s: String!) { model(slug: $s) { name } }';

  it.each([
    [
      'of the wrong type',
      { s: 5 },
      'Variable "$s" got invalid value 5; String cannot represent a non string value: 5',
    ],
    ['missing', {}, 'Variable "$s" of required type "String!" was not provided.'],
    ['null for a non-null type', { s: null }, 'Variable "$s" of non-null type "String!" must not be null.'],
  ])('a variable %s is BAD_USER_INPUT, with a 400', async (_what, variables, message) => {
    const res = await post(JSON.stringify({ query: MODEL, variables }));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ message, extensions: { code: 'BAD_USER_INPUT' } }),
    ]);
  });

  it("answers a variable of the right type with the paper's data", async () => {
    const res = await post(JSON.stringify({ query: MODEL, variables: { s: 'esmfold' } }));
    expect(res.body).toEqual({
      data: { model: { name: 'ESMfold' } },
      extensions: { cost: { requested: 1, limit: 50_000 } },
    });
  });

  it('tells a body sent as a form (curl -d) to send JSON, and how', async () => {
    const res = await post('{"query":"{ sectors { name } }"}', 'application/x-www-form-urlencoded');
    expect(res.body.errors?.[0].extensions?.code).toBe('BAD_REQUEST');
    expect(res.body.errors?.[0].message).toMatch(
      /^Must provide query string\. Send the operation as JSON: .*content-type: application\/json.*curl --json/,
    );
  });
});
