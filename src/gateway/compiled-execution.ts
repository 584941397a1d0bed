import {
  ByteBoundedCache,
  BYTES_PER_COMPILED_FIELD,
  BYTES_PER_DOCUMENT_CHAR,
  DOCUMENT_CACHE_BYTES,
} from './byte-bounded-cache';
import { expandedFieldCount } from './document-guards.plugin';
import type { ExecutionResult } from '@graphql-tools/utils';
import {
  OperationTypeNode,
  DocumentNode,
  execute,
  ExecutionArgs,
  FieldNode,
  FragmentDefinitionNode,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  GraphQLSchema,
  Kind,
  locatedError,
  OperationDefinitionNode,
  print,
  SelectionSetNode,
} from 'graphql';
import * as v8 from 'v8';
import { compileQuery, CompiledQuery, isCompiledQuery } from 'graphql-jit';
import { completeListsInSlices } from './list-slices';
import { takesRecursiveInput } from './recursive-inputs';

/** The extension @graphql-tools/executor reads as "this error voids the response", not just its field. */
const CRITICAL_ERROR = 'CRITICAL_ERROR';

type Execute = (args: ExecutionArgs) => Promise<ExecutionResult> | ExecutionResult;

/**
 * V8 keeps every script compiled from a string (`new Function`, which graphql-jit compiles each query
 * with) in its compilation cache, keyed on the source, so the code of every query ever compiled would
 * outlive the byte-bounded cache below: 5 MB for a document of 800 fields, 2,000 such documents 10 GB.
 * That cache only pays when the same source is compiled twice, which the cache below prevents.
 */
function keepNoCompiledScripts(): void {
  v8.setFlagsFromString('--no-compilation-cache');
}

/** The field nodes a response path points at, as graphql-js attaches them to a field's error. */
function fieldNodesAt(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  path: readonly (string | number)[],
): FieldNode[] | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const fieldsNamed = (set: SelectionSetNode, key: string, out: FieldNode[]): FieldNode[] => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD && (sel.alias ?? sel.name).value === key) out.push(sel);
      else if (sel.kind === Kind.INLINE_FRAGMENT) fieldsNamed(sel.selectionSet, key, out);
      else if (sel.kind === Kind.FRAGMENT_SPREAD && fragments.has(sel.name.value))
        fieldsNamed(fragments.get(sel.name.value)!.selectionSet, key, out);
    }
    return out;
  };
  let sets: SelectionSetNode[] = [operation.selectionSet];
  let nodes: FieldNode[] = [];
  for (const key of path) {
    if (typeof key === 'number') continue;
    nodes = sets.flatMap((set) => fieldsNamed(set, key, []));
    sets = nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
  }
  return nodes.length ? nodes : undefined;
}

/**
 * graphql-jit reports errors with a GraphQLError class of its own (a subclass), without field nodes and
 * wrapping errors that already carry a path; they are located again as graphql-js locates a resolver's
 * error, so messages, locations, extensions and masking stay the same. Errors come first, as graphql-js
 * orders a result.
 */
function asGraphqlJs(
  result: ExecutionResult,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((e): GraphQLError =>
    Object.getPrototypeOf(e) === GraphQLError.prototype
      ? e
      : e.originalError
        ? locatedError(
            e.originalError,
            (e.path && fieldNodesAt(document, operation, e.path)) ?? undefined,
            e.path,
          )
        : // the engine's own error (an argument that does not coerce): a client's, not an unexpected one
          new GraphQLError(e.message, {
            nodes: (e.path && fieldNodesAt(document, operation, e.path)) ?? undefined,
            path: e.path,
            extensions: e.extensions,
          }),
  );
  // errors first, as graphql-js orders a result
  const { data, errors: _replaced, ...rest } = result as ExecutionResult<unknown>;
  // the runtime's planning errors are critical: its own executor lets them null the whole response
  const critical = errors.some((e) => e.extensions?.[CRITICAL_ERROR]);
  return { errors, data: critical ? null : data, ...rest };
}

/**
 * Executes queries compiled once (graphql-jit) and kept by their text per schema: the same few texts
 * recur, while the gateway builds a new document object for every subgraph request. Whatever the
 * compiled path would word differently runs on `fallback` (graphql-js unless given), so answers and
 * errors stay as they were: documents the compiler refuses, subscriptions, variables that do not coerce.
 */
export function compiledExecutor(): (args: ExecutionArgs, fallback?: Execute) => Promise<ExecutionResult> {
  keepNoCompiledScripts();
  completeListsInSlices();
  const bySchema = new WeakMap<GraphQLSchema, ByteBoundedCache<CompiledQuery | null>>();
  // a client's document is the same object each time it is sent (the runtime caches parsing)
  const texts = new WeakMap<DocumentNode, string>();
  const textOf = (document: DocumentNode): string => {
    let text = texts.get(document);
    if (text === undefined) texts.set(document, (text = print(document)));
    return text;
  };
  const compiled = (args: ExecutionArgs): CompiledQuery | null => {
    let cache = bySchema.get(args.schema);
    if (!cache)
      bySchema.set(
        args.schema,
        (cache = new ByteBoundedCache(DOCUMENT_CACHE_BYTES, BYTES_PER_DOCUMENT_CHAR)),
      );
    const key = `${args.operationName ?? ''}\n${textOf(args.document)}`;
    let query = cache.get(key);
    if (query === undefined) {
      const operation = getOperationAST(args.document, args.operationName);
      const codeBytes = expandedFieldCount(args.document) * BYTES_PER_COMPILED_FIELD;
      // a variable of a recursive input type is coerced by graphql-js: see recursive-inputs.ts; code too
      // large to keep would be compiled again for every request, so such a document runs on graphql-js
      const result =
        !operation || takesRecursiveInput(args.schema, operation) || codeBytes > cache.maxBytes / 10
          ? null
          : compileQuery(args.schema, args.document, args.operationName ?? undefined);
      query = result && isCompiledQuery(result) ? result : null;
      // bounded by bytes, not entries: compiled code grows with the fields, whatever the text's length
      cache.set(key, query, key.length * BYTES_PER_DOCUMENT_CHAR + (query ? codeBytes : 0));
    }
    return query;
  };
  return async (args: ExecutionArgs, fallback: Execute = execute as Execute) => {
    const operation = getOperationAST(args.document, args.operationName);
    const query = operation && operation.operation !== OperationTypeNode.SUBSCRIPTION ? compiled(args) : null;
    const variables = args.variableValues ?? {};
    if (
      !operation ||
      !query ||
      getVariableValues(args.schema, operation.variableDefinitions ?? [], variables).errors
    ) {
      return fallback(args);
    }
    return asGraphqlJs(
      (await query.query(args.rootValue, args.contextValue, variables)) as ExecutionResult,
      args.document,
      operation,
    );
  };
}

/** Runs the gateway's own execution of client operations on compiled queries; the runtime's executor stays the fallback. */
export function useCompiledExecution() {
  const run = compiledExecutor();
  return {
    onExecute({ executeFn, setExecuteFn }: { executeFn: Execute; setExecuteFn: (fn: Execute) => void }) {
      setExecuteFn((args) => run(args, executeFn));
    },
  };
}
