import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { toGlobalId } from '../../common/global-id';
import { BATCH_OPTIONS } from '../../common/loader-utils';
import { nearestSlug, SlugCandidate, unknownSlugError } from '../../common/nearest-slug';
import { readRows } from '../../common/sqlite-reads';

/** The types an argument of the catalog names by slug, and their tables. */
const TABLES = {
  Sector: 'sectors',
  Task: 'tasks',
  Model: 'models',
  Dataset: 'datasets',
  Metric: 'metrics',
} as const;
export type SluggedType = keyof typeof TABLES;

const keyOf = (type: SluggedType, slug: string) => `${type}:${slug}`;

/**
 * Whether each `Type:slug` names a record: one UNION ALL statement per batch, whatever the types, so
 * that the slugs of all a request's filters are checked together.
 */
export function knownSlugsLoader(ds: DataSource): DataLoader<string, boolean> {
  return new DataLoader(async (keys) => {
    const idsByType = new Map<SluggedType, string[]>();
    for (const key of keys) {
      const at = key.indexOf(':');
      const type = key.slice(0, at) as SluggedType;
      idsByType.set(type, [...(idsByType.get(type) ?? []), toGlobalId(type, key.slice(at + 1))]);
    }
    const terms = [...idsByType.keys()].map((t) => `SELECT id FROM ${TABLES[t]} WHERE id IN (:...${t})`);
    const found = await readRows<{ id: string }>(
      ds,
      terms.join(' UNION ALL '),
      Object.fromEntries(idsByType),
    );
    const ids = new Set(found.map((r) => r.id));
    return keys.map((key) => {
      const at = key.indexOf(':');
      return ids.has(toGlobalId(key.slice(0, at), key.slice(at + 1)));
    });
  }, BATCH_OPTIONS);
}

/** An argument that names a record by slug; null or '' names none. */
export interface SlugArgument {
  /** as the error names it, e.g. filter.sector */
  argument: string;
  type: SluggedType;
  slug: string | null | undefined;
}

/**
 * Refuses the first argument whose slug names no record, with BAD_USER_INPUT naming the nearest slug
 * (read only then, from that type's table), so that a misspelt filter is an error, not an empty page.
 */
export async function assertKnownSlugs(
  ds: DataSource,
  loader: DataLoader<string, boolean>,
  args: SlugArgument[],
): Promise<void> {
  const given = args.filter((a): a is SlugArgument & { slug: string } => !!a.slug);
  if (given.length === 0) return;
  const known = await loader.loadMany(given.map((a) => keyOf(a.type, a.slug)));
  const failed = known.find((k): k is Error => k instanceof Error);
  if (failed) throw failed;
  const missing = given.find((_, i) => known[i] !== true);
  if (!missing) return;
  const candidates = await readRows<SlugCandidate>(
    ds,
    `SELECT slug, name FROM ${TABLES[missing.type]} ORDER BY position`,
    {},
  );
  throw unknownSlugError(
    missing.argument,
    missing.type.toLowerCase(),
    missing.slug,
    nearestSlug(missing.slug, candidates),
  );
}
