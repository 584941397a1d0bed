import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The constant key of the Audits entity; must equal the catalog's AUDITS_ID (the owner of Query.audits). */
export const AUDITS_ID = 'audits';

/** The audits entity as this subgraph contributes to it (see the catalog's Audits). */
@ObjectType('Audits')
@Directive('@key(fields: "id")')
export class AuditsStub {
  @Field(() => ID)
  id: string;
}
