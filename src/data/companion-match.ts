// Which record of the graph a companion-list entry names. Only exact names count (up to case, spaces,
// dashes and dots, which the list and the paper's OCR write differently): no fuzzy or partial match, so
// a near miss such as "Big Fantastic Datasbase" stays unmatched rather than guessed, unless a curator
// decided what it names (same-as.json).

import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import type { CompanionEntry } from './companion-list';

/** What matching reads of a record: SurveyData's records, or a graph as the API answers it. */
export interface NamedRecord {
  slug: string;
  name: string;
  aliases: readonly string[];
}
export interface NamedRecords {
  models: readonly NamedRecord[];
  datasets: readonly NamedRecord[];
}

export interface CompanionMatch {
  kind: 'models' | 'datasets';
  slug: string;
}

/** The form names are compared in: lowercase, without white space, dashes (any Unicode dash) or dots. */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/[\s\p{Pd}.]+/gu, '');
}

/**
 * Every record the entry's name equals, by its name or one of its aliases. Datasets are looked for among
 * datasets; models, applications and legislation among models (an application such as "EndoFM" is a
 * model). More than one result means the name is ambiguous.
 */
export function findCompanionMatches(entry: CompanionEntry, data: NamedRecords): CompanionMatch[] {
  const kind = entry.kind === 'dataset' ? 'datasets' : 'models';
  const key = nameKey(entry.name);
  if (key === '') return [];
  return data[kind]
    .filter((record) => [record.name, ...record.aliases].some((n) => nameKey(n) === key))
    .map((record) => ({ kind, slug: record.slug }));
}

/** The one record the entry names; null when none does, and null too when several do (nothing guessed). */
export function matchCompanionEntry(entry: CompanionEntry, data: NamedRecords): CompanionMatch | null {
  const matches = findCompanionMatches(entry, data);
  return matches.length === 1 ? matches[0] : null;
}

/**
 * A curator's decision that an entry of the list names a record under another name (a typo of the list,
 * "Model" added to the paper's name): the import then adds a statement to the record instead of creating
 * a duplicate. Kept in `same-as.json` beside the list, each with its reason, so the decision is reviewed.
 */
export interface SameAs {
  kind: 'models' | 'datasets';
  /** the entry's name, as the list writes it */
  name: string;
  slug: string;
  reason: string;
}

const sameAsSchema = z.array(
  z.strictObject({
    kind: z.enum(['models', 'datasets']),
    name: z.string().min(1).max(200),
    slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a slug: lowercase words joined by dashes'),
    reason: z.string().min(1).max(2000),
  }),
);

export const SAME_AS_FILE = 'same-as.json';

/** The decisions of `same-as.json` in `dir`; none when there is no such file. Throws naming what is wrong. */
export function readSameAs(dir: string): SameAs[] {
  const file = path.join(dir, SAME_AS_FILE);
  if (!fs.existsSync(file)) return [];
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file} is not JSON: ${(e as Error).message}`);
  }
  const parsed = sameAsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue.path.join('.') || 'the file'}: ${issue.message}`);
  }
  const seen = new Set<string>();
  for (const s of parsed.data) {
    const key = `${s.kind}:${nameKey(s.name)}`;
    if (seen.has(key)) throw new Error(`${file}: "${s.name}" is decided twice`);
    seen.add(key);
  }
  return parsed.data;
}

/** The decision for the entry, if a curator made one. */
export function sameAsOf(entry: CompanionEntry, decisions: readonly SameAs[]): SameAs | undefined {
  const kind = entry.kind === 'dataset' ? 'datasets' : 'models';
  const key = nameKey(entry.name);
  return decisions.find((s) => s.kind === kind && nameKey(s.name) === key);
}
