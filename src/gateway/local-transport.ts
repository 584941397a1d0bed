import type { Transport } from '@graphql-mesh/transport-common';
import type { ExecutionRequest, ExecutionResult } from '@graphql-tools/utils';
import { DocumentNode, execute, FieldNode, FragmentDefinitionNode, GraphQLError, GraphQLSchema, Kind, OperationDefinitionNode, print, SelectionSetNode } from 'graphql';
import { compileQuery, CompiledQuery, isCompiledQuery } from 'graphql-jit';

export interface LocalSubgraph {
  schema: GraphQLSchema;
  /** a fresh context (and so fresh DataLoaders) for each subgraph request */
  createContext(): object;
}

/** Distinct subgraph documents kept compiled per subgraph; the gateway's plans produce far fewer. */
const COMPILED_LIMIT = 500;

/**
 * Subgraph documents compiled once (graphql-jit) and kept by their text: the gateway builds a new
 * document object for every request, but the same few texts recur. A document the compiler refuses
 * runs on graphql-js, so its errors read exactly as a subgraph service's would.
 */
function compiledQueries(schema: GraphQLSchema) {
  const byText = new Map<string, CompiledQuery | null>();
  return (request: ExecutionRequest): CompiledQuery | null => {
    const key = `${request.operationName ?? ''}\n${print(request.document)}`;
    let compiled = byText.get(key);
    if (compiled === undefined) {
      const result = compileQuery(schema, request.document, request.operationName ?? undefined);
      compiled = isCompiledQuery(result) ? result : null;
      // oldest first out: Map keeps insertion order
      if (byText.size >= COMPILED_LIMIT) byText.delete(byText.keys().next().value as string);
      byText.set(key, compiled);
    }
    return compiled;
  };
}

/** The field nodes a response path points at, as graphql-js attaches them to a field's error. */
function fieldNodesAt(document: DocumentNode, operationName: string | undefined, path: readonly (string | number)[]): FieldNode[] | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    else if (d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName)) operation ??= d;
  }
  const fieldsNamed = (set: SelectionSetNode, key: string, out: FieldNode[]): FieldNode[] => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD && (sel.alias ?? sel.name).value === key) out.push(sel);
      else if (sel.kind === Kind.INLINE_FRAGMENT) fieldsNamed(sel.selectionSet, key, out);
      else if (sel.kind === Kind.FRAGMENT_SPREAD && fragments.has(sel.name.value)) fieldsNamed(fragments.get(sel.name.value)!.selectionSet, key, out);
    }
    return out;
  };
  let sets: SelectionSetNode[] = operation ? [operation.selectionSet] : [];
  let nodes: FieldNode[] = [];
  for (const key of path) {
    if (typeof key === 'number') continue;
    nodes = sets.flatMap((set) => fieldsNamed(set, key, []));
    sets = nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
  }
  return nodes.length ? nodes : undefined;
}

/**
 * graphql-jit reports errors with a GraphQLError class of its own (a subclass) without the field nodes;
 * the gateway keeps the nodes of a subgraph error, so they are rebuilt as graphql-js reports them.
 */
function asGraphqlJs(result: ExecutionResult, request: ExecutionRequest): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((e): GraphQLError =>
    Object.getPrototypeOf(e) === GraphQLError.prototype
      ? e
      : new GraphQLError(e.message, {
          nodes: e.path && fieldNodesAt(request.document, request.operationName ?? undefined, e.path),
          path: e.path,
          originalError: e.originalError ?? undefined,
          extensions: e.extensions,
        }),
  );
  return { ...result, errors };
}

/**
 * Runs subgraph requests in this process, against the subgraph schemas themselves: the query plan and
 * the _entities calls are exactly those a remote deployment makes, without the HTTP hop.
 */
export function localTransport(subgraphs: Record<string, LocalSubgraph>): Transport {
  return {
    getSubgraphExecutor({ subgraphName }) {
      const subgraph = subgraphs[subgraphName];
      if (!subgraph) throw new Error(`no local subgraph named "${subgraphName}"`);
      const compiledFor = compiledQueries(subgraph.schema);
      // always a promise: graphql-js answers synchronously when no resolver awaits, and the
      // runtime's upstream timeout only clears its timer when the executor returns a promise
      return async (request: ExecutionRequest) => {
        const compiled = compiledFor(request);
        if (compiled) return asGraphqlJs((await compiled.query(undefined, subgraph.createContext(), request.variables)) as ExecutionResult, request);
        return (await execute({
          schema: subgraph.schema,
          document: request.document,
          variableValues: request.variables,
          operationName: request.operationName,
          contextValue: subgraph.createContext(),
        })) as ExecutionResult;
      };
    },
  };
}
