/** A LIKE pattern that matches `term` anywhere, case-insensitively (compare against LOWER(column)). */
export function containsPattern(term: string): string {
  return '%' + term.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c) + '%';
}

export const LIKE_ESCAPE = "ESCAPE '\\'";
