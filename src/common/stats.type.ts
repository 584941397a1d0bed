import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';

// Shared by the catalog and the literature: @shareable, and alike in both, so that they compose.

@ObjectType({
  simpleResolvers: true,
  description: 'Count, minimum, maximum, mean and sum of a number over a whole list; null values skipped.',
})
@Directive('@shareable')
export class Stats {
  @Field(() => Int, { description: 'how many items have a value' })
  count: number;

  @Field(() => Float, { nullable: true })
  min: number | null;

  @Field(() => Float, { nullable: true })
  max: number | null;

  @Field(() => Float, { nullable: true })
  avg: number | null;

  @Field(() => Float, { nullable: true })
  sum: number | null;
}
