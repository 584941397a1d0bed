import { DataSource, EntityManager } from 'typeorm';
import type { SurveyData } from '../data/schema';
import { EntityList, ExpressionIndex } from '../common/database';
import { Subgraph } from '../common/federation';
import type { Curation } from '../common/curation/curation';
import type { Identity } from '../common/identity';

/**
 * Everything the application needs of one subgraph, and all it may use: its schema, its per-request
 * context and its store. Each subgraph's index.ts exports one; nothing outside a subgraph's folder
 * imports the files inside it.
 */
export interface SubgraphModule {
  /** builds the executable subgraph schema and its SDL: no database, no network */
  build(): Promise<Subgraph>;
  /** the per-request context (its DataLoaders) over the subgraph's store; see subgraphContext */
  createContext(dataSource: DataSource): object;
  /** the store's entities */
  entities: EntityList;
  /** PostgreSQL migrations; SQLite stores are built from the entities */
  migrations: EntityList;
  /** fills an empty store from data/ */
  seed(manager: EntityManager, data: SurveyData): Promise<void>;
  /** indexes a SQLite store is built with besides the entities' own */
  indexes: readonly ExpressionIndex[];
  /**
   * Columns and indexes its hand-written PostgreSQL migrations add that the entities cannot declare (a
   * tsvector column, a GIN index): the check that the migrations match the entities leaves them alone.
   */
  postgresOnly?: readonly string[];
}

/**
 * A subgraph request's context as every deployment shape builds it: the module's own, the caller's
 * identity (`identity`), which the gateway vouches for, and the curation journal writes go to.
 */
export function subgraphContext(
  module: SubgraphModule,
  dataSource: DataSource,
  identity: Identity,
  curation: Curation | null = null,
): object & { identity: Identity; curation: Curation | null } {
  return Object.assign(module.createContext(dataSource), { identity, curation });
}
