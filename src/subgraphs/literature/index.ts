import { GraphProjection1796163325158 } from '../../common/graph/graph-projection.migration';
import { GRAPH_ENTITIES } from '../../common/graph/graph.entities';
import { withGraphProjection } from '../../common/graph/graph-seed';
import { DataSource } from 'typeorm';
import { buildFederatedSubgraph, Subgraph } from '../../common/federation';
import { AuditsStub } from './entities/audits.stub';
import { KEY_ONLY_STUBS, NODE_STUBS, SectorStub } from './entities/stubs';
import { nodeTypeName } from './entities/node.interface';
import { searchHitTypeName } from './entities/search-hit.union';
import { createLiteratureLoaders, LITERATURE_ENTITIES, LiteratureContext } from './loaders';
import { LiteratureInitial1764300000000 } from './migrations/initial.migration';
import { LiteratureSchema1796155423005 } from './migrations/schema-1796155423005.migration';
import { LiteratureSchema1796164463917 } from './migrations/schema-1796164463917.migration';
import { LiteratureTextSearch1796164463918 } from './migrations/text-search.migration';
import { TSVECTOR_COLUMN, TSVECTOR_INDEX } from './text-search';
import { seedLiterature } from './seed';
import { SubgraphModule } from '../subgraph-module';
import { AuditsResolver } from './resolvers/audits.resolver';
import { CitationResolver } from './resolvers/citation.resolver';
import { ENTITY_CITATION_RESOLVERS, SectorCitationsResolver } from './resolvers/entity-citations.resolver';
import { NodeResolver } from './resolvers/node.resolver';
import { NODE_SLUG_RESOLVERS } from './resolvers/node-slug.resolver';
import { TextSearchResolver } from './resolvers/text-search.resolver';
import { TraversalResolver } from './resolvers/traversal.resolver';
import { CitationSupportResolver, CitationWritesResolver } from './resolvers/writes.resolver';

// Foreign stubs resolve to their representation: the gateway already holds their key (and @requires fields).
const passThrough = { __resolveReference: (ref: object) => ref };

/** Its schema, with the reference resolvers of the entities it owns or extends. */
function buildLiteratureSubgraph(): Promise<Subgraph> {
  return buildFederatedSubgraph(
    {
      resolvers: [
        CitationResolver,
        NodeResolver,
        TextSearchResolver,
        TraversalResolver,
        AuditsResolver,
        SectorCitationsResolver,
        ...ENTITY_CITATION_RESOLVERS,
        ...NODE_SLUG_RESOLVERS,
        CitationWritesResolver,
        CitationSupportResolver,
      ],
      orphanedTypes: [...Object.values(NODE_STUBS), ...Object.values(KEY_ONLY_STUBS), SectorStub, AuditsStub],
    },
    {
      Citation: {
        __resolveReference: (ref: { id: string }, ctx: LiteratureContext) =>
          ctx.loaders.citation.load(ref.id),
      },
      Audits: passThrough,
      Sector: passThrough,
      ...Object.fromEntries(
        [...Object.keys(NODE_STUBS), ...Object.keys(KEY_ONLY_STUBS)].map((t) => [t, passThrough]),
      ),
      // TypeGraphQL wraps type resolvers in async functions; compiled queries (graphql-jit) need them synchronous
      Node: { __resolveType: nodeTypeName },
      SearchHit: { __resolveType: searchHitTypeName },
    },
  );
}

function createLiteratureContext(dataSource: DataSource): LiteratureContext {
  return { dataSource, loaders: createLiteratureLoaders(dataSource) };
}

/** The literature subgraph: citations, their mentions, what they support, and node/nodes/search. */
export const literatureModule: SubgraphModule = {
  build: buildLiteratureSubgraph,
  createContext: createLiteratureContext,
  entities: [...LITERATURE_ENTITIES, ...GRAPH_ENTITIES],
  migrations: [
    LiteratureInitial1764300000000,
    LiteratureSchema1796155423005,
    GraphProjection1796163325158,
    LiteratureSchema1796164463917,
    LiteratureTextSearch1796164463918,
  ],
  seed: withGraphProjection(seedLiterature),
  indexes: [],
  postgresOnly: [TSVECTOR_COLUMN, TSVECTOR_INDEX],
};
