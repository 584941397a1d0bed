import { graphql } from 'graphql';
import { openStore } from '../../src/app/stores';
import { SUBGRAPH_MODULES } from '../../src/subgraphs';
import { Config, SubgraphName } from '../../src/common/config';
import { Store } from '../../src/common/database';
import { Subgraph } from '../../src/common/federation';
import { GraphQLResponse } from './app';

export interface DirectSubgraph {
  subgraph: Subgraph;
  store: Store;
  run<T = any>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T> & { sql: number }>;
  close(): Promise<void>;
}

/** A subgraph schema executed directly with graphql-js: no gateway, no HTTP. */
export async function directSubgraph(config: Config, name: SubgraphName): Promise<DirectSubgraph> {
  const subgraph = await SUBGRAPH_MODULES[name].build();
  const store = await openStore(config, name);
  return {
    subgraph,
    store,
    run: async (query, variables) => {
      const before = store.counter.count;
      const res = await graphql({
        schema: subgraph.schema,
        source: query,
        variableValues: variables,
        contextValue: SUBGRAPH_MODULES[name].createContext(store.dataSource),
      });
      return { ...(JSON.parse(JSON.stringify(res)) as GraphQLResponse), sql: store.counter.count - before };
    },
    close: () => store.dataSource.destroy(),
  };
}

export const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { __typename ...F } }`;
export const gid = (type: string, key: string | number) => Buffer.from(`${type}:${key}`).toString('base64');
