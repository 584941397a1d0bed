import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Index, PrimaryColumn } from 'typeorm';
import { Source, sourceOf } from './source.type';

/** Columns every slugged fact from the paper has: its global id, slug, paper order and provenance. */
@ObjectType()
export abstract class PaperRecord {
  @Field(() => ID)
  @PrimaryColumn('text')
  id: string;

  @Field()
  @Index({ unique: true })
  @Column('text')
  slug: string;

  // Paper order: the default sort and the key of every cursor.
  @Index()
  @Column('integer')
  position: number;

  @Column('text')
  sourceLocation: string;

  @Column('text', { nullable: true })
  sourceQuote: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'what the paper leaves ambiguous about this fact, if anything',
  })
  @Column('text', { nullable: true })
  notes: string | null;

  @Field(() => Source, { description: 'where in the paper this comes from' })
  get source(): Source {
    return sourceOf(this);
  }
}
