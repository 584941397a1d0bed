import { ListAggregator } from '../../common/graph/aggregates';
import { StoreMeta } from '../../common/store-meta.entity';
import { DataSource, ObjectLiteral } from 'typeorm';
import { byIdLoader as byId, manyByLoader as manyBy } from '../../common/loader-utils';
import { Relation } from '../../common/relation';
import { RelationReader } from '../../common/relation-pages';
import { Comparison } from './entities/comparison.entity';
import { Dataset } from './entities/dataset.entity';
import { DatasetModality, ModelSector, ModelTrainingData } from './entities/link.entities';
import { Metric } from './entities/metric.entity';
import { Model } from './entities/model.entity';
import { Result } from './entities/result.entity';
import { Sector } from './entities/sector.entity';
import { Task } from './entities/task.entity';

export const CATALOG_ENTITIES = [
  Sector,
  Task,
  Metric,
  Model,
  Dataset,
  Result,
  Comparison,
  ModelSector,
  ModelTrainingData,
  DatasetModality,
  StoreMeta,
];

/** The nested connections of the catalog, each read from one table. */
const RELATIONS = {
  sectorTasks: { table: 'tasks', parentColumn: 'sectorId', childColumn: 'id' },
  sectorDatasets: { table: 'datasets', parentColumn: 'sectorId', childColumn: 'id' },
  sectorModels: { table: 'model_sectors', parentColumn: 'sectorId', childColumn: 'modelId' },
  datasetUsedToTrain: { table: 'model_training_data', parentColumn: 'datasetId', childColumn: 'modelId' },
  datasetEvaluations: { table: 'results', parentColumn: 'datasetId', childColumn: 'id' },
  taskResults: { table: 'results', parentColumn: 'taskId', childColumn: 'id' },
  metricResults: { table: 'results', parentColumn: 'metricId', childColumn: 'id' },
} satisfies Record<string, Relation>;
type RelationName = keyof typeof RELATIONS;

/** One set per request: DataLoader caches must never outlive the request that filled them. */
export function createCatalogLoaders(ds: DataSource) {
  const repo = <T extends ObjectLiteral>(e: new () => T) => ds.getRepository(e);
  return {
    sector: byId(repo(Sector)),
    task: byId(repo(Task)),
    metric: byId(repo(Metric)),
    model: byId(repo(Model)),
    dataset: byId(repo(Dataset)),
    result: byId(repo(Result)),
    /** the aggregates of connections, batched across parents */
    aggregates: new ListAggregator(),
    resultsByModel: manyBy(repo(Result), 'modelId'),
    comparisonsByTask: manyBy(repo(Comparison), 'taskId'),
    sectorLinksByModel: manyBy(repo(ModelSector), 'modelId'),
    trainingLinksByModel: manyBy(repo(ModelTrainingData), 'modelId'),
    /** the pages and counts of each nested connection */
    relations: Object.fromEntries(
      Object.entries(RELATIONS).map(([name, relation]) => [name, new RelationReader(ds, relation)]),
    ) as Record<RelationName, RelationReader>,
  };
}

export type CatalogLoaders = ReturnType<typeof createCatalogLoaders>;

export interface CatalogContext {
  loaders: CatalogLoaders;
  dataSource: DataSource;
}
