import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { SourceInput, WriteInput, WritePayload } from '../../../common/curation/curation.types';

@InputType({ description: 'Records what a source says of a model or dataset (or of one of its fields).' })
export class AddStatementInput extends WriteInput {
  @Field(() => ID, { description: 'a model or dataset' })
  entity: string;

  @Field(() => Int, { description: 'the version you saw' })
  version: number;

  @Field(() => String, {
    nullable: true,
    description: 'the field it is about (e.g. access); none: the entity as a whole',
  })
  field?: string | null;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'the value the source gives the field, in data/ form',
  })
  value?: unknown;

  @Field(() => SourceInput)
  source: SourceInput;

  @Field(() => Boolean, {
    nullable: true,
    description: 'whether the entity should hold this value from now on (not by default)',
  })
  preferred?: boolean | null;
}

@InputType({ description: 'Makes one of the statements on a field the one the entity holds.' })
export class PreferStatementInput extends WriteInput {
  @Field(() => ID)
  entity: string;

  @Field(() => Int)
  version: number;

  @Field()
  field: string;

  @Field(() => Int, { description: "the statement, by its place in the entity's statements (from 0)" })
  statement: number;
}

@ObjectType({ simpleResolvers: true })
export class StatementWritePayload extends WritePayload {}
