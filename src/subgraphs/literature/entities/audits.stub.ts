import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The audits entity as this subgraph sees it: the owners' entity ids arrive through @requires, so
 * "uncited" is computed against their live data rather than a copy.
 */
@ObjectType('Audits')
@Directive('@key(fields: "id")')
export class AuditsStub {
  @Field(() => ID)
  id: string;

  @Directive('@external')
  @Field(() => [ID])
  modelIds: string[];

  @Directive('@external')
  @Field(() => [ID])
  datasetIds: string[];

  @Directive('@external')
  @Field(() => [ID])
  taskIds: string[];

  @Directive('@external')
  @Field(() => [ID])
  riskIds: string[];
}
