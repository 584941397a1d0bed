import { SubgraphName } from '../common/config';
import { SUBGRAPH_MODULES, SubgraphModule } from '../app/subgraph-modules';

export type StoreDefinition = Pick<SubgraphModule, 'entities' | 'migrations' | 'seed' | 'sqliteIndexes'>;

/** Each subgraph's own store: its tables and how data/ fills them. */
export const STORES: Record<SubgraphName, StoreDefinition> = SUBGRAPH_MODULES;
