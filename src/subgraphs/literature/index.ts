import { DataSource } from 'typeorm';
import { buildFederatedSubgraph, Subgraph } from '../../common/federation';
import { AuditsStub } from './entities/audits.stub';
import { Citation } from './entities/citation.entity';
import { NODE_STUBS, SectorStub } from './entities/node-stubs';
import { nodeTypeName } from './entities/node.interface';
import { searchHitTypeName } from './entities/search-hit.union';
import { createLiteratureLoaders, LiteratureContext } from './loaders';
import { AuditsResolver } from './resolvers/audits.resolver';
import { CitationResolver } from './resolvers/citation.resolver';
import { ENTITY_CITATION_RESOLVERS, SectorCitationsResolver } from './resolvers/entity-citations.resolver';
import { NodeResolver } from './resolvers/node.resolver';

export { LITERATURE_ENTITIES } from './loaders';
export { seedLiterature } from './seed';

// Foreign stubs resolve to their representation: the gateway already holds their key (and @requires fields).
const passThrough = { __resolveReference: (ref: object) => ref };

/** The literature subgraph: citations, their mentions, what they support, and node/nodes/search. */
export function buildLiteratureSubgraph(): Promise<Subgraph> {
  return buildFederatedSubgraph(
    {
      resolvers: [
        CitationResolver,
        NodeResolver,
        AuditsResolver,
        SectorCitationsResolver,
        ...ENTITY_CITATION_RESOLVERS,
      ],
      orphanedTypes: [...Object.values(NODE_STUBS), SectorStub, AuditsStub],
    },
    {
      Citation: {
        __resolveReference: (ref: { id: string }, ctx: LiteratureContext) =>
          ctx.loaders.citation.load(ref.id),
      },
      Audits: passThrough,
      Sector: passThrough,
      ...Object.fromEntries(Object.keys(NODE_STUBS).map((t) => [t, passThrough])),
      // TypeGraphQL wraps type resolvers in async functions; compiled queries (graphql-jit) need them synchronous
      Node: { __resolveType: nodeTypeName },
      SearchHit: { __resolveType: searchHitTypeName },
    },
  );
}

export function createLiteratureContext(dataSource: DataSource): LiteratureContext {
  return { dataSource, loaders: createLiteratureLoaders(dataSource) };
}

export { Citation };
