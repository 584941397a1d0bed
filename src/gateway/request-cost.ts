/**
 * How the HTTP server learns an operation's cost: it registers a listener on the Node request object,
 * which the gateway runtime hands on as `context.req`, and the cost limit reports the cost it computed
 * for that request (requests made in process, without an HTTP server, have no listener).
 */
const listeners = new WeakMap<object, (cost: number) => void>();

/** Calls `listener` with the cost of each operation `req` runs, once computed and admitted. */
export function onRequestCost(req: object, listener: (cost: number) => void): void {
  listeners.set(req, listener);
}

/** Tells the request whose gateway context this is what its operation costs. */
export function reportRequestCost(context: unknown, cost: number): void {
  const req = context && typeof context === 'object' ? (context as { req?: unknown }).req : undefined;
  if (req && typeof req === 'object') listeners.get(req)?.(cost);
}
