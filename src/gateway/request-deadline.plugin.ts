import type { ExecutionResult } from '@graphql-tools/utils';
import { ExecutionArgs, GraphQLError } from 'graphql';
import { setMaxListeners } from 'events';
import { runInRequestScope } from '../common/request-scope';

type Execute = (args: ExecutionArgs) => Promise<ExecutionResult> | ExecutionResult;

/**
 * Past its deadline (or once its client has gone), a request starts no more resolvers or subgraph
 * requests. The time is read where work starts, not left to a timer alone: a read on the event loop
 * (a bounded lookup) holds it until it ends.
 */
export class Deadline {
  private reason: 'timeout' | 'disconnected' | null = null;
  private readonly end: number;

  constructor(private readonly ms: number) {
    this.end = performance.now() + ms;
  }

  /** Ends the request: what has not started yet does not start. */
  expire(reason: 'timeout' | 'disconnected'): void {
    this.reason ??= reason;
  }

  get expired(): boolean {
    if (this.reason === null && performance.now() > this.end) this.reason = 'timeout';
    return this.reason !== null;
  }

  /** Throws the request's REQUEST_TIMEOUT error once the deadline has passed. */
  check(): void {
    if (this.expired) throw this.error();
  }

  error(): GraphQLError {
    return new GraphQLError(
      this.reason === 'disconnected'
        ? 'The client went away; the request was stopped.'
        : `The request took longer than ${this.ms} ms (REQUEST_TIMEOUT_MS) and was stopped.`,
      { extensions: { code: 'REQUEST_TIMEOUT' } },
    );
  }
}

// the gateway's context object of a request, which every way of running it hands on
const deadlines = new WeakMap<object, Deadline>();

/** The deadline of the request whose gateway context this is, if it has one. */
export function deadlineOf(context: unknown): Deadline | undefined {
  return context && typeof context === 'object' ? deadlines.get(context) : undefined;
}

/**
 * A deadline per request (REQUEST_TIMEOUT_MS): when it passes, or the client disconnects, the answer is
 * a REQUEST_TIMEOUT error at once, and the rest of the work stops where it checks the deadline: fused
 * resolvers and subgraph requests do not start, and its reads on the read threads leave their queue
 * or their thread (src/common/sql-reads).
 */
export function useRequestDeadline(ms: number) {
  return {
    // subgraph requests over HTTP: none starts past the deadline
    onFetch({
      context,
      setFetchFn,
    }: {
      context: unknown;
      setFetchFn: (fn: () => Promise<Response>) => void;
    }) {
      const deadline = deadlineOf(context);
      if (deadline?.expired) setFetchFn(() => Promise.reject(deadline.error()));
    },
    onExecute({
      args,
      executeFn,
      setExecuteFn,
    }: {
      args: ExecutionArgs;
      executeFn: Execute;
      setExecuteFn: (fn: Execute) => void;
    }) {
      const context = args.contextValue;
      if (!context || typeof context !== 'object') return;
      const deadline = new Deadline(ms);
      deadlines.set(context, deadline);
      const signal = (context as { request?: Request }).request?.signal;
      setExecuteFn(async (execArgs) => {
        let timer: NodeJS.Timeout | undefined;
        // aborted with the request: what runs below the resolvers (reads on worker threads) stops too
        const scope = new AbortController();
        // one listener per read in flight, each removed when its read ends
        setMaxListeners(0, scope.signal);
        const stopped = new Promise<ExecutionResult>((resolve) => {
          const stop = (reason: 'timeout' | 'disconnected') => {
            deadline.expire(reason);
            scope.abort(deadline.error());
            resolve({ errors: [deadline.error()] });
          };
          timer = setTimeout(() => stop('timeout'), ms);
          signal?.addEventListener('abort', () => stop('disconnected'), { once: true });
        });
        try {
          const running = runInRequestScope(scope.signal, () => Promise.resolve(executeFn(execArgs)));
          const result = await Promise.race([running, stopped]);
          // a request that ran past its deadline answers the timeout alone, not a partial result
          return deadline.expired ? { errors: [deadline.error()] } : result;
        } finally {
          clearTimeout(timer);
        }
      });
    },
  };
}
