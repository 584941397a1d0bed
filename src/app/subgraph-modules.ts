import { DataSource, EntityManager } from 'typeorm';
import type { SurveyData } from '../data/schema';
import { SubgraphName } from '../common/config';
import { EntityList } from '../common/database';
import { Subgraph } from '../common/federation';
import { buildCatalogSubgraph, CATALOG_ENTITIES, createCatalogContext, seedCatalog } from '../subgraphs/catalog';
import { buildLiteratureSubgraph, createLiteratureContext, LITERATURE_ENTITIES, seedLiterature } from '../subgraphs/literature';
import { CatalogInitial1764300000000 } from '../subgraphs/catalog/migrations/initial.migration';
import { LiteratureInitial1764300000000 } from '../subgraphs/literature/migrations/initial.migration';
import { RisksInitial1764300000000 } from '../subgraphs/risks/migrations/initial.migration';
import { buildRisksSubgraph, createRisksContext, RISKS_ENTITIES, seedRisks } from '../subgraphs/risks';

/** What the application needs of each subgraph: its schema, its per-request context and its store. */
export interface SubgraphModule {
  build(): Promise<Subgraph>;
  createContext(dataSource: DataSource): object;
  entities: EntityList;
  /** PostgreSQL migrations; SQLite stores are built from the entities */
  migrations: EntityList;
  seed(manager: EntityManager, data: SurveyData): Promise<void>;
}

export const SUBGRAPH_MODULES: Record<SubgraphName, SubgraphModule> = {
  catalog: { build: buildCatalogSubgraph, createContext: createCatalogContext, entities: CATALOG_ENTITIES, migrations: [CatalogInitial1764300000000], seed: seedCatalog },
  risks: { build: buildRisksSubgraph, createContext: createRisksContext, entities: RISKS_ENTITIES, migrations: [RisksInitial1764300000000], seed: seedRisks },
  literature: { build: buildLiteratureSubgraph, createContext: createLiteratureContext, entities: LITERATURE_ENTITIES, migrations: [LiteratureInitial1764300000000], seed: seedLiterature },
};
