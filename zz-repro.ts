import 'reflect-metadata';
const orig = EventTarget.prototype.addEventListener;
EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, listener: any, opts?: any) {
  if (type === 'abort' && typeof listener === 'function') {
    const where = new Error('registered at').stack;
    const wrapped = function (this: unknown, ev: Event) {
      try { return listener.call(this, ev); } catch (e) { console.log('LISTENER THREW', String(e), '\n', where); }
    };
    return orig.call(this, type, wrapped, opts);
  }
  return orig.call(this, type, listener, opts);
};
import { startOneProcess } from '/work/main/test/helpers/http';
(async () => {
  const app = await startOneProcess();
  const r = await fetch(app.url + '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ model(slug: "esmfold") { name citations { number } risks { name } } }' }) });
  console.log((await r.text()).slice(0, 200));
  await new Promise((res) => setTimeout(res, 7000));
  await app.stop();
  console.log('done');
})();
