import { registerEnumType } from 'type-graphql';

// Shared by every subgraph: the `where` inputs name them, and Federation composes an enum that inputs and
// outputs use only when every subgraph defines it alike.

export enum ModelType {
  LLM = 'LLM',
  LVM = 'LVM',
  LMM = 'LMM',
}

export enum Access {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  ON_APPROVAL = 'ON_APPROVAL',
  UNKNOWN = 'UNKNOWN',
}

export enum Bound {
  EXACT = 'EXACT',
  AT_LEAST = 'AT_LEAST',
  NOT_REPORTED = 'NOT_REPORTED',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(ModelType, { name: 'ModelType' });
registerEnumType(Access, {
  name: 'Access',
  description: "How a model's weights or a dataset can be obtained.",
});
registerEnumType(Bound, { name: 'Bound' });
registerEnumType(SortDirection, { name: 'SortDirection' });
