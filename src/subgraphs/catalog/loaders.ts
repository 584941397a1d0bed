import { ListAggregator } from '../../common/graph/aggregates';
import { StoreMeta } from '../../common/store-meta.entity';
import { DataSource, ObjectLiteral } from 'typeorm';
import type { Curation } from '../../common/curation/curation';
import type { Identity } from '../../common/identity';
import { byIdLoader as byId, manyByLoader as manyBy } from '../../common/loader-utils';
import { Relation } from '../../common/relation';
import { RelationReader, RelationTarget } from '../../common/relation-pages';
import { Comparison } from './entities/comparison.entity';
import { knownSlugsLoader } from './known-slugs.loader';
import { Dataset } from './entities/dataset.entity';
import { DatasetModality, ModelSector, ModelTrainingData } from './entities/link.entities';
import { Metric } from './entities/metric.entity';
import { Model } from './entities/model.entity';
import { Result } from './entities/result.entity';
import { Sector } from './entities/sector.entity';
import { Task } from './entities/task.entity';
import { Statement } from './entities/statement.entity';

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
  Statement,
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

/** The children of each: their table (what `orderBy` sorts on) and type (what `where` tests). */
const TARGETS: Record<RelationName, RelationTarget> = {
  sectorTasks: { table: 'tasks', type: 'Task' },
  sectorDatasets: { table: 'datasets', type: 'Dataset' },
  sectorModels: { table: 'models', type: 'Model' },
  datasetUsedToTrain: { table: 'models', type: 'Model' },
  datasetEvaluations: { table: 'results', type: 'Result' },
  taskResults: { table: 'results', type: 'Result' },
  metricResults: { table: 'results', type: 'Result' },
};

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
    comparison: byId(repo(Comparison)),
    /** the aggregates of connections, batched across parents */
    aggregates: new ListAggregator(),
    resultsByModel: manyBy(repo(Result), 'modelId'),
    comparisonsByTask: manyBy(repo(Comparison), 'taskId'),
    /** whether `Type:slug` names a record: the slugs filters and leaderboards name */
    knownSlugs: knownSlugsLoader(ds),
    sectorLinksByModel: manyBy(repo(ModelSector), 'modelId'),
    trainingLinksByModel: manyBy(repo(ModelTrainingData), 'modelId'),
    /** what each source says of a model or dataset */
    statementsByEntity: manyBy(repo(Statement), 'entityId'),
    /** the pages and counts of each nested connection */
    relations: Object.fromEntries(
      Object.entries(RELATIONS).map(([name, relation]) => [
        name,
        new RelationReader(ds, relation, TARGETS[name as RelationName]),
      ]),
    ) as Record<RelationName, RelationReader>,
  };
}

export type CatalogLoaders = ReturnType<typeof createCatalogLoaders>;

export interface CatalogContext {
  loaders: CatalogLoaders;
  dataSource: DataSource;
  /** the caller, as the gateway vouches for it */
  identity?: Identity;
  /** the journal curators write to; null where the server takes no writes */
  curation?: Curation | null;
}
