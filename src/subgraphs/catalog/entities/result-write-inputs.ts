import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { SourceInput, UpdateInput, WriteInput } from '../../../common/curation/curation.types';
import { Bound } from './enums';

// Tasks, metrics, results and comparisons, as write-inputs.ts has models and datasets: creates name every
// required field, updates only those they change. References are ids; they become slugs in data/.

@InputType()
export class CreateTaskInput extends WriteInput {
  @Field()
  slug: string;
  @Field()
  name: string;
  @Field(() => ID, { description: 'the id of its sector' })
  sector: string;
  @Field(() => [Int], { nullable: true, description: "numbers of the paper's references that discuss it" })
  citations?: number[] | null;
  @Field(() => String, { nullable: true })
  notes?: string | null;
  @Field(() => SourceInput)
  source: SourceInput;
}

@InputType()
export class UpdateTaskInput extends UpdateInput {
  @Field(() => String, { nullable: true })
  name?: string | null;
  @Field(() => ID, { nullable: true })
  sector?: string | null;
  @Field(() => [Int], { nullable: true })
  citations?: number[] | null;
  @Field(() => String, { nullable: true })
  notes?: string | null;
  @Field(() => SourceInput, { description: 'where the changed facts come from' })
  source: SourceInput;
}

@InputType()
export class CreateMetricInput extends WriteInput {
  @Field()
  slug: string;
  @Field()
  name: string;
  @Field(() => [String], { nullable: true })
  aliases?: string[] | null;
  @Field()
  higherIsBetter: boolean;
  @Field(() => String, { nullable: true, description: 'e.g. %; null for a unitless score' })
  unit?: string | null;
  @Field(() => String, { nullable: true })
  notes?: string | null;
  @Field(() => SourceInput)
  source: SourceInput;
}

@InputType()
export class UpdateMetricInput extends UpdateInput {
  @Field(() => String, { nullable: true })
  name?: string | null;
  @Field(() => [String], { nullable: true })
  aliases?: string[] | null;
  @Field(() => Boolean, { nullable: true })
  higherIsBetter?: boolean | null;
  @Field(() => String, { nullable: true })
  unit?: string | null;
  @Field(() => String, { nullable: true })
  notes?: string | null;
  @Field(() => SourceInput)
  source: SourceInput;
}

@InputType()
export class CreateResultInput extends WriteInput {
  @Field()
  slug: string;
  @Field(() => ID, { description: 'the id of the model evaluated' })
  model: string;
  @Field(() => ID)
  task: string;
  @Field(() => ID, { nullable: true, description: 'null when the paper names no dataset' })
  dataset?: string | null;
  @Field(() => ID)
  metric: string;
  @Field(() => Float)
  value: number;
  @Field({ description: 'as printed, e.g. 94.1%' })
  display: string;
  @Field(() => Bound, { description: 'EXACT, or AT_LEAST for a lower bound ("over 80%")' })
  bound: Bound;
  @Field(() => String, { nullable: true, description: 'the setting the paper gives, e.g. zero-shot' })
  setting?: string | null;
  @Field(() => [Int], { nullable: true })
  citations?: number[] | null;
  @Field(() => String, { nullable: true })
  notes?: string | null;
  @Field(() => SourceInput)
  source: SourceInput;
}

@InputType()
export class UpdateResultInput extends UpdateInput {
  @Field(() => ID, { nullable: true })
  model?: string | null;
  @Field(() => ID, { nullable: true })
  task?: string | null;
  @Field(() => ID, { nullable: true })
  dataset?: string | null;
  @Field(() => ID, { nullable: true })
  metric?: string | null;
  @Field(() => Float, { nullable: true })
  value?: number | null;
  @Field(() => String, { nullable: true })
  display?: string | null;
  @Field(() => Bound, { nullable: true })
  bound?: Bound | null;
  @Field(() => String, { nullable: true })
  setting?: string | null;
  @Field(() => [Int], { nullable: true })
  citations?: number[] | null;
  @Field(() => String, { nullable: true })
  notes?: string | null;
  @Field(() => SourceInput)
  source: SourceInput;
}

@InputType()
export class CreateComparisonInput extends WriteInput {
  @Field()
  slug: string;
  @Field(() => ID, { description: 'the id of the result compared against' })
  baseline: string;
  @Field(() => ID, { description: 'the id of the result compared: same task, metric and dataset' })
  challenger: string;
  @Field(() => String, { nullable: true })
  notes?: string | null;
  @Field(() => SourceInput)
  source: SourceInput;
}

@InputType()
export class UpdateComparisonInput extends UpdateInput {
  @Field(() => ID, { nullable: true })
  baseline?: string | null;
  @Field(() => ID, { nullable: true })
  challenger?: string | null;
  @Field(() => String, { nullable: true })
  notes?: string | null;
  @Field(() => SourceInput)
  source: SourceInput;
}
