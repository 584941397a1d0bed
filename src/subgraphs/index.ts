import { SubgraphName } from '../common/config';
import { catalogModule } from './catalog';
import { literatureModule } from './literature';
import { risksModule } from './risks';
import type { SubgraphModule } from './subgraph-module';

export type { SubgraphModule } from './subgraph-module';

/** The subgraphs of lam-atlas, by name. */
export const SUBGRAPH_MODULES: Record<SubgraphName, SubgraphModule> = {
  catalog: catalogModule,
  risks: risksModule,
  literature: literatureModule,
};
