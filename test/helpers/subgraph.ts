import { graphql } from 'graphql';
import { openStore } from '../../src/app/stores';
import { SUBGRAPH_MODULES } from '../../src/subgraphs';
import { Config, SubgraphName } from '../../src/common/config';
import { closeStore, Store } from '../../src/common/database';
import { Subgraph } from '../../src/common/federation';
import { seededConfig } from './app';
import { GraphQLResponse, parseJson } from './graphql';

export interface DirectSubgraph {
  subgraph: Subgraph;
  store: Store;
  run<T = unknown>(query: string, variables?: Record<string, unknown>): Promise<DirectAnswer<T>>;
  close(): Promise<void>;
}

/** The answer of a subgraph executed directly, and the SQL statements it cost. */
export type DirectAnswer<T> = GraphQLResponse<T> & { sql: number };

/**
 * Executes `query` on a subgraph schema with graphql-js and a fresh context over `store`; the
 * answer goes through JSON as it would over HTTP.
 */
export async function executeDirect<T>(
  subgraph: Subgraph,
  store: Store,
  context: object,
  query: string,
  variables?: Record<string, unknown>,
): Promise<DirectAnswer<T>> {
  const before = store.counter.count;
  const res = await graphql({
    schema: subgraph.schema,
    source: query,
    variableValues: variables,
    contextValue: context,
  });
  return { ...parseJson<GraphQLResponse<T>>(JSON.stringify(res)), sql: store.counter.count - before };
}

/** A subgraph schema executed directly with graphql-js: no gateway, no HTTP. */
export async function directSubgraph(config: Config, name: SubgraphName): Promise<DirectSubgraph> {
  const subgraph = await SUBGRAPH_MODULES[name].build();
  const store = await openStore(config, name);
  return {
    subgraph,
    store,
    run: <T>(query: string, variables?: Record<string, unknown>) =>
      executeDirect<T>(
        subgraph,
        store,
        SUBGRAPH_MODULES[name].createContext(store.dataSource),
        query,
        variables,
      ),
    close: () => closeStore(store),
  };
}

export const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { __typename ...F } }`;
export const gid = (type: string, key: string | number) => Buffer.from(`${type}:${key}`).toString('base64');

export interface SeededSubgraph {
  /** runs an operation on the subgraph; `sql` is the statements it cost */
  run: <T = unknown>(query: string, variables?: Record<string, unknown>) => Promise<DirectAnswer<T>>;
  /** resolves `reps` through `_entities`, selecting `selection` on each (inline fragments by type) */
  entities: <T = unknown>(selection: string, reps: object[]) => Promise<DirectAnswer<T>>;
}

/** A subgraph over stores seeded from data/, opened for the enclosing describe block (closed after it). */
export function seededSubgraph(name: SubgraphName): SeededSubgraph {
  let direct: DirectSubgraph | undefined;
  beforeAll(async () => {
    direct = await directSubgraph(await seededConfig(), name);
  });
  afterAll(() => direct?.close());
  const opened = () => {
    if (!direct) throw new Error(`the ${name} subgraph is not open: call seededSubgraph inside describe`);
    return direct;
  };
  return {
    run: (query, variables) => opened().run(query, variables),
    entities: (selection, reps) => opened().run(ENTITIES.replace('...F', selection), { reps }),
  };
}
