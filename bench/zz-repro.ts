import 'reflect-metadata';
import * as path from 'path';
import { storesAt, tempDir } from '/work/main/bench/setup';
import { startSubgraphServices, startSeparateServices } from '/work/main/bench/targets';
(async () => {
  const config = await storesAt(1, path.join(tempDir(), 'x1'));
  const svc = await startSubgraphServices(config);
  const t = await startSeparateServices(svc);
  const res = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ models(first: 2) { nodes { name citations { number } } } }' }) });
  console.log('status', res.status, (await res.text()).slice(0, 100));
  const t0 = Date.now();
  const timer = setInterval(() => console.log('alive', Date.now() - t0), 1000);
  setTimeout(async () => { clearInterval(timer); console.log('survived 8 s'); process.exit(0); }, 8000);
})();
