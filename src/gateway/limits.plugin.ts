import type { ExecutionResult } from '@graphql-tools/utils';
import { ExecutionArgs, getOperationAST, getVariableValues, GraphQLError, parse } from 'graphql';
import {
  costLimitError,
  costModel,
  CostDirectives,
  limitError,
  NO_COST_DIRECTIVES,
  OperationLimits,
  operationCost,
  shapeLimitsRule,
} from './limits';
import { reportRequestCost } from './request-cost';

/** What every response of an executed operation carries, refused or not: `extensions.cost`. */
export interface CostExtension {
  /** the operation's cost for this request's variables */
  requested: number;
  limit: number;
}

type Result = ExecutionResult<unknown, Record<string, unknown>>;

const withCost = (result: Result, cost: CostExtension): Result => ({
  ...result,
  extensions: { ...result.extensions, cost },
});

/**
 * Enforces the operation limits: the shape of a document (depth, aliases, root fields, directives) while
 * it is parsed and validated, its cost for each request just before it runs, with that request's
 * variables, so an abusive operation is rejected before any subgraph is called.
 */
export function useOperationLimits(limits: OperationLimits, directives: CostDirectives = NO_COST_DIRECTIVES) {
  const model = costModel(limits, directives);
  return {
    onParse({ setParseFn }: { setParseFn: (fn: typeof parse) => void }) {
      setParseFn((source, options) => {
        try {
          return parse(source, { ...options, maxTokens: limits.maxTokens });
        } catch (err) {
          if (err instanceof GraphQLError && /more th\w+ \d+ tokens/.test(err.message)) {
            throw limitError(
              'MAX_TOKENS_EXCEEDED',
              `operation has more than ${limits.maxTokens} tokens, the limit`,
            );
          }
          throw err;
        }
      });
    },
    // validation results are cached per document text: nothing here may depend on a request's variables
    onValidate({ addValidationRule }: { addValidationRule: (rule: unknown) => void }) {
      addValidationRule(shapeLimitsRule(limits));
    },
    onExecute({
      args,
      setResultAndStopExecution,
    }: {
      args: ExecutionArgs;
      setResultAndStopExecution: (result: Result) => void;
    }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation) return undefined;
      // variables that do not coerce are the executor's to report, as they always were
      const coerced = getVariableValues(
        args.schema,
        operation.variableDefinitions ?? [],
        (args.variableValues as Record<string, unknown> | null | undefined) ?? {},
        { maxErrors: 1 },
      );
      if (coerced.errors) return undefined;
      const { cost: requested, pageSizeError } = operationCost(
        args.schema,
        args.document,
        operation,
        coerced.coerced,
        model,
      );
      const cost: CostExtension = { requested, limit: limits.maxCost };
      if (requested > limits.maxCost) {
        // a page larger than any subgraph serves is the first thing to fix, and what the subgraph would say
        setResultAndStopExecution({
          errors: [pageSizeError ?? costLimitError(requested, limits.maxCost)],
          extensions: { cost },
        });
        return undefined;
      }
      // an operation refused by cost ran nothing, and the rate limit charges it nothing
      reportRequestCost(args.contextValue, requested);
      return {
        onExecuteDone({ result, setResult }: { result: unknown; setResult: (r: Result) => void }) {
          // a stream (subscriptions, incremental delivery) has no one result to carry it
          if (result && typeof result === 'object' && !(Symbol.asyncIterator in result))
            setResult(withCost(result, cost));
        },
      };
    },
  };
}
