import { Field, Float, ObjectType } from 'type-graphql';
import { Bound } from './enums';

@ObjectType({ simpleResolvers: true })
export class Quantity {
  @Field(() => Float, { nullable: true, description: 'null when the paper reports no number' })
  value: number | null;

  @Field({ description: 'as printed in the paper, e.g. >636M, 8.64 M, N/R' })
  display: string;

  @Field(() => Bound)
  bound: Bound;
}
