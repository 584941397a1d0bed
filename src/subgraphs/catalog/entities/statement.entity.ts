import { GraphQLJSON } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Source, sourceOf } from '../../../common/source.type';

/**
 * What one source says of a model or dataset: a field's value (where sources disagree, every one of them,
 * the preferred one being what the entity holds), or, without a field, that it knows the entity.
 */
@ObjectType({
  simpleResolvers: true,
  description: 'What one source says of an entity, or of one of its fields.',
})
@Index(['entityId', 'position'])
@Entity('statements')
export class Statement {
  @PrimaryColumn('text')
  entityId: string;

  @PrimaryColumn('integer')
  position: number;

  @Field(() => String, {
    nullable: true,
    description: 'the field it is about, as in data/ (e.g. access); null: the entity as a whole',
  })
  @Index()
  @Column('text', { nullable: true })
  field: string | null;

  /** the value as JSON text: equal texts are equal values, which the disagreement audit groups by */
  @Column('text', { nullable: true })
  valueJson: string | null;

  @Field({ description: 'whether the entity holds this value (the curator chose it, for the reason given)' })
  @Column('boolean')
  preferred: boolean;

  @Field(() => String, {
    nullable: true,
    description: "the curator's reason for preferring it, or for recording it",
  })
  @Column('text', { nullable: true })
  reason: string | null;

  @Column('text')
  sourceLocation: string;

  @Column('text', { nullable: true })
  sourceQuote: string | null;

  @Column('text', { nullable: true })
  sourceExternal: string | null;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'the value the source gives the field, in data/ form',
  })
  get value(): unknown {
    return this.valueJson === null ? null : (JSON.parse(this.valueJson) as unknown);
  }

  @Field(() => Source)
  get source(): Source {
    return sourceOf(this);
  }
}
