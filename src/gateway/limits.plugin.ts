import { GraphQLError, parse } from 'graphql';
import { costLimitRule, limitError, OperationLimits, shapeLimitsRule } from './limits';

/**
 * Enforces the operation limits while parsing and validating, so an abusive operation is rejected
 * before any subgraph is called.
 */
export function useOperationLimits(limits: OperationLimits) {
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
    onValidate({
      addValidationRule,
      context,
    }: {
      addValidationRule: (rule: unknown) => void;
      context: { params?: { variables?: Record<string, unknown> } };
    }) {
      addValidationRule(shapeLimitsRule(limits));
      addValidationRule(costLimitRule(limits, () => context.params?.variables));
    },
  };
}
