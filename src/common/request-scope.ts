import { AsyncLocalStorage } from 'async_hooks';

/**
 * The signal of the request whose work is running: aborted when the request's deadline passes or its
 * client goes away, with the request's error as the reason. Work deep below the resolvers (a read on a
 * worker thread) reads it here rather than from every resolver's arguments.
 */
const scope = new AsyncLocalStorage<AbortSignal>();

export function runInRequestScope<T>(signal: AbortSignal, work: () => T): T {
  return scope.run(signal, work);
}

export function currentRequestSignal(): AbortSignal | undefined {
  return scope.getStore();
}
