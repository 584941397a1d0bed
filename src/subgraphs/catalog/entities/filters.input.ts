import { Field, Float, InputType } from 'type-graphql';
import {
  Access,
  ComparisonSortField,
  DatasetSortField,
  ModelSortField,
  ModelType,
  ResultSortField,
  SortDirection,
  TaskSortField,
} from './enums';

@InputType()
export class ModelFilter {
  @Field(() => String, { nullable: true, description: 'case-insensitive match on name or aliases' })
  search?: string | null;

  @Field(() => [ModelType], { nullable: true })
  type?: ModelType[] | null;

  @Field(() => [Access], { nullable: true })
  access?: Access[] | null;

  @Field(() => String, { nullable: true, description: 'a sector slug' })
  sector?: string | null;

  @Field(() => [Access], {
    nullable: true,
    description: 'models trained on at least one dataset whose access is in this list',
  })
  trainedOnAccess?: Access[] | null;

  @Field(() => Float, { nullable: true })
  minParameters?: number | null;

  @Field(() => Float, { nullable: true })
  maxParameters?: number | null;
}

/** `<Name>Order { field: <Name>SortField!, direction: SortDirection! }`, one class per list. */
function orderInput<F extends string>(fields: Record<string, F>, name: string) {
  @InputType(name)
  class Order {
    @Field(() => fields)
    field: F;

    @Field(() => SortDirection)
    direction: SortDirection;
  }
  return Order;
}

export const ModelOrder = orderInput(ModelSortField, 'ModelOrder');
export type ModelOrder = InstanceType<typeof ModelOrder>;
export const DatasetOrder = orderInput(DatasetSortField, 'DatasetOrder');
export type DatasetOrder = InstanceType<typeof DatasetOrder>;
export const TaskOrder = orderInput(TaskSortField, 'TaskOrder');
export type TaskOrder = InstanceType<typeof TaskOrder>;
export const ResultOrder = orderInput(ResultSortField, 'ResultOrder');
export type ResultOrder = InstanceType<typeof ResultOrder>;
export const ComparisonOrder = orderInput(ComparisonSortField, 'ComparisonOrder');
export type ComparisonOrder = InstanceType<typeof ComparisonOrder>;

@InputType()
export class DatasetFilter {
  @Field(() => String, { nullable: true, description: 'case-insensitive match on name or aliases' })
  search?: string | null;

  @Field(() => [Access], { nullable: true })
  access?: Access[] | null;

  @Field(() => String, { nullable: true, description: 'a sector slug' })
  sector?: string | null;

  @Field(() => String, { nullable: true, description: 'case-insensitive match on a modality, e.g. "text"' })
  modality?: string | null;
}

@InputType()
export class ResultFilter {
  @Field(() => String, { nullable: true, description: 'a model slug' })
  model?: string | null;

  @Field(() => String, { nullable: true, description: 'a task slug' })
  task?: string | null;

  @Field(() => String, { nullable: true, description: 'a dataset slug' })
  dataset?: string | null;

  @Field(() => String, { nullable: true, description: 'a metric slug' })
  metric?: string | null;
}
