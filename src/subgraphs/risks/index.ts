import { DataSource } from 'typeorm';
import { buildFederatedSubgraph, Subgraph } from '../../common/federation';
import { AUDITS_ID, AuditsStub } from './entities/audits.stub';
import { createRisksLoaders, RisksContext } from './loaders';
import { RisksAuditsResolver } from './resolvers/audits.resolver';
import { ENTITY_RISKS_RESOLVERS } from './resolvers/entity-risks.resolver';
import { MitigationResolver, RiskResolver } from './resolvers/risk.resolver';

export { RISKS_ENTITIES } from './loaders';
export { seedRisks } from './seed';

// Foreign stubs need only their key: their `risks` field resolves through a loader.
const keyOnly = { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) };

/** The risks subgraph: risks, their mitigations and figures, and `risks` on models, datasets and sectors. */
export function buildRisksSubgraph(): Promise<Subgraph> {
  return buildFederatedSubgraph(
    {
      resolvers: [RiskResolver, MitigationResolver, RisksAuditsResolver, ...ENTITY_RISKS_RESOLVERS],
      orphanedTypes: [AuditsStub],
    },
    {
      Risk: { __resolveReference: (ref: { id: string }, ctx: RisksContext) => ctx.loaders.risk.load(ref.id) },
      Model: keyOnly,
      Dataset: keyOnly,
      Sector: keyOnly,
      Audits: {
        __resolveReference: (ref: { id: string }) => (ref.id === AUDITS_ID ? { id: AUDITS_ID } : null),
      },
    },
  );
}

export function createRisksContext(dataSource: DataSource): RisksContext {
  return { dataSource, loaders: createRisksLoaders(dataSource) };
}
