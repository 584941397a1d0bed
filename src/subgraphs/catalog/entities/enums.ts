import { registerEnumType } from 'type-graphql';

export { Access, Bound, ModelType, SortDirection } from '../../../common/graph/enums';

export enum ModelSortField {
  NAME = 'NAME',
  PARAMETERS = 'PARAMETERS',
  RESULT_COUNT = 'RESULT_COUNT',
  CITATION_COUNT = 'CITATION_COUNT',
}

export enum DatasetSortField {
  NAME = 'NAME',
  SIZE = 'SIZE',
  USED_TO_TRAIN_COUNT = 'USED_TO_TRAIN_COUNT',
}

export enum TaskSortField {
  NAME = 'NAME',
  RESULT_COUNT = 'RESULT_COUNT',
}

export enum ResultSortField {
  VALUE = 'VALUE',
  SCORE = 'SCORE',
}

export enum ComparisonSortField {
  IMPROVEMENT = 'IMPROVEMENT',
  RELATIVE_IMPROVEMENT = 'RELATIVE_IMPROVEMENT',
}

registerEnumType(ModelSortField, { name: 'ModelSortField' });
registerEnumType(DatasetSortField, { name: 'DatasetSortField' });
registerEnumType(TaskSortField, { name: 'TaskSortField' });
registerEnumType(ResultSortField, {
  name: 'ResultSortField',
  description:
    "SCORE orders by how good a result is on its metric: DESC puts the best first whatever the metric's direction",
});
registerEnumType(ComparisonSortField, { name: 'ComparisonSortField' });
