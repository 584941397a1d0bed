import { Config, SUBGRAPH_NAMES, SubgraphName } from '../common/config';
import { closeStore, Store } from '../common/database';
import { Composition } from '../gateway/compose';
import { createGateway, Gateway } from '../gateway/gateway';
import { localTransport } from '../gateway/local-transport';
import { HealthCheck } from './http-server';
import { AppOptions, gatewayOptions } from './gateway-setup';
import { openCuration } from './curation-sync';
import { openStores } from './stores';
import { buildSubgraphs, composeBuiltIn, localSubgraph } from './subgraphs';

export interface InProcessApp {
  gateway: Gateway;
  composition: Composition;
  stores: Record<SubgraphName, Store>;
  health: HealthCheck;
  close(): Promise<void>;
}

/** The `npm start` shape: every subgraph and the gateway in one process, over the built stores. */
export async function createInProcessApp(config: Config, options: AppOptions = {}): Promise<InProcessApp> {
  const subgraphs = await buildSubgraphs();
  const composition = composeBuiltIn(config, subgraphs);
  // read before the stores open: a bad manifest stops startup without anything to close
  const settings = gatewayOptions(config, options);
  const opened = await openStores(config);
  const stores = Object.fromEntries(SUBGRAPH_NAMES.map((n, i) => [n, opened[i]])) as Record<
    SubgraphName,
    Store
  >;
  let curation: Awaited<ReturnType<typeof openCuration>>;
  try {
    curation = await openCuration(config, opened, () => openStores(config));
  } catch (err) {
    await Promise.all(opened.map(closeStore));
    throw err;
  }
  const local = Object.fromEntries(
    SUBGRAPH_NAMES.map((n) => [n, localSubgraph(n, subgraphs[n], stores[n], curation.curation)]),
  );
  const fused =
    config.execution === 'fused' ? { apiSchema: composition.apiSchema, subgraphs: local } : undefined;
  const gateway = createGateway({
    ...settings,
    supergraph: composition.supergraph,
    transport: localTransport(local),
    fused,
  });
  const health: HealthCheck = async () =>
    Object.fromEntries(
      await Promise.all(
        SUBGRAPH_NAMES.map(
          async (n) =>
            [
              n,
              await stores[n].dataSource.query('SELECT 1 AS ok').then(
                () => true,
                () => false,
              ),
            ] as const,
        ),
      ),
    );
  return {
    gateway,
    composition,
    stores,
    health,
    close: async () => {
      await gateway.dispose();
      await curation.close();
      await Promise.all(opened.map(closeStore));
    },
  };
}
