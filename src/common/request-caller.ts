import type { IncomingMessage } from 'http';
import type { Identity } from './identity';

/** Who a request is from, as the HTTP server authenticated it from its API key. */
export type Caller = Pick<Identity, 'sub' | 'role'>;

const callers = new WeakMap<IncomingMessage, Caller>();

/** Set by the HTTP server once the request's key is checked, before the gateway runs it. */
export function setRequestCaller(req: IncomingMessage, caller: Caller): void {
  callers.set(req, caller);
}

/** The authenticated caller of a Node request; undefined when nobody vouched for one. */
export function requestCaller(req: unknown): Caller | undefined {
  return req && typeof req === 'object' ? callers.get(req as IncomingMessage) : undefined;
}
