import { describe, expect, it } from 'vitest';
import { loadWhenOnline } from '../../../src/ui/offline/load-when-online';

/** The browser's online events, fired by the test. */
function network() {
  const target = new EventTarget();
  return {
    events: target as unknown as Parameters<typeof loadWhenOnline>[1],
    backOnline: () => target.dispatchEvent(new Event('online')),
  };
}

/** A chunk load that fails while `offline` is set. */
function chunk(net: { offline: boolean }) {
  const result = { attempts: 0, load: async () => {
    result.attempts++;
    if (net.offline) throw new TypeError('Failed to fetch dynamically imported module');
    return 'module';
  } };
  return result;
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('loadWhenOnline', () => {
  it('loads at once when the network is there', async () => {
    const { events } = network();
    const c = chunk({ offline: false });
    await expect(loadWhenOnline(c.load, events)).resolves.toBe('module');
    expect(c.attempts).toBe(1);
  });

  it('a failed load is no error: it waits, and loads when the browser is back online', async () => {
    const { events, backOnline } = network();
    const net = { offline: true };
    const c = chunk(net);
    let loaded: unknown;
    void loadWhenOnline(c.load, events).then((m) => (loaded = m));
    await settled();
    expect(loaded).toBeUndefined();
    // Online again but the load still fails (a flaky network): it keeps waiting.
    backOnline();
    await settled();
    expect(c.attempts).toBe(2);
    expect(loaded).toBeUndefined();
    net.offline = false;
    backOnline();
    await settled();
    expect(loaded).toBe('module');
    // Loaded once: later online events load nothing more.
    backOnline();
    await settled();
    expect(c.attempts).toBe(3);
  });

  it('never starts a second load while one is under way', async () => {
    const { events, backOnline } = network();
    let release!: () => void;
    let attempts = 0;
    const load = () => {
      attempts++;
      return new Promise<string>((resolve) => (release = () => resolve('module')));
    };
    const loading = loadWhenOnline(load, events);
    backOnline();
    backOnline();
    expect(attempts).toBe(1);
    release();
    await expect(loading).resolves.toBe('module');
  });
});
