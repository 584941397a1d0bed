import * as crypto from 'crypto';
import * as path from 'path';
import { promisify } from 'util';
import { DataSource } from 'typeorm';
import { Config } from '../../common/config';
import { openWritableStore, StoreTarget } from '../../common/database';
import { ApiKey, Role, ROLES } from './api-key.entity';
import { ApiKeys1796300000000 } from './api-keys.migration';

const scrypt = promisify(crypto.scrypt) as (
  secret: string,
  salt: Buffer,
  length: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

// OWASP's minimum for scrypt: N=2^17 would take about half a second per check on this class of machine
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const HASH_BYTES = 32;

/** `lam_` + 16 hex digits of public id + `_` + 43 base64url characters of secret (256 bits). */
const KEY_FORMAT = /^lam_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
const NAME_FORMAT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** What `keys list` shows of a key: never its hash or secret. */
export interface KeyInfo {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
}

export class KeyError extends Error {}

const info = (k: ApiKey): KeyInfo => ({
  id: k.id,
  name: k.name,
  role: k.role,
  createdAt: k.createdAt,
  revokedAt: k.revokedAt,
});

/** Where the keys live: beside the stores, in a file `npm run seed` never rebuilds, or a schema of its own. */
export function keyStoreTarget(config: Config): StoreTarget {
  const [name, pg] = Object.entries(config.databases).find(([, d]) => d !== null) ?? [];
  // on PostgreSQL: the schema the stores' prefix names, with `auth` for the subgraph's name
  if (name && pg) return { url: pg.url, schema: `${pg.schema.slice(0, -name.length)}auth` };
  return { file: path.join(config.storeDir, 'keys.sqlite') };
}

/**
 * The API keys: created with a role, shown once, stored as scrypt hashes, revocable. A key is checked
 * against its row (found by the key's public id) on every request, so a revocation holds at once, and
 * the scrypt of a key already checked is not computed again (its digest is kept in memory).
 */
export class KeyStore {
  // sha256 of keys whose scrypt matched, by key id: a revoked or changed row drops them
  private readonly verified = new Map<string, string>();

  private constructor(private readonly dataSource: DataSource) {}

  static async open(target: StoreTarget): Promise<KeyStore> {
    const dataSource = await openWritableStore(target, [ApiKey], [ApiKeys1796300000000]);
    return new KeyStore(dataSource);
  }

  close(): Promise<void> {
    return this.dataSource.destroy();
  }

  private get repo() {
    return this.dataSource.getRepository(ApiKey);
  }

  /** A new key: the row is stored, the key itself is returned once and kept nowhere. */
  async create(name: string, role: string): Promise<{ key: string; info: KeyInfo }> {
    if (!NAME_FORMAT.test(name))
      throw new KeyError(
        `a key's name is 1 to 64 letters, digits, ".", "_" or "-", got "${name.slice(0, 70)}"`,
      );
    // the names the gateway gives callers without a key of their own
    if (name === 'anonymous' || name === 'gateway') throw new KeyError(`"${name}" is a reserved name`);
    if (!ROLES.includes(role as Role))
      throw new KeyError(`--role must be one of ${ROLES.join(', ')}, got "${role}"`);
    if (await this.repo.findOneBy({ name })) throw new KeyError(`a key named "${name}" exists already`);
    const id = crypto.randomBytes(8).toString('hex');
    const secret = crypto.randomBytes(32).toString('base64url');
    const salt = crypto.randomBytes(16);
    const hash = await scrypt(secret, salt, HASH_BYTES, SCRYPT);
    const row: ApiKey = {
      id,
      name,
      role: role as Role,
      salt: salt.toString('base64'),
      hash: hash.toString('base64'),
      createdAt: new Date().toISOString(),
      revokedAt: null,
    };
    await this.repo.insert(row);
    return { key: `lam_${id}_${secret}`, info: info(row) };
  }

  async list(): Promise<KeyInfo[]> {
    return (await this.repo.find({ order: { createdAt: 'ASC', name: 'ASC' } })).map(info);
  }

  /** Revokes the key with this name or id; false when there is none (or it is revoked already). */
  async revoke(nameOrId: string): Promise<KeyInfo | null> {
    const row =
      (await this.repo.findOneBy({ name: nameOrId })) ?? (await this.repo.findOneBy({ id: nameOrId }));
    if (!row || row.revokedAt) return null;
    row.revokedAt = new Date().toISOString();
    await this.repo.update({ id: row.id }, { revokedAt: row.revokedAt });
    this.verified.delete(row.id);
    return info(row);
  }

  /** The key's holder, or null for a key that is malformed, unknown, revoked or wrong. */
  async verify(key: string): Promise<KeyInfo | null> {
    const parts = KEY_FORMAT.exec(key);
    if (!parts) return null;
    const [, id, secret] = parts;
    const row = await this.repo.findOneBy({ id });
    if (!row || row.revokedAt) return null;
    const digest = crypto.createHash('sha256').update(key).digest('base64');
    if (this.verified.get(id) === digest) return info(row);
    const expected = Buffer.from(row.hash, 'base64');
    const actual = await scrypt(secret, Buffer.from(row.salt, 'base64'), HASH_BYTES, SCRYPT);
    if (actual.length !== expected.length || !crypto.timingSafeEqual(actual, expected)) return null;
    this.verified.set(id, digest);
    return info(row);
  }
}
