import { DataSource } from 'typeorm';
import { badInput } from './errors';

/** The longest text a filter or search matches on: longer patterns only cost the database time. */
export const MAX_MATCH_LENGTH = 200;

/**
 * A text argument checked before it reaches SQL: at most MAX_MATCH_LENGTH characters, and no NUL,
 * which SQLite would take as the end of the pattern (matching a prefix of what was asked).
 */
export function matchText(value: string, argument: string): string {
  if (value.length > MAX_MATCH_LENGTH)
    throw badInput(`"${argument}" must be at most ${MAX_MATCH_LENGTH} characters, got ${value.length}`, {
      argument,
      max: MAX_MATCH_LENGTH,
    });
  if (value.includes('\u0000'))
    throw badInput(`"${argument}" must not contain a NUL character`, { argument });
  return value;
}

/** `s` with LIKE's wildcards and its escape character escaped, for use with LIKE_ESCAPE. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

/**
 * A LIKE pattern that matches `term` anywhere, case-insensitively (compare against LOWER(column));
 * `argument` names the argument the term came from, for the error when it is too long or has a NUL.
 */
export function containsPattern(term: string, argument: string): string {
  return '%' + escapeLike(matchText(term, argument).toLowerCase()) + '%';
}

export const LIKE_ESCAPE = "ESCAPE '\\'";

/**
 * The condition of a `search` filter: the name or one of the aliases of the row `alias` contains
 * `:search`. Aliases are a JSON array: each element is matched on its own, never the JSON text (whose
 * brackets and quotes would match every row).
 */
export function nameOrAliasesMatch(ds: DataSource, alias: string): string {
  const elements =
    ds.options.type === 'better-sqlite3'
      ? `SELECT 1 FROM json_each(${alias}.aliases) a WHERE LOWER(a.value)`
      : `SELECT 1 FROM json_array_elements_text(${alias}.aliases::json) a WHERE LOWER(a)`;
  return `(LOWER(${alias}.name) LIKE :search ${LIKE_ESCAPE} OR EXISTS (${elements} LIKE :search ${LIKE_ESCAPE}))`;
}
