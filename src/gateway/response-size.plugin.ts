import type { ExecutionResult } from '@graphql-tools/utils';
import { GraphQLError } from 'graphql';

/**
 * Whether `value` written as JSON would take more than `max` bytes, walked without writing it and
 * stopped as soon as it would. Strings count their UTF-16 length plus quotes, which is at most their
 * UTF-8 length for the text the graph holds and close enough for a bound.
 */
export function jsonExceeds(value: unknown, max: number): boolean {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') total += v.length + 2;
    else if (typeof v === 'number' || typeof v === 'boolean') total += String(v).length;
    else if (v === null || v === undefined) total += 4;
    else if (Array.isArray(v)) {
      // brackets and commas
      total += 1 + Math.max(1, v.length);
      for (const item of v) stack.push(item);
    } else if (typeof v === 'object') {
      // keys read in place: an array of entries per object made this walk of a large answer twice as slow
      let keys = 0;
      for (const key in v) {
        if (!Object.prototype.hasOwnProperty.call(v, key)) continue;
        keys++;
        total += key.length + 3;
        stack.push((v as Record<string, unknown>)[key]);
      }
      total += 1 + Math.max(1, keys);
    }
    if (total > max) return true;
  }
  return false;
}

export function responseTooLargeError(max: number): GraphQLError {
  return new GraphQLError(
    `The response would be larger than ${max} bytes (MAX_RESPONSE_BYTES) and was not sent; ask for smaller pages ("first") or fewer fields`,
    { extensions: { code: 'RESPONSE_TOO_LARGE' } },
  );
}

type Result = ExecutionResult<unknown, Record<string, unknown>>;

/**
 * An answer whose data would be larger than `maxBytes` is replaced by a RESPONSE_TOO_LARGE error (its
 * extensions, the cost among them, are kept): one request's answer cannot take the process's memory
 * or the client's.
 */
export function useResponseSizeLimit(maxBytes: number) {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }: { result: unknown; setResult: (r: Result) => void }) {
          // a stream (subscriptions, incremental delivery) has no one result to measure
          if (!result || typeof result !== 'object' || Symbol.asyncIterator in result) return;
          const { data, extensions } = result as Result;
          if (data !== undefined && data !== null && jsonExceeds(data, maxBytes))
            setResult({ errors: [responseTooLargeError(maxBytes)], ...(extensions ? { extensions } : {}) });
        },
      };
    },
  };
}
