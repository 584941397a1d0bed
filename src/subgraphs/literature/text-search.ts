import { DataSource, EntityManager } from 'typeorm';
import type { SurveyData } from '../../data/schema';
import { toGlobalId } from '../../common/global-id';
import { scanRows } from '../../common/sqlite-reads';
import { insertChunked, seedStatements } from '../../common/insert';
import { SearchText } from './entities/search-text.entity';

/** The FTS5 table over search_texts (SQLite): external content, so the texts are stored once. */
export const FTS_TABLE = 'search_texts_fts';
/** The tsvector column of search_texts (PostgreSQL), filled by the seed from `text`, and its GIN index. */
export const TSVECTOR_COLUMN = 'search_document';
export const TSVECTOR_INDEX = 'IDX_search_texts_document';

type Field = 'name' | 'alias' | 'summary' | 'description' | 'notes' | 'quote' | 'mention';
type Text = [Field, string | null | undefined];
type Source = { source: { quote?: string | null }; notes?: string };

const common = (r: Source): Text[] => [
  ['notes', r.notes],
  ['quote', r.source.quote],
];
const named = (r: { name: string; aliases?: string[] }): Text[] => [
  ['name', r.name],
  ...(r.aliases ?? []).map((a): Text => ['alias', a]),
];

/** Every text of every entity, entity by entity in paper order, each entity's name first. */
function entityTexts(data: SurveyData): { type: string; key: string | number; texts: Text[] }[] {
  const of = <R>(type: string, rows: R[], key: (r: R) => string | number, texts: (r: R) => Text[]) =>
    rows.map((r) => ({ type, key: key(r), texts: texts(r) }));
  const slug = (r: { slug: string }) => r.slug;
  return [
    ...of('Sector', data.sectors, slug, (r) => [...named(r), ['summary', r.summary], ...common(r)]),
    ...of('Task', data.tasks, slug, (r) => [...named(r), ...common(r)]),
    ...of('Model', data.models, slug, (r) => [...named(r), ['notes', r.trainingDataNote], ...common(r)]),
    ...of('Dataset', data.datasets, slug, (r) => [
      ...named(r),
      ['description', r.purpose],
      ['description', r.scale],
      ['description', r.modalities.join(', ')],
      ...common(r),
    ]),
    ...of('Metric', data.metrics, slug, (r) => [...named(r), ...common(r)]),
    ...of('Risk', data.risks, slug, (r) => [
      ...named(r),
      ['summary', r.summary],
      ...common(r),
      ...r.figures.map((f): Text => ['quote', f.source.quote]),
    ]),
    ...of(
      'Mitigation',
      data.risks.flatMap((r) => r.mitigations),
      slug,
      (r) => [['name', r.name], ['description', r.description], ...common(r)],
    ),
    ...of('Result', data.results, slug, (r) => [['description', r.setting], ...common(r)]),
    ...of('Comparison', data.comparisons, slug, common),
    ...of(
      'Citation',
      data.citations,
      (c) => c.number,
      (c) => [['name', c.label], ['notes', c.notes], ...c.mentions.map((m): Text => ['mention', m.sentence])],
    ),
  ];
}

/** Writes search_texts and fills its full-text index: the FTS5 table on SQLite, the tsvector column on PostgreSQL. */
export async function insertSearchTexts(m: EntityManager, data: SurveyData): Promise<void> {
  let rowId = 0;
  const rows = entityTexts(data).flatMap((e, i) =>
    e.texts
      .filter((t): t is [Field, string] => typeof t[1] === 'string' && t[1].trim() !== '')
      .map(([field, text]) => ({
        rowId: ++rowId,
        entityId: toGlobalId(e.type, e.key),
        type: e.type,
        field,
        text,
        nameKey: field === 'name' ? text.trim().toLowerCase() : null,
        position: i + 1,
      })),
  );
  await insertChunked(m, SearchText, rows);
  await seedStatements(m, (engine) =>
    engine === 'postgres'
      ? [`UPDATE search_texts SET ${TSVECTOR_COLUMN} = to_tsvector('english', text)`]
      : [
          // porter: "hallucination" finds "hallucinate"; PostgreSQL's english configuration stems alike
          `CREATE VIRTUAL TABLE ${FTS_TABLE} USING fts5(text, content='search_texts', content_rowid='rowId', tokenize='porter unicode61 remove_diacritics 2')`,
          `INSERT INTO ${FTS_TABLE}(${FTS_TABLE}) VALUES('rebuild')`,
        ],
  );
}

/**
 * The words of a client's query, each a quoted FTS5 string, so that nothing a client types is FTS
 * syntax (AND, NEAR(, *, -, column filters): words are ANDed, a hyphenated word is a phrase. Chunks
 * without a letter or digit are dropped; none left means nothing can match.
 */
