import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'One result on a leaderboard, with its rank.' })
export class LeaderboardEntry {
  @Field(() => Int, { description: '1 for the best; results with equal values share a rank' })
  rank: number;

  /** resolved through the result loader: one statement for every entry of every board */
  resultId: string;
}
