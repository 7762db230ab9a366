import { describe, expect, it } from 'vitest';
import { lazyModule } from '../../../src/ui/lib/lazy-module';

/** An importer that fails the first `failures` times, as a chunk does while the network is gone. */
function importer(failures: number) {
  const module = { mountTerminal: () => undefined };
  const attempts = { count: 0 };
  const load = async () => {
    attempts.count++;
    if (attempts.count <= failures) throw new TypeError('Failed to fetch dynamically imported module');
    return module;
  };
  return { module, attempts, load };
}

describe('lazyModule', () => {
  it('is not there until loaded; once loaded it is there at once, and loaded once', async () => {
    const { module, attempts, load } = importer(0);
    const lazy = lazyModule(load);
    expect(lazy.loaded()).toBeUndefined();
    const first = lazy.load();
    expect(lazy.load()).toBe(first);
    expect(await first).toBe(module);
    expect(lazy.loaded()).toBe(module);
    await lazy.load();
    expect(attempts.count).toBe(1);
  });

  it('a failed load is not remembered: the next caller tries again', async () => {
    const { module, attempts, load } = importer(1);
    const lazy = lazyModule(load);
    await expect(lazy.load()).rejects.toThrow(/Failed to fetch/);
    expect(lazy.loaded()).toBeUndefined();
    expect(await lazy.load()).toBe(module);
    expect(lazy.loaded()).toBe(module);
    expect(attempts.count).toBe(2);
  });
});
