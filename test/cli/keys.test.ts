import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Authenticator } from '../../src/app/api-keys/authenticator';
import { KeyStore } from '../../src/app/api-keys/key-store';
import { runCli } from '../../src/cli/cli.main';

/** Runs `lam-atlas ...` in process, with STORE_DIR set, and returns what it printed. */
async function cli(dir: string, argv: string[]): Promise<string> {
  let out = '';
  const sink = { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream;
  const before = process.env.STORE_DIR;
  process.env.STORE_DIR = dir;
  try {
    await runCli(argv, sink);
  } finally {
    process.env.STORE_DIR = before;
  }
  return out;
}

describe('API keys', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-keys-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keys create prints a key once; the store keeps only a scrypt hash of it', async () => {
    const key = (await cli(dir, ['keys', 'create', '--role', 'curator', '--name', 'alice'])).trim();
    expect(key).toMatch(/^lam_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const [id, secret] = [key.slice(4, 20), key.slice(21)];
    const file = fs.readFileSync(path.join(dir, 'keys.sqlite'));
    expect(file.includes(Buffer.from(secret))).toBe(false);
    expect(file.includes(Buffer.from(key))).toBe(false);
    const list = await cli(dir, ['keys', 'list']);
    expect(list).toMatch(/^NAME\s+ROLE\s+ID\s+CREATED\s+REVOKED\n/);
    expect(list).toContain(`alice  curator  ${id}`);
    expect(list).not.toContain(secret);
  });

  it('refuses an unknown role, a bad name and a name taken, naming what is wrong', async () => {
    await expect(cli(dir, ['keys', 'create', '--role', 'owner', '--name', 'x'])).rejects.toThrow(
      'must be one of reader, curator, reviewer, admin',
    );
    await expect(cli(dir, ['keys', 'create', '--role', 'admin', '--name', 'a b'])).rejects.toThrow(
      "a key's name",
    );
    await cli(dir, ['keys', 'create', '--role', 'admin', '--name', 'root']);
    await expect(cli(dir, ['keys', 'create', '--role', 'reader', '--name', 'root'])).rejects.toThrow(
      'a key named "root" exists already',
    );
    await expect(cli(dir, ['keys', 'revoke', 'nobody'])).rejects.toThrow('there is no key "nobody"');
  });

  it('authenticates a key to its holder and role until it is revoked, in another process too', async () => {
    const key = (await cli(dir, ['keys', 'create', '--role', 'reviewer', '--name', 'bob'])).trim();
    const store = await KeyStore.open({ file: path.join(dir, 'keys.sqlite') });
    try {
      const auth = new Authenticator(() => Promise.resolve(store));
      await expect(auth.authenticate({ authorization: `Bearer ${key}` }, 'ip:a')).resolves.toMatchObject({
        ok: true,
        caller: { sub: 'bob', role: 'reviewer' },
      });
      await expect(auth.authenticate({ 'x-api-key': key }, 'ip:a')).resolves.toMatchObject({ ok: true });
      await expect(auth.authenticate({}, 'ip:a')).resolves.toMatchObject({
        ok: true,
        caller: { sub: 'anonymous', role: 'reader' },
      });
      // the store of this process sees the revocation another one made
      expect(await cli(dir, ['keys', 'revoke', 'bob'])).toMatch(
        /^revoked reviewer key [0-9a-f]{16} of bob\n$/,
      );
      await expect(auth.authenticate({ authorization: `Bearer ${key}` }, 'ip:a')).resolves.toMatchObject({
        ok: false,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    } finally {
      await store.close();
    }
  });

  it('refuses wrong, forged and malformed keys with 401, and an address that keeps trying with 429', async () => {
    const key = (await cli(dir, ['keys', 'create', '--role', 'admin', '--name', 'root'])).trim();
    const store = await KeyStore.open({ file: path.join(dir, 'keys.sqlite') });
    try {
      const auth = new Authenticator(() => Promise.resolve(store));
      const id = key.slice(4, 20);
      const forged = `lam_${id}_${'A'.repeat(43)}`;
      for (const wrong of [forged, 'lam_0000000000000000_' + 'B'.repeat(43), 'not-a-key', `${key}x`])
        await expect(auth.authenticate({ authorization: `Bearer ${wrong}` }, 'ip:b')).resolves.toMatchObject({
          ok: false,
          status: 401,
        });
      for (let i = 4; i < 10; i++) await auth.authenticate({ 'x-api-key': forged }, 'ip:b');
      // the good key too, from an address past its failures: refused unchecked
      await expect(auth.authenticate({ 'x-api-key': key }, 'ip:b')).resolves.toMatchObject({
        ok: false,
        status: 429,
        code: 'RATE_LIMITED',
      });
      await expect(auth.authenticate({ 'x-api-key': key }, 'ip:c')).resolves.toMatchObject({
        ok: true,
        caller: { sub: 'root', role: 'admin' },
      });
    } finally {
      await store.close();
    }
  });
});
