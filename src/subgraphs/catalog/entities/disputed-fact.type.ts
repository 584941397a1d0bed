import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { listSize } from '../../../common/federation';
import { MAX_STATEMENTS } from '../../../data/schema';
import { Statement } from './statement.entity';

/** A field of an entity on which its sources disagree: every statement on it, the preferred one first. */
@ObjectType({ simpleResolvers: true, description: 'A fact on which sources disagree.' })
export class DisputedFact {
  @Field(() => ID, { description: 'the entity (node(id:) reads it)' })
  entityId: string;

  @Field({ description: 'e.g. Dataset' })
  entityType: string;

  @Field()
  slug: string;

  @Field({ description: 'the field, as in data/ (e.g. access)' })
  field: string;

  @Directive(listSize(MAX_STATEMENTS))
  @Field(() => [Statement], { description: 'the preferred statement first, then the others in their order' })
  statements: Statement[];
}
