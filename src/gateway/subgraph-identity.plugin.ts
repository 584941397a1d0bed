import { anonymousReader, Identity, IDENTITY_HEADER, signIdentity } from '../common/identity';

/**
 * The identity of the caller of a gateway request, which every subgraph resolver sees as
 * `context.identity` whichever way the operation runs (fused, planned, separate services). The gateway
 * takes no credentials yet, so every caller is an anonymous reader.
 */
export function callerIdentity(_gatewayContext?: unknown): Identity {
  return anonymousReader();
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
