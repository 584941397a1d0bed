import { Field, Float, InputType } from 'type-graphql';
import { Access, ModelSortField, ModelType, SortDirection } from './enums';

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

@InputType()
export class ModelOrder {
  @Field(() => ModelSortField)
  field: ModelSortField;

  @Field(() => SortDirection)
  direction: SortDirection;
}

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
