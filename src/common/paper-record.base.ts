import { Directive, Field, ID, ObjectType } from 'type-graphql';
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

  /** a source outside the paper: its url, title, date and commit, as JSON (null for the paper) */
  @Column('text', { nullable: true })
  sourceExternal: string | null;

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

/**
 * Makes `slug` of one PaperRecord type @shareable, for a subgraph that knows the type by key and reads
 * the slug from its id. Applied to the subclass only (the other types' slugs stay theirs alone).
 */
export function shareSlug(type: abstract new () => PaperRecord): void {
  const prototype = type.prototype as object;
  Field(() => String)(prototype, 'slug');
  Directive('@shareable')(prototype, 'slug');
}
