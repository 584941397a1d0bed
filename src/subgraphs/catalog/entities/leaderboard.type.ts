import { Directive, Field, ObjectType } from 'type-graphql';
import { CATALOG_LIST_SIZES } from '../list-sizes';
import { LeaderboardEntry } from './leaderboard-entry.type';

/** Computed, not stored: the results of one (task, metric, dataset), ranked (see leaderboard-ranking.ts). */
@ObjectType({
  simpleResolvers: true,
  description:
    "The results of one task on one metric and dataset, best first by the metric's direction (higherIsBetter).",
})
export class Leaderboard {
  taskId: string;

  metricId: string;

  /** null for the board of the results that name no dataset */
  datasetId: string | null;

  @Directive(CATALOG_LIST_SIZES.leaderboardEntries)
  @Field(() => [LeaderboardEntry], {
    description: 'best first; a bound (">86%") never ranks above an exact value it is not shown to beat',
  })
  entries: LeaderboardEntry[];
}
