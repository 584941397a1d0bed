import { Field, ID, InputType, Int } from 'type-graphql';
import { SourceInput, UpdateInput, WriteInput } from '../../../common/curation/curation.types';

// A reference is known by its number; which entities it supports is written on those entities'
// records (addCitationSupport), not on the reference.

@InputType({ description: 'One place the paper cites a reference.' })
export class MentionInput {
  @Field({ description: 'e.g. Section III-A' })
  section: string;
  @Field({ description: 'the sentence of the paper in which the reference is cited' })
  sentence: string;
}

@InputType()
export class CreateCitationInput extends WriteInput {
  @Field(() => Int, { description: "its number in the paper's references" })
  number: number;
  @Field(() => String, { nullable: true, description: 'what the paper calls the cited work, e.g. ESMfold' })
  label?: string | null;
  @Field(() => [String], { nullable: true, description: 'other forms the text prints for it' })
  aliases?: string[] | null;
  @Field(() => [MentionInput], { nullable: true })
  mentions?: MentionInput[] | null;
  @Field(() => String, { nullable: true })
  notes?: string | null;
}

@InputType()
export class UpdateCitationInput extends UpdateInput {
  @Field(() => String, { nullable: true })
  label?: string | null;
  @Field(() => [String], { nullable: true })
  aliases?: string[] | null;
  @Field(() => [MentionInput], { nullable: true, description: 'all its mentions (they replace the old)' })
  mentions?: MentionInput[] | null;
  @Field(() => String, { nullable: true })
  notes?: string | null;
}

@InputType({ description: "Adds a reference to an entity's citations, or removes it." })
export class CitationSupportInput extends WriteInput {
  @Field(() => ID, { description: 'the id of the reference' })
  citation: string;
  @Field(() => ID, { description: 'the id of the task, model, dataset, result, risk or mitigation' })
  entity: string;
  @Field(() => Int, { description: "the entity's version you saw (a mitigation's is its risk's)" })
  version: number;
  @Field(() => SourceInput, {
    nullable: true,
    description: "where the paper cites it for the entity: replaces the entity's source when given",
  })
  source?: SourceInput | null;
}
