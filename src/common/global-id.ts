/** Global ids are opaque to clients: base64 of "Type:key", where key is the slug (or number). */
export function toGlobalId(type: string, key: string | number): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64');
}

export interface DecodedId {
  type: string;
  key: string;
}

/** Returns null for anything that is not an id this API could have issued. */
export function fromGlobalId(id: string): DecodedId | null {
  if (typeof id !== 'string' || id.length === 0 || id.length > 512 || !/^[A-Za-z0-9+/]+={0,2}$/.test(id))
    return null;
  const decoded = Buffer.from(id, 'base64').toString('utf8');
  const match = /^([A-Z][A-Za-z]*):([a-z0-9-]+|\d+|audits)$/.exec(decoded);
  if (!match || toGlobalId(match[1], match[2]) !== id) return null;
  return { type: match[1], key: match[2] };
}

/** The id if it decodes to the given type, else null. */
export function idOfType(id: string, type: string): string | null {
  return fromGlobalId(id)?.type === type ? id : null;
}
