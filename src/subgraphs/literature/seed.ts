import { EntityManager } from 'typeorm';
import type { SurveyData } from '../../data/schema';
import { toGlobalId } from '../../common/global-id';
import { insertChunked } from '../../common/insert';
import { Citation } from './entities/citation.entity';
import { IndexedEntity, Support } from './entities/link.entities';
import { Mention } from './entities/mention.entity';
import { insertSearchTexts } from './text-search';

type Named = { slug: string; name: string; aliases?: string[]; section?: string };

type Entry = Omit<IndexedEntity, 'position'>;

/**
 * Writes the index for node() and search, kind by kind in one running order, turning records into
 * entries chunk by chunk. Results and comparisons have no name, so they are known but not searchable.
 */
async function insertIndex(m: EntityManager, data: SurveyData): Promise<void> {
  let position = 0;
  const insert = <S>(rows: S[], entry: (r: S) => Entry) =>
    insertChunked(m, IndexedEntity, rows, (r) => ({ ...entry(r), position: ++position }));
  const named =
    (type: string) =>
    (r: Named): Entry => ({
      id: toGlobalId(type, r.slug),
      type,
      name: r.name,
      terms: [r.name, ...(r.aliases ?? [])].map((t) => t.toLowerCase()).join('\n'),
      section: r.section ?? null,
    });
  for (const [type, rows] of [
    ['Sector', data.sectors],
    ['Task', data.tasks],
    ['Model', data.models],
    ['Dataset', data.datasets],
    ['Metric', data.metrics],
    ['Risk', data.risks],
  ] as const)
    await insert<Named>(rows, named(type));
  const keyOnly = (type: string, slug: string): Entry => ({
    id: toGlobalId(type, slug),
    type,
    name: slug,
    terms: '',
    section: null,
  });
  await insert(data.results, (r) => keyOnly('Result', r.slug));
  await insert(data.citations, (c) => ({
    id: toGlobalId('Citation', c.number),
    type: 'Citation',
    name: c.label ?? `[${c.number}]`,
    terms: [c.label, ...(c.aliases ?? []), `[${c.number}]`].filter(Boolean).join('\n').toLowerCase(),
    section: null,
  }));
  // known to node() but not to v1 search, whose hits are a union without them (searchText finds them)
  await insert(data.comparisons, (c) => keyOnly('Comparison', c.slug));
  await insert(
    data.risks.flatMap((r) => r.mitigations),
    (mi) => keyOnly('Mitigation', mi.slug),
  );
}

/** Which entities each reference supports, from the citation lists of the curated files. */
function supportRows(data: SurveyData): Omit<Support, 'position'>[] {
  const cited = (type: string, rows: { slug: string; citations: number[] }[]) =>
    rows.flatMap((r) =>
      [...new Set(r.citations)].map((n) => ({
        citationId: toGlobalId('Citation', n),
        entityId: toGlobalId(type, r.slug),
        entityType: type,
      })),
    );
  return [
    ...cited('Model', data.models),
    ...cited('Dataset', data.datasets),
    ...cited('Task', data.tasks),
    ...cited('Result', data.results),
    ...cited('Risk', data.risks),
  ];
}

/** Writes the literature tables from validated data, inside the caller's transaction. */
export async function seedLiterature(m: EntityManager, data: SurveyData): Promise<void> {
  await insertChunked(
    m,
    Citation,
    data.citations.map((c) => ({
      id: toGlobalId('Citation', c.number),
      number: c.number,
      label: c.label,
      notes: c.notes ?? null,
      position: c.number,
    })),
  );
  await insertChunked(
    m,
    Mention,
    data.citations.flatMap((c) =>
      c.mentions.map(
        (mn, i) =>
          ({
            citationId: toGlobalId('Citation', c.number),
            position: i + 1,
            section: mn.section,
            sentence: mn.sentence,
          }) as Mention,
      ),
    ),
  );
  await insertChunked(
    m,
    Support,
    supportRows(data).map((s, i) => ({ ...s, position: i + 1 })),
  );
  await insertIndex(m, data);
  await insertSearchTexts(m, data);
}
