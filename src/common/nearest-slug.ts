import { GraphQLError } from 'graphql';
import { badInput } from './errors';

/**
 * Optimal string alignment distance (Damerau-Levenshtein without repeated edits of one substring):
 * insertions, deletions, substitutions and swaps of two neighbours each cost 1.
 */
export function editDistance(a: string, b: string): number {
  // three rolling rows: the swap of two neighbours looks two rows back
  let before = new Int32Array(b.length + 1);
  let previous = Int32Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2] + 1);
      current[j] = d;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length];
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

const MAX_COMPARED = 64;

/**
 * The candidate closest to `input`, case-insensitively, by the smallest edit distance of the input (and of
 * its slugified form) to a slug or a name; the first in the given order on a tie. Null when there is none.
 */
export function nearestSlug(input: string, candidates: readonly SlugCandidate[]): string | null {
  // slugs and names are short: a longer input is compared by its start, so that an error costs little
  const text = input.slice(0, MAX_COMPARED);
  const forms = [...new Set([text.toLowerCase(), slugified(text)])];
  let best: { slug: string; distance: number } | null = null;
  for (const c of candidates) {
    for (const target of [c.slug, c.name.toLowerCase().slice(0, MAX_COMPARED)]) {
      for (const form of forms) {
        // the distance is at least the difference in length: skip what cannot beat the best
        if (best && Math.abs(form.length - target.length) >= best.distance) continue;
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
