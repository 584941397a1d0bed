import { GraphQLError } from 'graphql';
import { badInput } from './errors';

/**
 * Optimal string alignment distance (Damerau-Levenshtein without repeated edits of one substring):
 * insertions, deletions, substitutions and swaps of two neighbours each cost 1.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0].push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i].push(d);
    }
  }
  return rows[a.length][b.length];
}

export interface SlugCandidate {
  slug: string;
  /** the record's display name: "Medical Imaging" finds medical-imaging by its name */
  name: string;
}

// a slug the client might have meant: "Medical Imaging" and "medical_imaging" read as medical-imaging
const slugified = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * The candidate closest to `input`, case-insensitively, by the smallest edit distance of the input (and of
 * its slugified form) to a slug or a name; the first in the given order on a tie. Null when there is none.
 */
export function nearestSlug(input: string, candidates: readonly SlugCandidate[]): string | null {
  const forms = [...new Set([input.toLowerCase(), slugified(input)])];
  let best: { slug: string; distance: number } | null = null;
  for (const c of candidates) {
    for (const target of [c.slug, c.name.toLowerCase()]) {
      for (const form of forms) {
        const distance = editDistance(form, target);
        if (!best || distance < best.distance) best = { slug: c.slug, distance };
      }
    }
  }
  return best?.slug ?? null;
}

/** The BAD_USER_INPUT error of an argument that names no record: the slug given and the nearest one. */
export function unknownSlugError(
  argument: string,
  kind: string,
  slug: string,
  nearest: string | null,
): GraphQLError {
  const hint = nearest === null ? `there is no ${kind}` : `the nearest is "${nearest}"`;
  return badInput(`${argument}: no ${kind} has the slug "${slug}"; ${hint}`, { argument, slug, nearest });
}
