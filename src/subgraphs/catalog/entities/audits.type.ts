import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { AUDITS_ID } from '../../../common/audits-id';

/** An entity with one constant key, so that every subgraph can contribute its own audits. */
@ObjectType({ description: 'Ready-made relationship audits.' })
@Directive('@key(fields: "id")')
export class Audits {
  @Field(() => ID)
  id: string = AUDITS_ID;
}
