import { spawn } from 'child_process';
import * as path from 'path';
import { tempConfig } from '../helpers/app';
import { exitOf, ROOT, startServerProcess } from '../helpers/process';
import { JsonObject, parseJson } from '../helpers/graphql';

const startMain = (env: Record<string, string>) =>
  startServerProcess(['-r', 'ts-node/register/transpile-only', 'src/main.ts'], env);

describe('the npm start process', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'seeds on first run, serves, and stops cleanly on %s',
    async (signal) => {
      const config = tempConfig();
      const { child, url, output } = await startMain({ STORE_DIR: config.storeDir });
      expect(output()).toMatch(/built the stores from data\//);
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query Label { citation(number: 84) { label } }' }),
      });
      expect(res.status).toBe(200);
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toContain('lam_atlas_requests_total{operation="Label",outcome="ok"} 1');
      // stdout is a pipe here, so the request line is JSON; it may reach this process after the response
      const requestId = res.headers.get('x-request-id')!;
      for (let i = 0; i < 100 && !output().includes(requestId); i++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const logged = output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => parseJson<JsonObject>(l));
      expect(logged).toContainEqual(
        expect.objectContaining({ level: 'info', requestId, operationName: 'Label', outcome: 'ok' }),
      );
      const exited = exitOf(child);
      child.kill(signal);
      expect(await exited).toBe(0);
    },
  );

  it('fails to start with one clear line when data/ is invalid', async () => {
    const config = tempConfig({ DATA_DIR: path.join(ROOT, 'test') });
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', DATA_DIR: config.dataDir, STORE_DIR: config.storeDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    expect(await exitOf(child)).toBe(1);
    expect(err).toMatch(/lam-atlas could not start: invalid data .*\n.*data\/sectors\.json: file is missing/);
  });
});
