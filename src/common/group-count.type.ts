import { Directive, Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'How many items of a list share one value.' })
@Directive('@shareable')
export class GroupCount {
  @Field(() => String, {
    nullable: true,
    description: "an enum value's name, a related entity's slug or the value itself; null for no value",
  })
  key: string | null;

  @Field(() => Int)
  count: number;
}
