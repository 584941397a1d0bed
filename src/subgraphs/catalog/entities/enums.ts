import { registerEnumType } from 'type-graphql';

export { Access, Bound, ModelType, SortDirection } from '../../../common/graph/enums';

export enum ModelSortField {
  NAME = 'NAME',
  PARAMETERS = 'PARAMETERS',
}

registerEnumType(ModelSortField, { name: 'ModelSortField' });
