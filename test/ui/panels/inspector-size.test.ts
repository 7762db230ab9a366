import { afterEach, describe, expect, it, vi } from 'vitest';

describe('the inspector’s remembered size', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it.each(['lesson', 'sandbox'] as const)('%s has its own versioned key', async (place) => {
    const { inspectorSizeKey } = await import('../../../src/ui/panels/inspector-size');
    expect(inspectorSizeKey(place)).toBe(`mi-sandbox.inspector-size.v1.${place}`);
  });

  it('a lesson and the sandbox keep their own sizes in localStorage', async () => {
    const items: Record<string, string> = {};
    vi.stubGlobal('localStorage', { getItem: (k: string) => items[k] ?? null, setItem: (k: string, v: string) => void (items[k] = v) });
    const { loadInspectorSize, saveInspectorSize } = await import('../../../src/ui/panels/inspector-size');
    expect(saveInspectorSize('lesson', { share: 0.6, maximized: false })).toBe(true);
    expect(loadInspectorSize('lesson')).toEqual({ share: 0.6, maximized: false });
    expect(loadInspectorSize('sandbox')).toEqual({ share: 0.4, maximized: false });
    expect(JSON.parse(items['mi-sandbox.inspector-size.v1.lesson']!)).toEqual({ share: 0.6, maximized: false });
  });

  it('a browser that throws on reading localStorage keeps the size in memory', async () => {
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    try {
      const { loadInspectorSize, saveInspectorSize } = await import('../../../src/ui/panels/inspector-size');
      expect(saveInspectorSize('sandbox', { share: 0.5, maximized: true })).toBe(false);
      expect(loadInspectorSize('sandbox')).toEqual({ share: 0.5, maximized: true });
    } finally {
      delete (globalThis as { localStorage?: unknown }).localStorage;
    }
  });
});
