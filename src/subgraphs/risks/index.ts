import { GraphProjection1796163325158 } from '../../common/graph/graph-projection.migration';
import { GRAPH_ENTITIES } from '../../common/graph/graph.entities';
import { withGraphProjection } from '../../common/graph/graph-seed';
import { DataSource } from 'typeorm';
import { buildFederatedSubgraph, Subgraph } from '../../common/federation';
import { AUDITS_ID } from '../../common/audits-id';
import { AuditsStub } from './entities/audits.stub';
import { createRisksLoaders, RISKS_ENTITIES, RisksContext } from './loaders';
import { RisksInitial1764300000000 } from './migrations/initial.migration';
import { seedRisks } from './seed';
import { SubgraphModule } from '../subgraph-module';
import { RisksSchema1796196044383 } from './migrations/schema-1796196044383.migration';
import { RisksAuditsResolver } from './resolvers/audits.resolver';
import { ENTITY_RISKS_RESOLVERS } from './resolvers/entity-risks.resolver';
import { MitigationResolver, RiskResolver } from './resolvers/risk.resolver';
import { RISK_WRITE_RESOLVERS } from './resolvers/writes.resolver';

// Foreign stubs need only their key: their `risks` field resolves through a loader.
const keyOnly = { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) };

/** Its schema, with the reference resolvers of the entities it owns or extends. */
function buildRisksSubgraph(): Promise<Subgraph> {
  return buildFederatedSubgraph(
    {
      resolvers: [
        RiskResolver,
        MitigationResolver,
        RisksAuditsResolver,
        ...ENTITY_RISKS_RESOLVERS,
        ...RISK_WRITE_RESOLVERS,
      ],
      orphanedTypes: [AuditsStub],
    },
    {
      Risk: { __resolveReference: (ref: { id: string }, ctx: RisksContext) => ctx.loaders.risk.load(ref.id) },
      Mitigation: {
        __resolveReference: (ref: { id: string }, ctx: RisksContext) => ctx.loaders.mitigation.load(ref.id),
      },
      Model: keyOnly,
      Dataset: keyOnly,
      Sector: keyOnly,
      Audits: {
        __resolveReference: (ref: { id: string }) => (ref.id === AUDITS_ID ? { id: AUDITS_ID } : null),
      },
    },
  );
}

function createRisksContext(dataSource: DataSource): RisksContext {
  return { dataSource, loaders: createRisksLoaders(dataSource) };
}

/** The risks subgraph: risks, their mitigations and figures, and `risks` on models, datasets and sectors. */
export const risksModule: SubgraphModule = {
  build: buildRisksSubgraph,
  createContext: createRisksContext,
  entities: [...RISKS_ENTITIES, ...GRAPH_ENTITIES],
  migrations: [RisksInitial1764300000000, GraphProjection1796163325158, RisksSchema1796196044383],
  seed: withGraphProjection(seedRisks),
  indexes: [],
};
