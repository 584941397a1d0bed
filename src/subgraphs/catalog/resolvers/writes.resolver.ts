import { Change } from '../../../common/curation/change.entity';
import { curatedWrites } from '../../../common/curation/curated-writes.resolver';
import { WritePayload } from '../../../common/curation/curation.types';
import { RecordShape, writeRecord } from '../../../common/curation/write-record';
import { Comparison } from '../entities/comparison.entity';
import { Dataset } from '../entities/dataset.entity';
import { Metric } from '../entities/metric.entity';
import { Model } from '../entities/model.entity';
import { Result } from '../entities/result.entity';
import { Task } from '../entities/task.entity';
import {
  CreateComparisonInput,
  CreateMetricInput,
  CreateResultInput,
  CreateTaskInput,
  UpdateComparisonInput,
  UpdateMetricInput,
  UpdateResultInput,
  UpdateTaskInput,
} from '../entities/result-write-inputs';
import {
  CreateDatasetInput,
  CreateModelInput,
  UpdateDatasetInput,
  UpdateModelInput,
} from '../entities/write-inputs';
import { CatalogContext } from '../loaders';
import {
  COMPARISON_SHAPE,
  DATASET_SHAPE,
  METRIC_SHAPE,
  MODEL_SHAPE,
  RESULT_SHAPE,
  TASK_SHAPE,
} from './catalog-writes';

type Loader = keyof Pick<
  CatalogContext['loaders'],
  'task' | 'metric' | 'model' | 'dataset' | 'result' | 'comparison'
>;

/** The writes of one catalog type: its record shape, inputs, and the loader that reads it back. */
function catalogWrites(
  shape: RecordShape,
  entity: abstract new () => object,
  loader: Loader,
  createInput: abstract new () => object,
  updateInput: abstract new () => object,
) {
  return curatedWrites<CatalogContext>({
    type: shape.type,
    entity,
    journal: { payload: WritePayload, change: Change },
    createInput,
    updateInput,
    write: (ctx, op, input) => writeRecord(ctx, shape, op, input),
    load: (ctx, id) => ctx.loaders[loader].load(id),
  });
}

/** version, history and create/update/retire of every catalog type but sectors (the paper's seven). */
export const CATALOG_WRITE_RESOLVERS = [
  catalogWrites(MODEL_SHAPE, Model, 'model', CreateModelInput, UpdateModelInput),
  catalogWrites(DATASET_SHAPE, Dataset, 'dataset', CreateDatasetInput, UpdateDatasetInput),
  catalogWrites(TASK_SHAPE, Task, 'task', CreateTaskInput, UpdateTaskInput),
  catalogWrites(METRIC_SHAPE, Metric, 'metric', CreateMetricInput, UpdateMetricInput),
  catalogWrites(RESULT_SHAPE, Result, 'result', CreateResultInput, UpdateResultInput),
  catalogWrites(COMPARISON_SHAPE, Comparison, 'comparison', CreateComparisonInput, UpdateComparisonInput),
];
