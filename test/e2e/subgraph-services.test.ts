import { startSubgraphServer } from '../../src/app/subgraph-server';
import { IDENTITY_HEADER, signIdentity } from '../../src/common/identity';
import { seedStores } from '../../src/data/seed';
import { tempConfig } from '../helpers/app';
import { GraphQLResponse } from '../helpers/graphql';
import { SeparateServices, startSeparateServices, timedFetch } from '../helpers/http';
import { gid } from '../helpers/subgraph';

const SECRET = 'a-test-secret-of-at-least-32-characters';

describe('subgraph services answer the gateway only', () => {
  let services: SeparateServices;
  beforeAll(async () => {
    services = await startSeparateServices({ env: { SUBGRAPH_SECRET: SECRET } });
  });
  afterAll(() => services?.stop());

  const direct = async (name: string, body: object, headers: Record<string, string> = {}) => {
    const res = await fetch(services.subgraphs[name].url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as GraphQLResponse };
  };
  const signed = (iat = Date.now(), secret = SECRET) => ({
    [IDENTITY_HEADER]: signIdentity({ sub: 'gateway', role: 'reader', iat }, secret),
  });
  const MODEL = { query: '{ model(slug: "esmfold") { name } }' };

  it('serves clients through the gateway, which signs its subgraph requests (and probes)', async () => {
    const res = await services.client.request<{ model: { name: string; citations: { number: number }[] } }>(
      '{ model(slug: "esmfold") { name citations { number } } }',
    );
    expect(res.model).toEqual({ name: 'ESMfold', citations: [{ number: 84 }] });
    expect((await timedFetch(`${services.url}/healthz`)).body).toMatchObject({ status: 'ok' });
  });

  it.each([
    ['no identity', {}],
    ['a bare identity header', { [IDENTITY_HEADER]: 'gateway' }],
    [
      'an identity signed with another secret',
      signed(Date.now(), 'another-secret-of-at-least-32-characters'),
    ],
    ['an identity signed ten minutes ago', signed(Date.now() - 10 * 60_000)],
  ])(
    'refuses a request sent straight to a subgraph with %s (401 UNAUTHENTICATED)',
    async (_what, headers) => {
      const res = await direct('catalog', MODEL, headers);
      expect(res.status).toBe(401);
      expect(res.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.body.data ?? null).toBeNull();
    },
  );

  it('answers a request the gateway signed', async () => {
    expect((await direct('catalog', MODEL, signed())).body).toEqual({ data: { model: { name: 'ESMfold' } } });
  });

  it('applies its own limits, even to signed requests: depth and the number of representations', async () => {
    const deep = `{ sectors { ${'tasks { nodes { sector { '.repeat(6)}name${' } } }'.repeat(6)} } }`;
    // Apollo Server reports a validation rule's error as GRAPHQL_VALIDATION_FAILED
    expect((await direct('catalog', { query: deep }, signed())).body.errors?.[0]).toMatchObject({
      message: 'operation depth 20 exceeds the limit of 16',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const reps = Array.from({ length: 50_001 }, () => ({ __typename: 'Model', id: gid('Model', 'esmfold') }));
    const many = await direct(
      'literature',
      {
        query:
          'query($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }',
        variables: { representations: reps },
      },
      signed(),
    );
    expect(many.body.errors?.[0]).toMatchObject({
      message: 'at most 50000 representations per request, got 50001',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

describe('a subgraph service without a secret', () => {
  it('refuses to listen beyond loopback unless told to', async () => {
    const config = tempConfig({ HOST: '0.0.0.0' });
    await seedStores(config);
    await expect(startSubgraphServer(config, 'catalog', 0)).rejects.toThrow(
      /would listen on 0\.0\.0\.0 and answer anyone: set SUBGRAPH_SECRET .* or SUBGRAPH_ALLOW_UNSIGNED=true/,
    );
  });
});
