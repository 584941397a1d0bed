import { KeyStore, keyStoreTarget } from '../../src/app/api-keys/key-store';
import { IDENTITY_HEADER, signIdentity } from '../../src/common/identity';
import { tempConfig } from '../helpers/app';
import { postGraphQL, RunningServer, startOneProcess, startSeparateServices } from '../helpers/http';
import type { Config } from '../../src/common/config';

const VIEWER = { query: '{ viewer { name role authenticated } }' };
const SECRET = 'a-shared-secret-of-the-gateway-and-its-subgraphs';

async function keyFor(
  config: Config,
  name: string,
  role: string,
): Promise<{ key: string; revoke(): Promise<void> }> {
  const store = await KeyStore.open(keyStoreTarget(config));
  try {
    const { key } = await store.create(name, role);
    return {
      key,
      revoke: async () => {
        const again = await KeyStore.open(keyStoreTarget(config));
        await again.revoke(name);
        await again.close();
      },
    };
  } finally {
    await store.close();
  }
}

const viewerWith = (server: RunningServer, headers: Record<string, string> = {}) =>
  postGraphQL<{ viewer: unknown }>(server, VIEWER, headers);

describe.each(['fused', 'planned'])('API keys over HTTP, one process (%s)', (execution) => {
  let server: Awaited<ReturnType<typeof startOneProcess>>;
  beforeAll(async () => {
    server = await startOneProcess(tempConfig({ EXECUTION: execution }));
  });
  afterAll(() => server?.stop());

  it('answers an anonymous reader without a key, and the key holder with one, until it is revoked', async () => {
    expect((await viewerWith(server)).body).toMatchObject({
      data: { viewer: { name: 'anonymous', role: 'READER', authenticated: false } },
    });
    const alice = await keyFor(server.config, 'alice', 'curator');
    expect((await viewerWith(server, { authorization: `Bearer ${alice.key}` })).body).toMatchObject({
      data: { viewer: { name: 'alice', role: 'CURATOR', authenticated: true } },
    });
    expect((await viewerWith(server, { 'x-api-key': alice.key })).body).toMatchObject({
      data: { viewer: { name: 'alice', role: 'CURATOR' } },
    });
    await alice.revoke();
    const revoked = await viewerWith(server, { authorization: `Bearer ${alice.key}` });
    expect(revoked.status).toBe(401);
    expect(revoked.body).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('never takes an identity header from a client as the caller', async () => {
    const forged = signIdentity(
      { sub: 'mallory', role: 'admin', iat: Date.now() },
      'a guess at the secret, 32 chars long',
    );
    expect((await viewerWith(server, { [IDENTITY_HEADER]: forged })).body).toMatchObject({
      data: { viewer: { name: 'anonymous', role: 'READER' } },
    });
  });
});

describe('API keys over HTTP, separate services', () => {
  let services: Awaited<ReturnType<typeof startSeparateServices>>;
  beforeAll(async () => {
    services = await startSeparateServices({
      env: { SUBGRAPH_SECRET: SECRET, SUBGRAPH_ALLOW_UNSIGNED: 'false' },
    });
  });
  afterAll(() => services?.stop());

  it('forwards the key holder to the subgraphs as a signed identity', async () => {
    const bob = await keyFor(services.config, 'bob', 'reviewer');
    expect((await viewerWith(services, { authorization: `Bearer ${bob.key}` })).body).toMatchObject({
      data: { viewer: { name: 'bob', role: 'REVIEWER', authenticated: true } },
    });
  });

  it('refuses a subgraph request straight from a client, with or without a forged identity', async () => {
    const catalog = { url: services.subgraphs.catalog.url.replace(/\/graphql$/, '') };
    const forged = signIdentity({ sub: 'mallory', role: 'admin', iat: Date.now() }, 'x'.repeat(48));
    const attempts: Record<string, string>[] = [
      {},
      { [IDENTITY_HEADER]: forged },
      { [IDENTITY_HEADER]: 'not.signed' },
    ];
    for (const headers of attempts) {
      const res = await postGraphQL(catalog, VIEWER, headers);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    }
  });
});
