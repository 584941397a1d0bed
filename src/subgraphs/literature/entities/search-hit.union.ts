import { createUnionType } from 'type-graphql';
import { Citation } from './citation.entity';
import { NODE_STUBS, SectorStub } from './stubs';

/** The GraphQL type of a search hit: a stub's __typename; citations are entities of their own. */
export const searchHitTypeName = (value: unknown): string =>
  (value as { __typename?: string }).__typename ?? 'Citation';

export const SearchHit = createUnionType({
  name: 'SearchHit',
  types: () =>
    [
      NODE_STUBS.Model,
      NODE_STUBS.Dataset,
      NODE_STUBS.Task,
      NODE_STUBS.Metric,
      NODE_STUBS.Risk,
      SectorStub,
      Citation,
    ] as const,
  resolveType: searchHitTypeName,
});
