/**
 * Presenter mode from a lesson page's query: `?presenter=1`, `?fontSize=N` and `?script=…` (any of
 * them turns it on), and `?theme=` (e.g. high-contrast for a projector). DOM-free; the lesson page
 * passes `location.search`.
 */
import { themeParam, type ThemeChoice } from '../theme/theme-choice';
import { parseDemoScript, type DemoAction } from './demo-script';

export const PRESENTER_FONT = { min: 10, max: 40, step: 2, normal: 14 } as const;

export interface PresenterSettings {
  fontSize: number;
  script: DemoAction[] | null;
  /**
   * The theme the address pins. Any app page applies it (src/ui/main.ts), so it does not turn
   * presenter mode on by itself; here it is parsed for the bar to list a bad value.
   */
  theme: ThemeChoice | null;
  /** Problems with the query, shown in the presenter bar; the rest still applies. */
  errors: string[];
}

export function clampFont(size: number): number {
  return Math.min(PRESENTER_FONT.max, Math.max(PRESENTER_FONT.min, Math.round(size)));
}

/** Null when the page is not in presenter mode. */
export function parsePresenterParams(search: string): PresenterSettings | null {
  const query = new URLSearchParams(search);
  const presenter = query.get('presenter');
  const font = query.get('fontSize');
  const script = query.get('script');
  if (presenter === null && font === null && script === null) return null;
  const errors: string[] = [];
  if (presenter !== null && presenter !== '1' && presenter !== 'true') errors.push(`"presenter" must be 1, not ${JSON.stringify(presenter.slice(0, 40))}.`);
  let fontSize: number = PRESENTER_FONT.normal;
  if (font !== null) {
    const n = /^\d{1,3}$/.test(font) ? Number(font) : NaN;
    if (n >= PRESENTER_FONT.min && n <= PRESENTER_FONT.max) fontSize = n;
    else errors.push(`"fontSize" must be a whole number of pixels from ${PRESENTER_FONT.min} to ${PRESENTER_FONT.max}, not ${JSON.stringify(font.slice(0, 40))}.`);
  }
  let actions: DemoAction[] | null = null;
  if (script !== null) {
    const parsed = parseDemoScript(script);
    if (parsed.ok) actions = parsed.actions;
    else errors.push(parsed.error);
  }
  const theme = themeParam(query, errors);
  return { fontSize, script: actions, theme, errors };
}
