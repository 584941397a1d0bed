import { deadlineOf } from './request-deadline.plugin';
import type { Transport } from '@graphql-mesh/transport-common';
import type { ExecutionRequest } from '@graphql-tools/utils';
import { GraphQLSchema } from 'graphql';
import type { Identity } from '../common/identity';
import { compiledExecutor } from './compiled-execution';
import { callerIdentity } from './subgraph-identity.plugin';

export interface LocalSubgraph {
  schema: GraphQLSchema;
  /** a fresh context (and so fresh DataLoaders) for each subgraph request, with the caller's identity */
  createContext(identity: Identity): object;
}

/**
 * Runs subgraph requests in this process, against the subgraph schemas themselves: the query plan and
 * the _entities calls are exactly those a remote deployment makes, without the HTTP hop.
 */
export function localTransport(subgraphs: Record<string, LocalSubgraph>): Transport {
  const execute = compiledExecutor();
  return {
    getSubgraphExecutor({ subgraphName }) {
      const subgraph = subgraphs[subgraphName];
      if (!subgraph) throw new Error(`no local subgraph named "${subgraphName}"`);
      // always a promise: the runtime's upstream timeout only clears its timer when the executor returns one
      return (request: ExecutionRequest) => {
        // past the request's deadline, no more subgraph work starts
        const deadline = deadlineOf(request.context);
        if (deadline?.expired) return Promise.resolve({ errors: [deadline.error()] });
        return execute({
          schema: subgraph.schema,
          document: request.document,
          variableValues: request.variables as Record<string, unknown> | undefined,
          operationName: request.operationName,
          contextValue: subgraph.createContext(callerIdentity(request.context)),
        });
      };
    },
  };
}
