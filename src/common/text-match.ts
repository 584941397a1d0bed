/** `s` with LIKE's wildcards and its escape character escaped, for use with LIKE_ESCAPE. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

/** A LIKE pattern that matches `term` anywhere, case-insensitively (compare against LOWER(column)). */
export function containsPattern(term: string): string {
  return '%' + escapeLike(term.toLowerCase()) + '%';
}

export const LIKE_ESCAPE = "ESCAPE '\\'";

/** The condition of a `search` filter: the name or an alias of the row `alias` contains `:search`. */
export function nameOrAliasesMatch(alias: string): string {
  return `(LOWER(${alias}.name) LIKE :search ${LIKE_ESCAPE} OR LOWER(${alias}.aliases) LIKE :search ${LIKE_ESCAPE})`;
}
