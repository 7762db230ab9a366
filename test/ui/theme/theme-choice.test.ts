import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  loadThemeChoice,
  parseThemeParam,
  resolvePageTheme,
  saveThemeChoice,
  THEME_CHOICES,
  THEME_STORAGE_KEY,
  themeAttributes,
  themeParam,
  type ThemeStorage,
} from '../../../src/ui/theme/theme-choice';

const memory = (items: Record<string, string> = {}): ThemeStorage & { items: Record<string, string> } => ({
  items,
  getItem: (key) => items[key] ?? null,
  setItem: (key, value) => void (items[key] = value),
});
const blocked: ThemeStorage = {
  getItem: () => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  },
};

describe('the theme parameter', () => {
  it.each(THEME_CHOICES)('%s is a theme', (value) => {
    expect(parseThemeParam(value)).toEqual({ ok: true, theme: value });
  });

  it.each([
    ['blue', '"theme" must be one of "auto", "light", "dark", "high-contrast", not "blue".'],
    ['', '"theme" must be one of "auto", "light", "dark", "high-contrast", not "".'],
    ['Dark', '"theme" must be one of "auto", "light", "dark", "high-contrast", not "Dark".'],
    ['hc', '"theme" must be one of "auto", "light", "dark", "high-contrast", not "hc".'],
    ['x'.repeat(60), `"theme" must be one of "auto", "light", "dark", "high-contrast", not "${'x'.repeat(40)}…".`],
  ])('%j is refused with every accepted value named', (value, error) => {
    expect(parseThemeParam(value)).toEqual({ ok: false, error });
  });

  it.each([
    ['', null, []],
    ['?presenter=1', null, []],
    ['?theme=high-contrast', 'high-contrast', []],
    ['?theme=dark&fontSize=20', 'dark', []],
    ['?theme=purple', null, ['"theme" must be one of "auto", "light", "dark", "high-contrast", not "purple".']],
  ])('%j pins %j', (search, theme, errors) => {
    const seen: string[] = [];
    expect(themeParam(new URLSearchParams(search), seen)).toBe(theme);
    expect(seen).toEqual(errors);
  });
});

describe('the saved choice', () => {
  it.each([
    ['nothing saved', memory(), 'auto'],
    ['a saved theme', memory({ [THEME_STORAGE_KEY]: 'high-contrast' }), 'high-contrast'],
    ['an unknown value', memory({ [THEME_STORAGE_KEY]: 'solarized' }), 'auto'],
    ['JSON instead of a name', memory({ [THEME_STORAGE_KEY]: '{"theme":"dark"}' }), 'auto'],
    ['another version’s key only', memory({ 'mi-sandbox.theme.v2': 'dark' }), 'auto'],
    ['storage that throws', blocked, 'auto'],
    ['no storage', null, 'auto'],
  ] as const)('%s → %s', (_, storage, choice) => {
    expect(loadThemeChoice(storage)).toBe(choice);
  });

  it('saves under the versioned key and reads it back', () => {
    const storage = memory();
    for (const choice of THEME_CHOICES) {
      expect(saveThemeChoice(storage, choice)).toBe(true);
      expect(storage.items[THEME_STORAGE_KEY]).toBe(choice);
      expect(loadThemeChoice(storage)).toBe(choice);
    }
  });

  it('says so when it cannot save, without throwing', () => {
    expect(saveThemeChoice(blocked, 'dark')).toBe(false);
    expect(saveThemeChoice(null, 'dark')).toBe(false);
  });

  it('whatever is stored, the loaded choice is a theme', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        expect(THEME_CHOICES).toContain(loadThemeChoice(memory({ [THEME_STORAGE_KEY]: text })));
      }),
    );
  });
});

describe('what the root element carries', () => {
  it.each([
    ['auto', false, { theme: null, contrast: null }],
    ['auto', true, { theme: null, contrast: 'more' }],
    ['light', false, { theme: 'light', contrast: null }],
    // A theme the learner picked wins over the OS's wish for more contrast.
    ['light', true, { theme: 'light', contrast: null }],
    ['dark', true, { theme: 'dark', contrast: null }],
    // High contrast keeps the OS's scheme: black on white, or white on black.
    ['high-contrast', false, { theme: null, contrast: 'more' }],
    ['high-contrast', true, { theme: null, contrast: 'more' }],
  ] as const)('%s with the OS asking for more contrast: %s', (choice, more, attributes) => {
    expect(themeAttributes(choice, more)).toEqual(attributes);
  });
});

describe('the page theme Monaco and the terminal follow', () => {
  it.each([
    ['light dark', false, undefined, false, { dark: false, highContrast: false }],
    ['light dark', true, undefined, false, { dark: true, highContrast: false }],
    ['normal', true, undefined, false, { dark: true, highContrast: false }],
    ['dark', false, undefined, false, { dark: true, highContrast: false }],
    ['only dark', false, undefined, false, { dark: true, highContrast: false }],
    ['light', true, undefined, false, { dark: false, highContrast: false }],
    [' only light ', true, 'more', false, { dark: false, highContrast: true }],
    ['light dark', true, 'more', false, { dark: true, highContrast: true }],
    ['light dark', false, 'less', false, { dark: false, highContrast: false }],
    // Forced colours: Monaco and xterm.js switch to their high-contrast themes.
    ['light dark', false, undefined, true, { dark: false, highContrast: true }],
    ['dark', false, undefined, true, { dark: true, highContrast: true }],
  ] as const)('color-scheme %j, OS dark %s, data-contrast %s, forced colours %s', (colorScheme, osPrefersDark, contrast, forcedColors, theme) => {
    expect(resolvePageTheme({ colorScheme, osPrefersDark, contrast, forcedColors })).toEqual(theme);
  });
});
