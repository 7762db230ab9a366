/**
 * The theme on the page: a controller that keeps the root element's attributes in step with a
 * choice (and with the OS, for `auto`) and saves the learner's choice, plus what the parts that
 * paint their own colours (Monaco, xterm.js) read and watch.
 */
import { loadThemeChoice, resolvePageTheme, saveThemeChoice, themeAttributes, type PageTheme, type ThemeChoice, type ThemeStorage } from './theme-choice';

/** The app's controller, handed to the header through Svelte context (src/ui/main.ts). */
export const THEME_CONTEXT = Symbol('theme');

export interface ThemeController {
  readonly choice: ThemeChoice;
  /** Applies the choice now and saves it (when the controller has storage). */
  set(choice: ThemeChoice): void;
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

type MediaQuery = Pick<MediaQueryList, 'matches' | 'addEventListener' | 'removeEventListener'>;

export interface ThemeControllerOptions {
  root: { dataset: DOMStringMap };
  /** Where the choice is kept; null keeps it in memory (embeds follow their host, not a saved choice). */
  storage: ThemeStorage | null;
  /** A theme the address pins for this visit (`?theme=`): used instead of the saved one, and not saved. */
  pinned?: ThemeChoice | null;
  matchMedia?: (query: string) => MediaQuery;
}

export const MORE_CONTRAST_QUERY = '(prefers-contrast: more)';
const DARK_QUERY = '(prefers-color-scheme: dark)';
const FORCED_QUERY = '(forced-colors: active)';

export function createThemeController(options: ThemeControllerOptions): ThemeController {
  const { root, storage } = options;
  const media = (options.matchMedia ?? ((q: string) => matchMedia(q)))(MORE_CONTRAST_QUERY);
  let choice: ThemeChoice = options.pinned ?? loadThemeChoice(storage);
  const listeners = new Set<() => void>();

  function apply() {
    const attributes = themeAttributes(choice, media.matches);
    if (attributes.theme) root.dataset.theme = attributes.theme;
    else delete root.dataset.theme;
    if (attributes.contrast) root.dataset.contrast = attributes.contrast;
    else delete root.dataset.contrast;
  }
  apply();
  media.addEventListener('change', apply);

  return {
    get choice() {
      return choice;
    },
    set(next) {
      choice = next;
      apply();
      saveThemeChoice(storage, next);
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      media.removeEventListener('change', apply);
      listeners.clear();
    },
  };
}

/** localStorage, or null when the browser blocks it (private modes, third-party frames). */
export function browserThemeStorage(): ThemeStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The page's colours as they are now: pinned or the OS's scheme, and whether high contrast is on. */
export function readPageTheme(root: HTMLElement = document.documentElement): PageTheme {
  return resolvePageTheme({
    colorScheme: getComputedStyle(root).colorScheme,
    osPrefersDark: matchMedia(DARK_QUERY).matches,
    contrast: root.dataset.contrast,
    forcedColors: matchMedia(FORCED_QUERY).matches,
  });
}

/** Calls `onChange` with the page's colours whenever a theme is chosen or pinned, or the OS's colours change. */
export function watchPageTheme(onChange: (theme: PageTheme) => void, root: HTMLElement = document.documentElement): () => void {
  const follow = () => onChange(readPageTheme(root));
  const queries = [DARK_QUERY, FORCED_QUERY].map((q) => matchMedia(q));
  for (const media of queries) media.addEventListener('change', follow);
  const observer = new MutationObserver(follow);
  observer.observe(root, { attributes: true, attributeFilter: ['data-theme', 'data-contrast'] });
  return () => {
    for (const media of queries) media.removeEventListener('change', follow);
    observer.disconnect();
  };
}
