import { EntityManager } from 'typeorm';
import type { SurveyData } from '../data/schema';
import { SubgraphName } from '../shared/config';
import { EntityList } from '../shared/database';
import { Subgraph } from '../shared/federation';
import { buildCatalogSubgraph, CATALOG_ENTITIES, createCatalogContext, seedCatalog } from '../subgraphs/catalog';
import { buildLiteratureSubgraph, createLiteratureContext, LITERATURE_ENTITIES, seedLiterature } from '../subgraphs/literature';
import { buildRisksSubgraph, createRisksContext, RISKS_ENTITIES, seedRisks } from '../subgraphs/risks';
import { DataSource } from 'typeorm';

/** What the application needs of each subgraph: its schema, its per-request context and its store. */
export interface SubgraphModule {
  build(): Promise<Subgraph>;
  createContext(dataSource: DataSource): object;
  entities: EntityList;
  seed(manager: EntityManager, data: SurveyData): Promise<void>;
}

export const SUBGRAPH_MODULES: Record<SubgraphName, SubgraphModule> = {
  catalog: { build: buildCatalogSubgraph, createContext: createCatalogContext, entities: CATALOG_ENTITIES, seed: seedCatalog },
  risks: { build: buildRisksSubgraph, createContext: createRisksContext, entities: RISKS_ENTITIES, seed: seedRisks },
  literature: { build: buildLiteratureSubgraph, createContext: createLiteratureContext, entities: LITERATURE_ENTITIES, seed: seedLiterature },
};
