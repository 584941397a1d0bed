import { ByteBoundedCache } from '../../src/gateway/byte-bounded-cache';

describe('a cache bounded by bytes', () => {
  it('keeps many small entries or few large ones, never more than its budget, least recently used out first', () => {
    // 1000 bytes, 10 bytes a character
    const cache = new ByteBoundedCache<number>(1000, 10);
    for (let i = 0; i < 50; i++) cache.set(`k${String(i).padStart(4, '0')}`, i); // 5 characters: 50 bytes each
    expect(cache.size).toBe(20);
    expect(cache.bytes).toBe(1000);
    // the first 30 went out, oldest first
    expect(cache.get('k0029')).toBeUndefined();
    expect(cache.get('k0030')).toBe(30);
    // k0030 was just used: a large entry pushes out the least recently used ones, not it
    cache.set('x'.repeat(10), -1); // 100 bytes
    expect(cache.get('k0031')).toBeUndefined();
    expect(cache.get('k0030')).toBe(30);
    expect(cache.bytes).toBeLessThanOrEqual(1000);
  });

  it('does not keep an entry over a tenth of the budget', () => {
    const cache = new ByteBoundedCache<string>(1000, 10);
    cache.set('x'.repeat(11), 'too large');
    expect(cache.size).toBe(0);
    cache.set('x'.repeat(10), 'fits');
    expect(cache.get('x'.repeat(10))).toBe('fits');
  });

  it('replaces an entry without counting it twice', () => {
    const cache = new ByteBoundedCache<number>(1000, 10);
    cache.set('abc', 1);
    cache.set('abc', 2);
    expect([cache.get('abc'), cache.size, cache.bytes]).toEqual([2, 1, 30]);
  });
});
