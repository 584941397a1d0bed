import { DataSource, EntityManager } from 'typeorm';
import type { SurveyData } from '../data/schema';
import { SubgraphName } from '../common/config';
import { EntityList, ExpressionIndex } from '../common/database';
import { Subgraph } from '../common/federation';
import {
  buildCatalogSubgraph,
  CATALOG_ENTITIES,
  createCatalogContext,
  seedCatalog,
} from '../subgraphs/catalog';
import {
  buildLiteratureSubgraph,
  createLiteratureContext,
  LITERATURE_ENTITIES,
  seedLiterature,
} from '../subgraphs/literature';
import { CatalogInitial1764300000000 } from '../subgraphs/catalog/migrations/initial.migration';
import { CatalogOrderIndexes1764400000000 } from '../subgraphs/catalog/migrations/order-indexes.migration';
import { MODEL_ORDER_INDEXES } from '../subgraphs/catalog/model-order';
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
  /** indexes a SQLite store is built with besides the entities' own */
  sqliteIndexes?: readonly ExpressionIndex[];
}

export const SUBGRAPH_MODULES: Record<SubgraphName, SubgraphModule> = {
  catalog: {
    build: buildCatalogSubgraph,
    createContext: createCatalogContext,
    entities: CATALOG_ENTITIES,
    migrations: [CatalogInitial1764300000000, CatalogOrderIndexes1764400000000],
    seed: seedCatalog,
    sqliteIndexes: MODEL_ORDER_INDEXES,
  },
  risks: {
    build: buildRisksSubgraph,
    createContext: createRisksContext,
    entities: RISKS_ENTITIES,
    migrations: [RisksInitial1764300000000],
    seed: seedRisks,
  },
  literature: {
    build: buildLiteratureSubgraph,
    createContext: createLiteratureContext,
    entities: LITERATURE_ENTITIES,
    migrations: [LiteratureInitial1764300000000],
    seed: seedLiterature,
  },
};
