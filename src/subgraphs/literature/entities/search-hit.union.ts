import { createUnionType } from 'type-graphql';
import { Citation } from './citation.entity';
import { NODE_STUBS, SectorStub } from './node-stubs';

export const SearchHit = createUnionType({
  name: 'SearchHit',
  types: () => [NODE_STUBS.Model, NODE_STUBS.Dataset, NODE_STUBS.Task, NODE_STUBS.Metric, NODE_STUBS.Risk, SectorStub, Citation] as const,
  resolveType: (value) => (value as { __typename?: string }).__typename ?? 'Citation',
});
