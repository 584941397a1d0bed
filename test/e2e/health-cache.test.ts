import { cachedFor } from '../../src/app/remote-gateway';

describe('the subgraph probes of /healthz over separate services', () => {
  it('are sent at most once a second, however many ask', async () => {
    let now = 0;
    let probes = 0;
    const health = cachedFor(
      1000,
      () => Promise.resolve({ catalog: true, n: ++probes }),
      () => now,
    );
    const answers = await Promise.all(Array.from({ length: 50 }, () => health()));
    expect(probes).toBe(1);
    expect(new Set(answers.map((a) => a.n))).toEqual(new Set([1]));
    now += 999;
    await health();
    expect(probes).toBe(1);
    now += 1;
    expect((await health()).n).toBe(2);
  });
});
