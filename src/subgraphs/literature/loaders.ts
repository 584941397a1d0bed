import DataLoader from 'dataloader';
import { StoreMeta } from '../../common/store-meta.entity';
import { DataSource, In } from 'typeorm';
import { alignMany, BATCH_OPTIONS, byIdLoader, manyByLoader } from '../../common/loader-utils';
import { Citation } from './entities/citation.entity';
import { IndexedEntity, Support } from './entities/link.entities';
import { Mention } from './entities/mention.entity';

export const LITERATURE_ENTITIES = [Citation, Mention, Support, IndexedEntity, StoreMeta];

/** One set per request. */
export function createLiteratureLoaders(ds: DataSource) {
  const citation = byIdLoader(ds.getRepository(Citation));
  return {
    citation,
    indexed: byIdLoader(ds.getRepository(IndexedEntity)),
    mentionsByCitation: manyByLoader(ds.getRepository(Mention), 'citationId'),
    supportsByCitation: manyByLoader(ds.getRepository(Support), 'citationId'),
    supportsByEntity: manyByLoader(ds.getRepository(Support), 'entityId'),
    /** distinct references cited in each section, in number order */
    citationIdsBySection: new DataLoader<string, string[]>(async (sections) => {
      const rows = await ds
        .getRepository(Mention)
        .createQueryBuilder('m')
        .select(['m.section AS section', 'm.citationId AS "citationId"'])
        .distinct(true)
        .where({ section: In([...sections]) })
        .getRawMany<{ section: string; citationId: string }>();
      return alignMany(sections, rows, (r) => r.section).map((list) => list.map((r) => r.citationId));
    }, BATCH_OPTIONS),
  };
}

export type LiteratureLoaders = ReturnType<typeof createLiteratureLoaders>;

export interface LiteratureContext {
  loaders: LiteratureLoaders;
  dataSource: DataSource;
}

/** Loads citations by id in citation-number order, skipping any that no longer exist. */
export async function citationsByIds(ctx: LiteratureContext, ids: readonly string[]): Promise<Citation[]> {
  const rows = await ctx.loaders.citation.loadMany([...new Set(ids)]);
  return rows.filter((c): c is Citation => c instanceof Citation).sort((a, b) => a.number - b.number);
}
