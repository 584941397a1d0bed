import { EntityManager } from 'typeorm';
import { SubgraphName } from '../shared/config';
import { EntityList } from '../shared/database';
import { CATALOG_ENTITIES, seedCatalog } from '../subgraphs/catalog';
import type { SurveyData } from './schema';

export interface StoreDefinition {
  entities: EntityList;
  seed(manager: EntityManager, data: SurveyData): Promise<void>;
}

/** Each subgraph's own store: its tables and how data/ fills them. */
export const STORES: Partial<Record<SubgraphName, StoreDefinition>> = {
  catalog: { entities: CATALOG_ENTITIES, seed: seedCatalog },
};
