import { describe, expect, it } from 'vitest';
import { createThemeController, MORE_CONTRAST_QUERY } from '../../../src/ui/theme/page-theme';
import { THEME_STORAGE_KEY, type ThemeStorage } from '../../../src/ui/theme/theme-choice';

/** The OS's contrast preference, switchable mid-test like a user changing the system setting. */
function fakeMedia(initially: boolean) {
  const listeners = new Set<() => void>();
  const query = {
    matches: initially,
    addEventListener: (_: string, fn: () => void) => void listeners.add(fn),
    removeEventListener: (_: string, fn: () => void) => void listeners.delete(fn),
  };
  return {
    queries: [] as string[],
    listeners,
    set(matches: boolean) {
      query.matches = matches;
      for (const fn of listeners) fn();
    },
    matchMedia(q: string) {
      this.queries.push(q);
      return query as unknown as MediaQueryList;
    },
  };
}

function setup(options: { saved?: string; moreContrast?: boolean; pinned?: 'dark' | 'high-contrast' | null; storage?: ThemeStorage | null } = {}) {
  const items: Record<string, string> = options.saved === undefined ? {} : { [THEME_STORAGE_KEY]: options.saved };
  const storage: ThemeStorage | null =
    options.storage !== undefined ? options.storage : { getItem: (k) => items[k] ?? null, setItem: (k, v) => void (items[k] = v) };
  const root = { dataset: {} as DOMStringMap };
  const media = fakeMedia(options.moreContrast ?? false);
  const controller = createThemeController({ root, storage, pinned: options.pinned ?? null, matchMedia: (q) => media.matchMedia(q) });
  return { controller, root, items, media };
}

describe('the theme controller', () => {
  it('applies the saved choice at once, before anything renders', () => {
    const { controller, root } = setup({ saved: 'dark' });
    expect(controller.choice).toBe('dark');
    expect(root.dataset).toEqual({ theme: 'dark' });
  });

  it('falls back to Auto for a bad saved value, and follows the OS then', () => {
    const { controller, root, media } = setup({ saved: 'neon' });
    expect(controller.choice).toBe('auto');
    expect(root.dataset).toEqual({});
    expect(media.queries).toEqual([MORE_CONTRAST_QUERY]);
    media.set(true);
    expect(root.dataset).toEqual({ contrast: 'more' });
    media.set(false);
    expect(root.dataset).toEqual({});
  });

  it.each([
    ['light', { theme: 'light' }],
    ['dark', { theme: 'dark' }],
    ['high-contrast', { contrast: 'more' }],
    ['auto', {}],
  ] as const)('choosing %s sets the root attributes, saves it and tells subscribers', (choice, dataset) => {
    const { controller, root, items } = setup({ saved: choice === 'auto' ? 'dark' : 'auto' });
    let told = 0;
    controller.subscribe(() => told++);
    controller.set(choice);
    expect(root.dataset).toEqual(dataset);
    expect(items[THEME_STORAGE_KEY]).toBe(choice);
    expect(controller.choice).toBe(choice);
    expect(told).toBe(1);
  });

  it('a chosen theme ignores the OS wanting more contrast; Auto follows it', () => {
    const { controller, root, media } = setup({ saved: 'light', moreContrast: true });
    expect(root.dataset).toEqual({ theme: 'light' });
    media.set(true);
    expect(root.dataset).toEqual({ theme: 'light' });
    controller.set('auto');
    expect(root.dataset).toEqual({ contrast: 'more' });
  });

  it('a pinned theme wins over the saved one and is not saved', () => {
    const { controller, root, items } = setup({ saved: 'dark', pinned: 'high-contrast' });
    expect(controller.choice).toBe('high-contrast');
    expect(root.dataset).toEqual({ contrast: 'more' });
    expect(items[THEME_STORAGE_KEY]).toBe('dark');
  });

  it('keeps working in memory when storage is blocked', () => {
    const throwing: ThemeStorage = {
      getItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
    };
    const { controller, root } = setup({ storage: throwing });
    expect(controller.choice).toBe('auto');
    controller.set('high-contrast');
    expect(controller.choice).toBe('high-contrast');
    expect(root.dataset).toEqual({ contrast: 'more' });
  });

  it('stops following the OS and telling subscribers once disposed', () => {
    const { controller, media } = setup();
    let told = 0;
    const unsubscribe = controller.subscribe(() => told++);
    unsubscribe();
    controller.set('dark');
    expect(told).toBe(0);
    controller.dispose();
    expect(media.listeners.size).toBe(0);
  });
});
