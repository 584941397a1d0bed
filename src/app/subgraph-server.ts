import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { GraphQLError } from 'graphql';
import { Config, SubgraphName } from '../common/config';
import { anonymousReader, IDENTITY_HEADER, verifyIdentity } from '../common/identity';
import { DEFAULT_LIMITS, shapeLimitsRule } from '../gateway/limits';
import { closeStore, Store } from '../common/database';
import { SUBGRAPH_MODULES } from '../subgraphs';
import { subgraphContext } from '../subgraphs/subgraph-module';
import { CurationHandle, openCuration } from './curation-sync';
import { openStore } from './stores';

export interface RunningSubgraph {
  url: string;
  store: Store;
  stop(): Promise<void>;
}

/**
 * The shape limits of a subgraph service: room for what the gateway's plans add to a client's operation
 * (an `_entities` level and its fragment), nothing like the 500⁴ nesting a direct request could send.
 */
const SUBGRAPH_LIMITS = {
  ...DEFAULT_LIMITS,
  maxDepth: DEFAULT_LIMITS.maxDepth + 4,
  maxAliases: DEFAULT_LIMITS.maxAliases * 4,
  maxRootFields: DEFAULT_LIMITS.maxRootFields * 4,
};
/** At most this many entities per request: what the gateway's cost limit lets one operation ask for. */
export const MAX_REPRESENTATIONS = DEFAULT_LIMITS.maxCost;

const refused = (message: string, code: string, status: number) =>
  new GraphQLError(message, { extensions: { code, http: { status } } });

/**
 * One subgraph as its own HTTP service (Apollo Server), over its own store. It answers the gateway only:
 * with SUBGRAPH_SECRET, a request must carry the gateway's signed identity; without one it refuses to
 * listen anywhere but loopback, unless SUBGRAPH_ALLOW_UNSIGNED says otherwise.
 */
export async function startSubgraphServer(
  config: Config,
  name: SubgraphName,
  port: number,
): Promise<RunningSubgraph> {
  const secret = config.subgraphSecret;
  if (!secret && !config.allowUnsignedSubgraphRequests)
    throw new Error(
      `the ${name} subgraph would listen on ${config.host} and answer anyone: set SUBGRAPH_SECRET (the same for the gateway), or SUBGRAPH_ALLOW_UNSIGNED=true on a private network`,
    );
  const module = SUBGRAPH_MODULES[name];
  const subgraph = await module.build();
  const store = await openStore(config, name);
  let curation: CurationHandle;
  try {
    curation = await openCuration(config, [store], async () => [await openStore(config, name)], {
      watch: true,
    });
  } catch (err) {
    await closeStore(store);
    throw err;
  }
  // inline traces serve Apollo's usage reporting, which this gateway does not use
  const server = new ApolloServer<object>({
    schema: subgraph.schema,
    introspection: config.introspection,
    validationRules: [shapeLimitsRule(SUBGRAPH_LIMITS)],
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      {
        requestDidStart: () =>
          Promise.resolve({
            didResolveOperation: ({ request }) => {
              const reps = (request.variables as { representations?: unknown } | undefined)?.representations;
              if (Array.isArray(reps) && reps.length > MAX_REPRESENTATIONS)
                throw refused(
                  `at most ${MAX_REPRESENTATIONS} representations per request, got ${reps.length}`,
                  'BAD_USER_INPUT',
                  400,
                );
              return Promise.resolve();
            },
          }),
      },
    ],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port, host: config.host },
    context: ({ req }) => {
      // unsigned requests (allowed on a private network) come from no one the gateway vouches for
      let identity = anonymousReader();
      if (secret) {
        const header = req.headers[IDENTITY_HEADER];
        const verified = verifyIdentity(typeof header === 'string' ? header : undefined, secret);
        if (!verified)
          throw refused(
            'this subgraph answers the lam-atlas gateway only: send requests to the gateway',
            'UNAUTHENTICATED',
            401,
          );
        identity = verified;
      }
      return Promise.resolve(subgraphContext(module, store.dataSource, identity, curation.curation));
    },
  });
  return {
    url,
    store,
    stop: async () => {
      await server.stop();
      await curation.close();
      await closeStore(store);
    },
  };
}
