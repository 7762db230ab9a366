/**
 * The colour theme as data: the learner's choice, how it is saved, how an address names it
 * (`?theme=`, one parser for the embed, presenter mode and the app), and what it comes to on the page.
 * DOM-free; src/ui/theme/page-theme.ts puts it on the root element.
 *
 * `auto` follows the OS: its light/dark scheme and, when it asks for more contrast
 * (`prefers-contrast: more`), the high-contrast palette. `high-contrast` is black on white, or
 * white on black when the OS scheme is dark.
 */

import { tryGetItem, trySetItem, type KeyValueStorage } from '../lib/storage';

export const THEME_CHOICES = ['auto', 'light', 'dark', 'high-contrast'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

export const THEME_LABELS: Record<ThemeChoice, string> = {
  auto: 'Auto (system)',
  light: 'Light',
  dark: 'Dark',
  'high-contrast': 'High contrast',
};

/** The version is in the key: a later format gets a new key and this one is simply ignored. */
export const THEME_STORAGE_KEY = 'mi-sandbox.theme.v1';

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (THEME_CHOICES as readonly string[]).includes(value);
}

export type ParsedTheme = { ok: true; theme: ThemeChoice } | { ok: false; error: string };

/** A `theme` query value; the error names every accepted value. */
export function parseThemeParam(value: string): ParsedTheme {
  if (isThemeChoice(value)) return { ok: true, theme: value };
  const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return { ok: false, error: `"theme" must be one of ${THEME_CHOICES.map((t) => `"${t}"`).join(', ')}, not ${shown}.` };
}

/**
 * The `theme` parameter of an address (the embed's, presenter mode's, any app page's): the theme it
 * names, or null when there is none. A bad value counts as none and its message goes to `errors`.
 */
export function themeParam(query: URLSearchParams, errors: string[] = []): ThemeChoice | null {
  const value = query.get('theme');
  if (value === null) return null;
  const parsed = parseThemeParam(value);
  if (parsed.ok) return parsed.theme;
  errors.push(parsed.error);
  return null;
}

/** The part of Web Storage the theme uses. Blocked storage throws on use, and is then simply not used. */
export type ThemeStorage = KeyValueStorage;

/** The saved choice; nothing saved, something else saved, or storage that throws → `auto`. */
export function loadThemeChoice(storage: ThemeStorage | null): ThemeChoice {
  const saved = tryGetItem(storage, THEME_STORAGE_KEY);
  return isThemeChoice(saved) ? saved : 'auto';
}

/** False when the choice could not be saved (no storage, or storage blocked): it then lasts until the page closes. */
export function saveThemeChoice(storage: ThemeStorage | null, choice: ThemeChoice): boolean {
  return trySetItem(storage, THEME_STORAGE_KEY, choice);
}

/**
 * What the root element carries for a choice: `data-theme` pins the colour scheme (absent: the
 * OS's), `data-contrast="more"` switches every colour to the high-contrast palette.
 */
export interface ThemeAttributes {
  theme: 'light' | 'dark' | null;
  contrast: 'more' | null;
}

export function themeAttributes(choice: ThemeChoice, osWantsMoreContrast: boolean): ThemeAttributes {
  switch (choice) {
    case 'light':
    case 'dark':
      return { theme: choice, contrast: null };
    case 'high-contrast':
      return { theme: null, contrast: 'more' };
    case 'auto':
      return { theme: null, contrast: osWantsMoreContrast ? 'more' : null };
  }
}

/** The colours the page ends up with, for the parts that paint their own (Monaco, xterm.js). */
export interface PageTheme {
  dark: boolean;
  highContrast: boolean;
}

/**
 * From what the page shows: the root's computed `color-scheme` (a pinned theme sets it; the
 * stylesheet's `light dark` leaves the choice to the OS), the OS's preference, `data-contrast`, and
 * whether the OS forces its own colours (Windows contrast themes), where the parts that paint
 * their own colours switch to their high-contrast themes rather than lose cursor and selection.
 */
export function resolvePageTheme(page: { colorScheme: string; osPrefersDark: boolean; contrast: string | undefined; forcedColors: boolean }): PageTheme {
  const words = page.colorScheme.trim().split(/\s+/).filter((w) => w !== 'only');
  const dark = words.length === 1 && words[0] === 'dark' ? true : words.length === 1 && words[0] === 'light' ? false : page.osPrefersDark;
  return { dark, highContrast: page.contrast === 'more' || page.forcedColors };
}
