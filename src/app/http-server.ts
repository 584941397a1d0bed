import * as http from 'http';

export type HealthCheck = () => Promise<Record<string, boolean>>;

/** Serves /healthz itself and hands every other request to the GraphQL handler. */
export function createHttpServer(handler: http.RequestListener, health: HealthCheck): http.Server {
  return http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      health()
        .catch(() => ({}) as Record<string, boolean>)
        .then((subgraphs) => {
          const ok = Object.keys(subgraphs).length > 0 && Object.values(subgraphs).every(Boolean);
          const body = JSON.stringify({ status: ok ? 'ok' : 'degraded', subgraphs: Object.fromEntries(Object.entries(subgraphs).map(([k, v]) => [k, v ? 'up' : 'down'])) });
          res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
          res.end(req.method === 'HEAD' ? undefined : body);
        });
      return;
    }
    if (path === '/') {
      res.writeHead(302, { location: '/graphql' });
      res.end();
      return;
    }
    handler(req, res);
  });
}

/** Listens and resolves with the bound port (port 0 picks a free one). */
export function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });
}

export function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}
