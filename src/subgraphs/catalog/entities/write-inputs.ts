import { Field, ID, InputType, Int } from 'type-graphql';
import { SourceInput, QuantityInput, UpdateInput, WriteInput } from '../../../common/curation/curation.types';
import { Access, ModelType } from './enums';

// Creates name every required field; updates only those they change (an absent field keeps its value).

@InputType()
export class CreateModelInput extends WriteInput {
  @Field()
  slug: string;
  @Field()
  name: string;
  @Field(() => [String], { nullable: true })
  aliases?: string[] | null;
  @Field(() => ModelType, { nullable: true })
  type?: ModelType | null;
  @Field(() => QuantityInput)
  parameters: QuantityInput;
  @Field(() => Access)
  access: Access;
  @Field(() => [ID], { nullable: true, description: 'ids of the datasets it was trained on' })
  trainedOn?: string[] | null;
  @Field(() => String, { nullable: true })
  trainingDataNote?: string | null;
  @Field(() => [ID], { nullable: true, description: 'ids of its sectors' })
  sectors?: string[] | null;
  @Field(() => [Int], { nullable: true, description: "numbers of the paper's references that discuss it" })
  citations?: number[] | null;
  @Field(() => String, { nullable: true })
  notes?: string | null;
  @Field(() => SourceInput)
  source: SourceInput;
}

@InputType()
export class UpdateModelInput extends UpdateInput {
  @Field(() => String, { nullable: true })
  name?: string | null;
  @Field(() => [String], { nullable: true })
  aliases?: string[] | null;
  @Field(() => ModelType, { nullable: true })
  type?: ModelType | null;
  @Field(() => QuantityInput, { nullable: true })
  parameters?: QuantityInput | null;
  @Field(() => Access, { nullable: true })
  access?: Access | null;
  @Field(() => [ID], { nullable: true })
  trainedOn?: string[] | null;
  @Field(() => String, { nullable: true })
  trainingDataNote?: string | null;
  @Field(() => [ID], { nullable: true })
  sectors?: string[] | null;
  @Field(() => [Int], { nullable: true })
  citations?: number[] | null;
  @Field(() => String, { nullable: true })
  notes?: string | null;
  @Field(() => SourceInput, { description: 'where the changed facts come from' })
  source: SourceInput;
}

@InputType()
export class CreateDatasetInput extends WriteInput {
  @Field()
  slug: string;
  @Field()
  name: string;
  @Field(() => [String], { nullable: true })
  aliases?: string[] | null;
  @Field(() => String, { nullable: true })
  scale?: string | null;
  @Field(() => QuantityInput)
  size: QuantityInput;
  @Field(() => [String], { nullable: true })
  modalities?: string[] | null;
  @Field(() => String, { nullable: true })
  purpose?: string | null;
  @Field(() => Access)
  access: Access;
  @Field(() => ID, { nullable: true })
  sector?: string | null;
  @Field(() => [Int], { nullable: true })
  citations?: number[] | null;
  @Field(() => String, { nullable: true })
  notes?: string | null;
  @Field(() => SourceInput)
  source: SourceInput;
}

@InputType()
export class UpdateDatasetInput extends UpdateInput {
  @Field(() => String, { nullable: true })
  name?: string | null;
  @Field(() => [String], { nullable: true })
  aliases?: string[] | null;
  @Field(() => String, { nullable: true })
  scale?: string | null;
  @Field(() => QuantityInput, { nullable: true })
  size?: QuantityInput | null;
  @Field(() => [String], { nullable: true })
  modalities?: string[] | null;
  @Field(() => String, { nullable: true })
  purpose?: string | null;
  @Field(() => Access, { nullable: true })
  access?: Access | null;
  @Field(() => ID, { nullable: true })
  sector?: string | null;
  @Field(() => [Int], { nullable: true })
  citations?: number[] | null;
  @Field(() => String, { nullable: true })
  notes?: string | null;
  @Field(() => SourceInput)
  source: SourceInput;
}
