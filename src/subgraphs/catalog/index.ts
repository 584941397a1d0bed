import { GraphProjection1796163325158 } from '../../common/graph/graph-projection.migration';
import { GRAPH_ENTITIES } from '../../common/graph/graph.entities';
import { withGraphProjection } from '../../common/graph/graph-seed';
import { DataSource } from 'typeorm';
import { buildFederatedSubgraph, Subgraph } from '../../common/federation';
import { AUDITS_ID } from '../../common/audits-id';
import { fromGlobalId } from '../../common/global-id';
import { curationLoaders } from '../../common/curation/curation';
import { Audits } from './entities/audits.type';
import { CATALOG_ENTITIES, CatalogContext, createCatalogLoaders } from './loaders';
import { MODEL_ORDER_INDEXES } from './entities/model-order';
import { CatalogInitial1764300000000 } from './migrations/initial.migration';
import { CatalogOrderIndexes1764400000000 } from './migrations/order-indexes.migration';
import { seedCatalog } from './seed';
import { SubgraphModule } from '../subgraph-module';
import { CatalogSchema1796196291911 } from './migrations/schema-1796196291911.migration';
import { AuditsResolver } from './resolvers/audits.resolver';
import { ComparisonResolver } from './resolvers/comparison.resolver';
import { DatasetResolver } from './resolvers/dataset.resolver';
import { MetricResolver } from './resolvers/metric.resolver';
import { LeaderboardEntryResolver, LeaderboardResolver } from './resolvers/leaderboard.resolver';
import { ModelResolver } from './resolvers/model.resolver';
import { ResultResolver } from './resolvers/result.resolver';
import { SectorResolver } from './resolvers/sector.resolver';
import { TaskResolver } from './resolvers/task.resolver';
import { ViewerResolver } from './resolvers/viewer.resolver';
import { ProposalResolver } from './resolvers/proposal.resolver';
import { RevertResolver } from './resolvers/revert.resolver';
import {
  DatasetStatementsResolver,
  ModelStatementsResolver,
  StatementsResolver,
} from './resolvers/statements.resolver';
import { CATALOG_WRITE_RESOLVERS } from './resolvers/writes.resolver';

type Ref = { id: string };
const reference = (
  loader: keyof Pick<
    CatalogContext['loaders'],
    'sector' | 'task' | 'model' | 'dataset' | 'metric' | 'result' | 'comparison'
  >,
) => ({
  __resolveReference: (ref: Ref, ctx: CatalogContext) => ctx.loaders[loader].load(ref.id),
});

/** Its schema, with the reference resolvers of the entities it owns or extends. */
function buildCatalogSubgraph(): Promise<Subgraph> {
  return buildFederatedSubgraph(
    {
      resolvers: [
        SectorResolver,
        TaskResolver,
        ModelResolver,
        DatasetResolver,
        MetricResolver,
        ResultResolver,
        ComparisonResolver,
        LeaderboardResolver,
        LeaderboardEntryResolver,
        AuditsResolver,
        ViewerResolver,
        ...CATALOG_WRITE_RESOLVERS,
        ProposalResolver,
        RevertResolver,
        StatementsResolver,
        ModelStatementsResolver,
        DatasetStatementsResolver,
      ],
    },
    {
      Sector: reference('sector'),
      Task: reference('task'),
      Model: reference('model'),
      Dataset: reference('dataset'),
      Metric: reference('metric'),
      Result: reference('result'),
      Comparison: reference('comparison'),
      // the other subgraphs' writes answer with its key
      Proposal: {
        __resolveReference: (ref: Ref, ctx: CatalogContext) => {
          const key = fromGlobalId(ref.id);
          return key?.type === 'Proposal' ? curationLoaders(ctx).proposal.load(Number(key.key)) : null;
        },
      },
      Change: {
        __resolveReference: (ref: Ref, ctx: CatalogContext) => curationLoaders(ctx).change.load(ref.id),
      },
      Audits: { __resolveReference: (ref: Ref) => (ref.id === AUDITS_ID ? new Audits() : null) },
    },
  );
}

function createCatalogContext(dataSource: DataSource): CatalogContext {
  return { dataSource, loaders: createCatalogLoaders(dataSource) };
}

/** The catalog subgraph: sectors, tasks, models, datasets, metrics, results and comparisons. */
export const catalogModule: SubgraphModule = {
  build: buildCatalogSubgraph,
  createContext: createCatalogContext,
  entities: [...CATALOG_ENTITIES, ...GRAPH_ENTITIES],
  migrations: [
    CatalogInitial1764300000000,
    CatalogOrderIndexes1764400000000,
    GraphProjection1796163325158,
    CatalogSchema1796196291911,
  ],
  seed: withGraphProjection(seedCatalog),
  indexes: MODEL_ORDER_INDEXES,
};
