import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { SourceInput, UpdateInput, WriteInput } from '../../../common/curation/curation.types';

// Creates name every required field; updates only those they change (an absent field keeps its value).
// A risk's mitigations are written on their own (createMitigation, ...): a risk's input leaves them be.

@InputType({ description: 'A number the paper gives for a risk.' })
export class RiskFigureInput {
  @Field()
  label: string;
  @Field(() => Float, { nullable: true, description: 'null where the paper gives no number' })
  value: number | null;
  @Field(() => String, { nullable: true })
  unit?: string | null;
  @Field({ description: 'as printed, e.g. 1,287 MWh' })
  display: string;
  @Field(() => SourceInput)
  source: SourceInput;
}

@InputType()
export class CreateRiskInput extends WriteInput {
  @Field()
  slug: string;
  @Field()
  name: string;
  @Field()
  summary: string;
  @Field(() => [ID], { nullable: true, description: 'ids of the models the paper names as its examples' })
  models?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'ids of the datasets it names as its examples' })
  datasets?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'ids of the sectors it names as its examples' })
  sectors?: string[] | null;
  @Field(() => [RiskFigureInput], { nullable: true })
  figures?: RiskFigureInput[] | null;
  @Field(() => [Int], { nullable: true, description: "numbers of the paper's references that discuss it" })
  citations?: number[] | null;
  @Field(() => String, { nullable: true })
  notes?: string | null;
  @Field(() => SourceInput)
  source: SourceInput;
}

@InputType()
export class UpdateRiskInput extends UpdateInput {
  @Field(() => String, { nullable: true })
  name?: string | null;
  @Field(() => String, { nullable: true })
  summary?: string | null;
  @Field(() => [ID], { nullable: true })
  models?: string[] | null;
  @Field(() => [ID], { nullable: true })
  datasets?: string[] | null;
  @Field(() => [ID], { nullable: true })
  sectors?: string[] | null;
  @Field(() => [RiskFigureInput], { nullable: true, description: 'all its figures (they replace the old)' })
  figures?: RiskFigureInput[] | null;
  @Field(() => [Int], { nullable: true })
  citations?: number[] | null;
  @Field(() => String, { nullable: true })
  notes?: string | null;
  @Field(() => SourceInput, { description: 'where the changed facts come from' })
  source: SourceInput;
}

@InputType()
export class CreateMitigationInput extends WriteInput {
  @Field(() => ID, { description: 'the id of the risk it mitigates: it goes after its other mitigations' })
  risk: string;
  @Field()
  slug: string;
  @Field()
  name: string;
  @Field()
  description: string;
  @Field(() => [Int], { nullable: true })
  citations?: number[] | null;
  @Field(() => SourceInput)
  source: SourceInput;
}

@InputType({ description: "A mitigation's version is its risk's: it is part of its risk's record." })
export class UpdateMitigationInput extends UpdateInput {
  @Field(() => String, { nullable: true })
  name?: string | null;
  @Field(() => String, { nullable: true })
  description?: string | null;
  @Field(() => [Int], { nullable: true })
  citations?: number[] | null;
  @Field(() => SourceInput)
  source: SourceInput;
}
