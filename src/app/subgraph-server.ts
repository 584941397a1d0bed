import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Config, SubgraphName } from '../common/config';
import { Store } from '../common/database';
import { SUBGRAPH_MODULES } from '../subgraphs';
import { openStore } from './stores';

export interface RunningSubgraph {
  url: string;
  store: Store;
  stop(): Promise<void>;
}

/** One subgraph as its own HTTP service (Apollo Server), over its own store. */
export async function startSubgraphServer(
  config: Config,
  name: SubgraphName,
  port: number,
): Promise<RunningSubgraph> {
  const module = SUBGRAPH_MODULES[name];
  const subgraph = await module.build();
  const store = await openStore(config, name);
  // inline traces serve Apollo's usage reporting, which this gateway does not use
  const server = new ApolloServer<object>({
    schema: subgraph.schema,
    introspection: !config.production,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port, host: config.host },
    context: () => Promise.resolve(module.createContext(store.dataSource)),
  });
  return {
    url,
    store,
    stop: async () => {
      await server.stop();
      await store.dataSource.destroy();
    },
  };
}
