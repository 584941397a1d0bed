import { ListAggregator } from '../../common/graph/aggregates';
import DataLoader from 'dataloader';
import { StoreMeta } from '../../common/store-meta.entity';
import { DataSource, In } from 'typeorm';
import type { Curation } from '../../common/curation/curation';
import type { Identity } from '../../common/identity';
import { alignMany, BATCH_OPTIONS, byIdLoader, loadAll, manyByLoader } from '../../common/loader-utils';
import { linkedEntities } from '../../common/sqlite-reads';
import { Citation } from './entities/citation.entity';
import { IndexedEntity, Support } from './entities/link.entities';
import { Mention } from './entities/mention.entity';
import { SearchText } from './entities/search-text.entity';

export const LITERATURE_ENTITIES = [Citation, Mention, Support, IndexedEntity, SearchText, StoreMeta];

/** One set per request. */
export function createLiteratureLoaders(ds: DataSource) {
  const citation = byIdLoader(ds.getRepository(Citation));
  const supportsByEntity = manyByLoader(ds.getRepository(Support), 'entityId');
  return {
    citation,
    /** the aggregates of connections, batched across parents */
    aggregates: new ListAggregator(),
    /** the references supporting each entity, in number order: on SQLite links and references in one statement */
    citationsByEntity: new DataLoader<string, Citation[]>(async (entityIds) => {
      const linked = linkedEntities(
        ds.getRepository(Citation),
        { table: 'supports', parentColumn: 'entityId', childColumn: 'citationId' },
        entityIds,
      );
      if (linked)
        return alignMany(entityIds, linked, (l) => l.key).map((list) =>
          inNumberOrder(list.map((l) => l.entity)),
        );
      // elsewhere the links, then the references, each batched by its loader
      return Promise.all(
        entityIds.map(async (id) =>
          inNumberOrder(
            await loadAll(
              citation,
              (await supportsByEntity.load(id)).map((s) => s.citationId),
            ),
          ),
        ),
      );
    }, BATCH_OPTIONS),
    indexed: byIdLoader(ds.getRepository(IndexedEntity)),
    mentionsByCitation: manyByLoader(ds.getRepository(Mention), 'citationId'),
    supportsByCitation: manyByLoader(ds.getRepository(Support), 'citationId'),
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
  /** the caller, as the gateway vouches for it */
  identity?: Identity;
  /** the journal curators write to; null where the server takes no writes */
  curation?: Curation | null;
}

/** Each reference once, in citation-number order. */
function inNumberOrder(citations: Citation[]): Citation[] {
  return [...new Map(citations.map((c) => [c.id, c])).values()].sort((a, b) => a.number - b.number);
}

/** Loads citations by id in citation-number order, skipping any that no longer exist. */
export async function citationsByIds(ctx: LiteratureContext, ids: readonly string[]): Promise<Citation[]> {
  return inNumberOrder(await loadAll(ctx.loaders.citation, ids));
}
