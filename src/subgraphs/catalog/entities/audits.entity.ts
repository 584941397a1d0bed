import { Directive, Field, ID, ObjectType } from 'type-graphql';

export const AUDITS_ID = 'audits';

/** An entity with one constant key, so that every subgraph can contribute its own audits. */
@ObjectType({ description: 'Ready-made relationship audits.' })
@Directive('@key(fields: "id")')
export class Audits {
  @Field(() => ID)
  id: string = AUDITS_ID;
}
