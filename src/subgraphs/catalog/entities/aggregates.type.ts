import { registerEnumType } from 'type-graphql';
import { aggregateType } from '../../../common/aggregate.type';
import { FIELD_RELATIONS } from '../../../common/graph/graph-relations';
import { CATALOG_LIST_SIZES as SIZES } from '../list-sizes';

export enum ModelGroupField {
  TYPE = 'TYPE',
  ACCESS = 'ACCESS',
  SECTOR = 'SECTOR',
  PARAMETERS_BOUND = 'PARAMETERS_BOUND',
}

export enum DatasetGroupField {
  ACCESS = 'ACCESS',
  SECTOR = 'SECTOR',
  MODALITY = 'MODALITY',
}

export enum TaskGroupField {
  SECTOR = 'SECTOR',
}

export enum ResultGroupField {
  MODEL = 'MODEL',
  TASK = 'TASK',
  DATASET = 'DATASET',
  METRIC = 'METRIC',
  SECTOR = 'SECTOR',
}

registerEnumType(ModelGroupField, {
  name: 'ModelGroupField',
  valuesConfig: {
    PARAMETERS_BOUND: { description: "the bound of the model's parameters (EXACT, AT_LEAST, ...)" },
  },
});
registerEnumType(DatasetGroupField, { name: 'DatasetGroupField' });
registerEnumType(TaskGroupField, { name: 'TaskGroupField' });
registerEnumType(ResultGroupField, {
  name: 'ResultGroupField',
  valuesConfig: { SECTOR: { description: "the sector of the result's task" } },
});

const R = FIELD_RELATIONS;
const QUANTITY = 'quantity_value';

export const ModelAggregate = aggregateType('Model', {
  groupField: ModelGroupField,
  groups: {
    TYPE: { column: 'model_type' },
    ACCESS: { column: 'access' },
    SECTOR: { path: [R.Model.sectors] },
    PARAMETERS_BOUND: { column: 'quantity_bound' },
  },
  groupsSize: SIZES.modelGroups,
  stats: {
    field: 'parameters',
    column: QUANTITY,
    description: 'parameters.value; a bound (>636M) at its value',
  },
});

export const DatasetAggregate = aggregateType('Dataset', {
  groupField: DatasetGroupField,
  groups: {
    ACCESS: { column: 'access' },
    SECTOR: { path: [R.Dataset.sector] },
    MODALITY: { values: 'modality' },
  },
  groupsSize: SIZES.datasetGroups,
  stats: { field: 'size', column: QUANTITY, description: 'size.value; a bound at its value' },
});

export const TaskAggregate = aggregateType('Task', {
  groupField: TaskGroupField,
  groups: { SECTOR: { path: [R.Task.sector] } },
  groupsSize: SIZES.taskGroups,
});

export const ResultAggregate = aggregateType('Result', {
  groupField: ResultGroupField,
  groups: {
    MODEL: { path: [R.Result.model] },
    TASK: { path: [R.Result.task] },
    DATASET: { path: [R.Result.dataset] },
    METRIC: { path: [R.Result.metric] },
    SECTOR: { path: [R.Result.task, R.Task.sector] },
  },
  groupsSize: SIZES.resultGroups,
  stats: {
    field: 'value',
    column: 'value',
    description: 'the values, whatever their metric; a bound at its value',
  },
});
