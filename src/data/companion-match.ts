// Which record of the graph a companion-list entry names. Only exact names count (up to case, spaces,
// dashes and dots, which the list and the paper's OCR write differently): no fuzzy or partial match, so
// a near miss such as "Big Fantastic Datasbase" stays unmatched rather than guessed.

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
