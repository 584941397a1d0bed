import type { ExecutionResult } from '@graphql-tools/utils';
import { DocumentNode, ExecutionArgs, GraphQLError, Kind, SelectionSetNode } from 'graphql';
import { compiledExecutor } from './compiled-execution';
import { FusedSchema, subgraphOfError } from './fused-schema';
import { deadlineOf } from './request-deadline.plugin';
import { callerIdentity } from './subgraph-identity.plugin';

type Execute = (args: ExecutionArgs) => Promise<ExecutionResult> | ExecutionResult;

const INTROSPECTION = new Set(['__schema', '__type']);

function selectsIntrospection(set: SelectionSetNode | undefined): boolean {
  return !!set?.selections.some(
    (s) =>
      (s.kind === Kind.FIELD && INTROSPECTION.has(s.name.value)) ||
      ('selectionSet' in s && selectsIntrospection(s.selectionSet)),
  );
}

/**
 * A field's error as the planned executor reports it from a subgraph's answer: named by the subgraph
 * (`serviceName`) and without locations, so both ways of running give clients the same errors.
 */
function asSubgraphErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((e) => {
    const serviceName = subgraphOfError(e.originalError);
    return serviceName
      ? new GraphQLError(e.message, {
          path: e.path,
          originalError: e.originalError,
          extensions: { ...e.extensions, serviceName },
        })
      : e;
  });
  return { ...result, errors };
}

/**
 * Runs client operations on the fused schema (every subgraph in this process, no query plan, no
 * subgraph requests); introspection and whatever the compiler refuses run on the planned executor,
 * which stays the gateway's own for every other deployment shape.
 */
export function useFusedExecution(fused: FusedSchema) {
  const run = compiledExecutor();
  const introspective = new WeakMap<DocumentNode, boolean>();
  const readsSchema = (document: DocumentNode) => {
    let reads = introspective.get(document);
    if (reads === undefined)
      introspective.set(
        document,
        (reads = document.definitions.some(
          (d) => 'selectionSet' in d && selectsIntrospection(d.selectionSet),
        )),
      );
    return reads;
  };
  return {
    onExecute({ executeFn, setExecuteFn }: { executeFn: Execute; setExecuteFn: (fn: Execute) => void }) {
      setExecuteFn((args) =>
        readsSchema(args.document)
          ? executeFn(args)
          : run(
              {
                ...args,
                schema: fused.schema,
                contextValue: fused.request(deadlineOf(args.contextValue), callerIdentity(args.contextValue)),
              },
              () => executeFn(args),
            ).then(asSubgraphErrors),
      );
    },
  };
}
