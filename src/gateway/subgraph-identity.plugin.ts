import { IDENTITY_HEADER, signIdentity } from '../common/identity';

/**
 * Signs every subgraph request the gateway sends with the shared secret, so that a subgraph service can
 * tell the gateway's requests from anyone else's (a bare header a client could set proves nothing).
 */
export function useSubgraphIdentity(secret: string) {
  return {
    onFetch({
      options,
      setOptions,
    }: {
      options: RequestInit & { headers?: Record<string, string> };
      setOptions: (o: RequestInit) => void;
    }) {
      setOptions({
        ...options,
        headers: {
          ...options.headers,
          [IDENTITY_HEADER]: signIdentity({ sub: 'anonymous', role: 'reader', iat: Date.now() }, secret),
        },
      });
    },
  };
}
