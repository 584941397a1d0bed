import * as crypto from 'crypto';

/** The header the gateway signs each subgraph request with; a subgraph trusts nothing else. */
export const IDENTITY_HEADER = 'x-lam-atlas-identity';

/** Who a request is from, as the gateway vouches for it. */
export interface Identity {
  /** the caller: `anonymous`, or the name of an API key */
  sub: string;
  role: 'reader' | 'curator' | 'reviewer' | 'admin';
  /** when the gateway signed it, in milliseconds */
  iat: number;
}

/** Who a request is from when nothing vouches for more: an anonymous reader. */
export function anonymousReader(): Identity {
  return { sub: 'anonymous', role: 'reader', iat: Date.now() };
}

/** A signed identity is accepted this long after it was made: enough for one request, and clock skew. */
const MAX_AGE_MS = 5 * 60_000;

const mac = (payload: string, secret: string) =>
  crypto.createHmac('sha256', secret).update(payload).digest('base64url');

/** `payload.mac`: the identity as base64url JSON and its HMAC-SHA256 under the shared secret. */
export function signIdentity(identity: Identity, secret: string): string {
  const payload = Buffer.from(JSON.stringify(identity)).toString('base64url');
  return `${payload}.${mac(payload, secret)}`;
}

/** The identity a header carries when its signature is right and it is recent; null otherwise. */
export function verifyIdentity(
  header: string | undefined,
  secret: string,
  now = Date.now(),
): Identity | null {
  if (!header || header.length > 2048) return null;
  const [payload, signature, extra] = header.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(payload, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  try {
    const identity = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Identity;
    if (typeof identity.iat !== 'number' || Math.abs(now - identity.iat) > MAX_AGE_MS) return null;
    return identity;
  } catch {
    return null;
  }
}

/** Whether `host` is reachable from this machine only. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