export function searchTerms(query: string): string[] {
  return query
    .split(/\s+/)
    .map((t) => t.replace(/"/g, ''))
    .filter((t) => /[\p{L}\p{N}]/u.test(t));
}

export interface TextHit {
  entityId: string;
  type: string;
  field: string;
  rowId: number;
  position: number;
  score: number;
}

export interface TextQuery {
  terms: string[];
  /** the lowercased query: a name equal to it ranks first */
  exact: string;
  /** type names; null for every type */
  types: string[] | null;
  /** [score, position] of the last edge already seen */
  after: [number, number] | null;
  limit: number;
}

/** Positional parameters in the engine's syntax: SQLite's `?` bind in text order, so add them in that order. */
class Params {
  values: unknown[] = [];
  constructor(readonly postgres: boolean) {}
  add(value: unknown): string {
    this.values.push(value);
    return this.postgres ? `$${this.values.length}` : '?';
  }
}

const params = (ds: DataSource) => new Params(ds.options.type === 'postgres');
const ftsMatch = (terms: string[]) => terms.map((t) => `"${t}"`).join(' ');
// plainto_tsquery parses no operators: the words are ANDed
const tsQuery = (q: TextQuery, p: Params) => `plainto_tsquery('english', ${p.add(q.terms.join(' '))})`;

/** The rows whose text matches, FROM and WHERE (call it after the parameters the SQL holds before it). */
function matching(q: TextQuery, p: Params): string {
  const where = p.postgres
    ? `FROM search_texts t WHERE t.${TSVECTOR_COLUMN} @@ ${tsQuery(q, p)}`
    : `FROM ${FTS_TABLE} f JOIN search_texts t ON t."rowId" = f.rowid WHERE ${FTS_TABLE} MATCH ${p.add(ftsMatch(q.terms))}`;
  return q.types ? `${where} AND t.type IN (${q.types.map((t) => p.add(t)).join(', ')})` : where;
}

/** A text's relevance in [0, 1), higher better. */
function relevance(q: TextQuery, p: Params): string {
  return p.postgres
    ? // normalization 32 is rank / (rank + 1)
      `ts_rank(t.${TSVECTOR_COLUMN}, ${tsQuery(q, p)}, 32)::float8`
    : // bm25 is negative, lower better: -bm25 / (1 - bm25) keeps its order in [0, 1)
      `(-f.rank) / (1.0 - f.rank)`;
}

/**
 * One page of hits, one per entity (its best-scoring text), by score then paper order. The score is
 * the text's relevance, plus 1 for an exact name match, so that exact names come before everything.
 */
export async function searchPage(ds: DataSource, q: TextQuery): Promise<TextHit[]> {
  const p = params(ds);
  const score = `(CASE WHEN t."nameKey" = ${p.add(q.exact)} THEN 1.0 ELSE 0.0 END) + ${relevance(q, p)}`;
  const from = matching(q, p);
  const keyset = q.after
    ? `AND (score < ${p.add(q.after[0])} OR (score = ${p.add(q.after[0])} AND position > ${p.add(q.after[1])}))`
    : '';
  const sql = `
    WITH hits AS (
      SELECT t."entityId" AS "entityId", t.type AS type, t.field AS field, t."rowId" AS "rowId",
             t.position AS position, ${score} AS score
      ${from}
    ), best AS (
      SELECT hits.*, ROW_NUMBER() OVER (PARTITION BY "entityId" ORDER BY score DESC, "rowId") AS n FROM hits
    )
    SELECT "entityId", type, field, "rowId", position, score FROM best
    WHERE n = 1 ${keyset}
    ORDER BY score DESC, position ASC
    LIMIT ${p.add(q.limit)}`;
  const rows = await scanRows<TextHit>(ds, sql, p.values);
  return rows.map((r) => ({
    ...r,
    score: Number(r.score),
    rowId: Number(r.rowId),
    position: Number(r.position),
  }));
}

/** How many entities match: the connection's totalCount. */
export async function searchCount(ds: DataSource, q: TextQuery): Promise<number> {
  const p = params(ds);
  const [row] = await scanRows<{ n: number | string }>(
    ds,
    `SELECT COUNT(DISTINCT t."entityId") AS n ${matching(q, p)}`,
    p.values,
  );
  return Number(row?.n ?? 0);
}

/** The matching passage of each hit's text, matched words between [[ and ]]: one statement per page. */
export async function searchSnippets(
  ds: DataSource,
  q: TextQuery,
  rowIds: number[],
): Promise<Map<number, string>> {
  if (rowIds.length === 0) return new Map();
  const p = params(ds);
  const sql = p.postgres
    ? `SELECT "rowId", ts_headline('english', text, ${tsQuery(q, p)},
         'StartSel=[[, StopSel=]], MinWords=12, MaxWords=24') AS snippet
       FROM search_texts WHERE "rowId" = ANY(${p.add(rowIds)})`
    : `SELECT rowid AS "rowId", snippet(${FTS_TABLE}, 0, '[[', ']]', '…', 24) AS snippet
       FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH ${p.add(ftsMatch(q.terms))}
       AND rowid IN (${rowIds.map((id) => p.add(id)).join(', ')})`;
  const rows = await scanRows<{ rowId: number | string; snippet: string }>(ds, sql, p.values);
  return new Map(rows.map((r) => [Number(r.rowId), r.snippet]));
}
