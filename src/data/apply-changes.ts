import type { DataKind, SurveyData } from './schema';

/** A change to one record of data/: its whole state after (null once retired). */
export interface RecordChange {
  op: 'CREATE' | 'UPDATE' | 'RETIRE';
  kind: DataKind;
  /** the record's slug (a citation's number, as text) */
  key: string;
  after: object | null;
}

/** The key a record of a kind is found by: its slug, or a citation's number. */
export function recordKey(kind: DataKind, record: object): string {
  const r = record as { slug?: string; number?: number };
  return kind === 'citations' ? String(r.number) : String(r.slug);
}

/**
 * data/ with changes applied in order, as a new graph (the input is not modified). Applying is
 * idempotent: a change whose state the graph already has (an export of the graph, seeded again) leaves it
 * as it is, so replaying every approved change over any data/ that holds some of them gives one graph.
 * A new record goes after the others of its kind; a changed one keeps its place.
 */
export function applyChanges(data: SurveyData, changes: readonly RecordChange[]): SurveyData {
  const next = { ...data } as Record<DataKind, object[]>;
  const copied = new Set<DataKind>();
  for (const change of changes) {
    if (!copied.has(change.kind)) {
      next[change.kind] = [...next[change.kind]];
      copied.add(change.kind);
    }
    const records = next[change.kind];
    const at = records.findIndex((r) => recordKey(change.kind, r) === change.key);
    if (change.op === 'RETIRE' || change.after === null) {
      if (at >= 0) records.splice(at, 1);
    } else if (at >= 0) records[at] = change.after;
    else records.push(change.after);
  }
  return next as unknown as SurveyData;
}
