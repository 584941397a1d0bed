import { startOneProcess, postGraphQL, RunningServer } from '../helpers/http';
import { tempConfig } from '../helpers/app';
let s: RunningServer;
beforeAll(async () => { s = await startOneProcess(tempConfig({ RATE_LIMIT: '100000', RATE_LIMIT_BURST: '100000' })); });
afterAll(() => s?.stop());
it('probe', async () => {
  const frags = Array.from({ length: 20 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join('\n') + '\nfragment F20 on Query { __typename }';
  const bomb = `{ ...F0 }\n${frags}`;
  const r = await postGraphQL(s, { query: bomb });
  console.log(r.status, r.ms, JSON.stringify(r.body).slice(0, 300));
  const frags2 = Array.from({ length: 20 }, (_, i) => `fragment F${i} on Model { name ...F${i + 1} ...F${i + 1} }`).join('\n') + '\nfragment F20 on Model { name }';
  const r2 = await postGraphQL(s, { query: `{ models(first: 1) { nodes { ...F0 } } }\n${frags2}` });
  console.log(r2.status, r2.ms, JSON.stringify(r2.body).slice(0, 300));
});
