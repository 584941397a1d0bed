import { fromGlobalId } from '../global-id';
import type { UserErrorValue } from './propose';

/** Longest text and list a write may carry: a fact, not a document. */
export const MAX_TEXT = 2000;
export const MAX_LIST_ITEMS = 200;

/**
 * A record's keys in the order its schema gives them (the order data/ files hold them in), but for the
 * statements of its sources, which have writes of their own.
 */
export const writableKeys = (shape: object): string[] => Object.keys(shape).filter((k) => k !== 'statements');

/** An input object as plain data: its class and the keys it leaves undefined dropped. */
export const plain = (input: object) => JSON.parse(JSON.stringify(input)) as Record<string, unknown>;

/** A write's `source` in data/'s shape: the paper's `{ location, quote }`, or an external source. */
export function sourceRecord(
  source: { paper?: object | null; external?: object | null } | null | undefined,
  errors: UserErrorValue[],
): object | null {
  const given = [source?.paper, source?.external].filter((s) => s != null);
  if (given.length !== 1) {
    errors.push({
      field: ['input', 'source'],
      message: 'name exactly one source: paper or external',
      code: 'INVALID',
    });
    return null;
  }
  const fields = plain(given[0]);
  if (source?.paper) return { location: fields.location, quote: fields.quote ?? null };
  // external: its optional keys are left out rather than null, as in data/
  return Object.fromEntries(
    ['url', 'title', 'retrievedAt', 'commit', 'section', 'quote']
      .filter((k) => fields[k] != null)
      .map((k) => [k, fields[k]]),
  );
}

/** How an input field becomes a record field: as it is (a value or a list), or ids of a type as slugs. */
export type FieldRule = 'value' | 'list' | { ids: string } | { id: string };

/**
 * A record in data/'s shape (its keys in `order`) from a write's input: fields the input names replace
 * those of `current`; for a new record, absent lists are empty and absent values null. Ids become
 * slugs; a wrong id or an oversized value is a userError naming its input field.
 */
export function recordFromInput(
  order: readonly string[],
  rules: Record<string, FieldRule>,
  input: Record<string, unknown>,
  current: Record<string, unknown> | null,
  errors: UserErrorValue[],
): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const key of order) {
    const given = input[key];
    let value: unknown;
    if (key === 'source' && given !== undefined) {
      record.source = sourceRecord(given, errors);
      continue;
    }
    if (given === undefined) value = current ? current[key] : undefined;
    else value = converted(key, rules[key] ?? 'value', given, errors);
    if (value === undefined && !current) value = isList(rules[key]) ? [] : null;
    // optional keys (notes) are left out rather than null, as in data/
    if (value === undefined || (value === null && key === 'notes')) continue;
    record[key] = value;
  }
  // keys the input cannot name (a record's statements) stay as they were
  for (const [key, value] of Object.entries(current ?? {}))
    if (!(key in record) && !order.includes(key)) record[key] = value;
  return record;
}

const isList = (rule: FieldRule | undefined) =>
  rule === 'list' || (typeof rule === 'object' && 'ids' in rule);

function converted(key: string, rule: FieldRule, given: unknown, errors: UserErrorValue[]): unknown {
  const tooLarge = (message: string, at: (string | number)[] = []) =>
    errors.push({ field: ['input', key, ...at.map(String)], message, code: 'TOO_LARGE' });
  if (typeof given === 'string' && given.length > MAX_TEXT) tooLarge(`at most ${MAX_TEXT} characters`);
  if (Array.isArray(given)) {
    if (given.length > MAX_LIST_ITEMS) tooLarge(`at most ${MAX_LIST_ITEMS} items`);
    given.forEach((v, i) => {
      if (typeof v === 'string' && v.length > MAX_TEXT) tooLarge(`at most ${MAX_TEXT} characters`, [i]);
    });
  }
  if (rule === 'value' || rule === 'list' || given === null) return given;
  const type = 'ids' in rule ? rule.ids : rule.id;
  const slugOf = (id: unknown, at: (string | number)[]) => {
    const decoded = typeof id === 'string' ? fromGlobalId(id) : null;
    if (decoded?.type === type) return decoded.key;
    errors.push({
      field: ['input', key, ...at.map(String)],
      message: `not the id of a ${type}`,
      code: 'INVALID',
    });
    return null;
  };
  if ('ids' in rule) return (given as unknown[]).map((id, i) => slugOf(id, [i]));
  return slugOf(given, []);
}
