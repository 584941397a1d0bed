import { anonymousReader, Identity, IDENTITY_HEADER, signIdentity } from '../common/identity';
import { requestCaller } from '../common/request-caller';

/**
 * The identity of the caller of a gateway request, which every subgraph resolver sees as
 * `context.identity` whichever way the operation runs (fused, planned, separate services): the holder
 * of the API key the HTTP server checked, or an anonymous reader. Nothing a client sends reaches it
 * unchecked.
 */
export function callerIdentity(gatewayContext?: unknown): Identity {
  const req =
    gatewayContext && typeof gatewayContext === 'object'
      ? (gatewayContext as { req?: unknown }).req
      : undefined;
  const caller = requestCaller(req);
  return caller ? { ...caller, iat: Date.now() } : anonymousReader();
}

/**
 * Signs every subgraph request the gateway sends with the shared secret, so that a subgraph service can
 * tell the gateway's requests from anyone else's (a bare header a client could set proves nothing).
 */
export function useSubgraphIdentity(secret: string) {
  return {
    onFetch({
      context,
      options,
      setOptions,
    }: {
      context?: unknown;
      options: RequestInit & { headers?: Record<string, string> };
      setOptions: (o: RequestInit) => void;
    }) {
      setOptions({
        ...options,
        headers: { ...options.headers, [IDENTITY_HEADER]: signIdentity(callerIdentity(context), secret) },
      });
    },
  };
}
