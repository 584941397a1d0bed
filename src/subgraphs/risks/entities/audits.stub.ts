import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The audits entity as this subgraph contributes to it (see the catalog's Audits). */
@ObjectType('Audits')
@Directive('@key(fields: "id")')
export class AuditsStub {
  @Field(() => ID)
  id: string;
}
