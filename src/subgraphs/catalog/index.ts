import { DataSource } from 'typeorm';
import { buildFederatedSubgraph, Subgraph } from '../../common/federation';
import { AUDITS_ID, Audits } from './entities/audits.entity';
import { CatalogContext, createCatalogLoaders } from './loaders';
import { AuditsResolver } from './resolvers/audits.resolver';
import { ComparisonResolver } from './resolvers/comparison.resolver';
import { DatasetResolver } from './resolvers/dataset.resolver';
import { MetricResolver } from './resolvers/metric.resolver';
import { ModelResolver } from './resolvers/model.resolver';
import { ResultResolver } from './resolvers/result.resolver';
import { SectorResolver } from './resolvers/sector.resolver';
import { TaskResolver } from './resolvers/task.resolver';

export { CATALOG_ENTITIES } from './loaders';
export { seedCatalog } from './seed';

type Ref = { id: string };
const reference = (
  loader: keyof Pick<
    CatalogContext['loaders'],
    'sector' | 'task' | 'model' | 'dataset' | 'metric' | 'result'
  >,
) => ({
  __resolveReference: (ref: Ref, ctx: CatalogContext) => ctx.loaders[loader].load(ref.id),
});

/** The catalog subgraph: sectors, tasks, models, datasets, metrics, results and comparisons. */
export function buildCatalogSubgraph(): Promise<Subgraph> {
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
        AuditsResolver,
      ],
    },
    {
      Sector: reference('sector'),
      Task: reference('task'),
      Model: reference('model'),
      Dataset: reference('dataset'),
      Metric: reference('metric'),
      Result: reference('result'),
      Audits: { __resolveReference: (ref: Ref) => (ref.id === AUDITS_ID ? new Audits() : null) },
    },
  );
}

export function createCatalogContext(dataSource: DataSource): CatalogContext {
  return { dataSource, loaders: createCatalogLoaders(dataSource) };
}
