import type { IncomingHttpHeaders } from 'http';
import type { Caller } from '../../common/request-caller';
import type { KeyStore } from './key-store';

export const ANONYMOUS: Caller = { sub: 'anonymous', role: 'reader' };

export type Authentication =
  | { ok: true; caller: Caller; keyId: string | null }
  | { ok: false; status: 401 | 429; code: 'UNAUTHENTICATED' | 'RATE_LIMITED'; message: string };

/** Failed keys an address may send per minute before its keys are refused unchecked (each check is a scrypt). */
const FAILURES_PER_MINUTE = 10;
const TRACKED_ADDRESSES = 10_000;

/** The key a request carries: `Authorization: Bearer <key>`, or `X-Api-Key: <key>`; undefined for none. */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.length > 0) {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return bearer ? bearer[1] : auth;
  }
  const key = headers['x-api-key'];
  return typeof key === 'string' && key.length > 0 ? key : undefined;
}

/**
 * Authenticates requests by their API key. No key: the anonymous reader. A key that is malformed,
 * unknown, revoked or wrong: 401, never a silent fall back to reading (a client should learn that its
 * key no longer works). An address that keeps sending wrong keys is refused for the rest of the minute
 * without its keys being checked, so that wrong keys cannot keep the scrypt threads busy.
 */
export class Authenticator {
  private readonly failures = new Map<string, { count: number; since: number }>();
  private store: Promise<KeyStore> | null = null;

  /** `open` is called for the first request that sends a key: anonymous use never opens the key store */
  constructor(
    private readonly open: () => Promise<KeyStore>,
    private readonly now: () => number = Date.now,
  ) {}

  private keys(): Promise<KeyStore> {
    // a store that failed to open is tried again by the next request
    return (this.store ??= this.open().catch((err: Error) => {
      this.store = null;
      throw err;
    }));
  }

  async close(): Promise<void> {
    if (this.store) await (await this.store.catch(() => null))?.close();
    this.store = null;
  }

  async authenticate(headers: IncomingHttpHeaders, address: string): Promise<Authentication> {
    const key = presentedKey(headers);
    if (key === undefined) return { ok: true, caller: ANONYMOUS, keyId: null };
    const failed = this.failures.get(address);
    if (failed && this.now() - failed.since < 60_000 && failed.count >= FAILURES_PER_MINUTE)
      return {
        ok: false,
        status: 429,
        code: 'RATE_LIMITED',
        message: `${FAILURES_PER_MINUTE} wrong API keys from this address in a minute; try again later`,
      };
    const holder = key.length <= 100 ? await (await this.keys()).verify(key) : null;
    if (holder) return { ok: true, caller: { sub: holder.name, role: holder.role }, keyId: holder.id };
    this.fail(address);
    return {
      ok: false,
      status: 401,
      code: 'UNAUTHENTICATED',
      message:
        'The API key is not valid: it is malformed, unknown or revoked. Send no key to read anonymously.',
    };
  }

  private fail(address: string): void {
    const now = this.now();
    const entry = this.failures.get(address);
    if (entry && now - entry.since < 60_000) entry.count++;
    else {
      if (this.failures.size >= TRACKED_ADDRESSES) this.failures.delete(this.failures.keys().next().value!);
      this.failures.set(address, { count: 1, since: now });
    }
  }
}
