/**
 * The /embed address as data: every query parameter a docs author can set, validated up front so a
 * typo shows the author a clear list of problems inside the frame instead of a half-working embed.
 * DOM-free; the embed page passes `location.search`.
 */

import { themeParam, THEME_CHOICES, type ThemeChoice } from '../theme/theme-choice';

export const EMBED_VIEWS = ['terminal', 'editor', 'split'] as const;
/** The app's themes (src/ui/theme): auto, light, dark, high-contrast. */
export const EMBED_THEMES = THEME_CHOICES;
export const EMBED_PANELS = ['step', 'portal'] as const;
export type EmbedView = (typeof EMBED_VIEWS)[number];
export type EmbedTheme = ThemeChoice;
export type EmbedPanel = (typeof EMBED_PANELS)[number];

export const FONT_SIZE_RANGE = { min: 10, max: 32 } as const;

export interface EmbedParams {
  lesson: string;
  step: string | null;
  view: EmbedView;
  panels: EmbedPanel[];
  theme: EmbedTheme;
  readonly: boolean;
  hideNav: boolean;
  clickToLoad: boolean;
  fontSize: number | null;
  /** Where outgoing messages may go; null = the embed sends none and obeys none. */
  parentOrigin: string | null;
}

export type ParsedEmbedParams = { ok: true; params: EmbedParams } | { ok: false; errors: string[] };

const KNOWN = ['lesson', 'step', 'view', 'panels', 'theme', 'readonly', 'hideNav', 'clickToLoad', 'fontSize', 'parentOrigin'] as const;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const FLAG: Record<string, boolean> = { '1': true, true: true, '0': false, false: false };
const MAX_VALUE = 200;

const shown = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
const oneOf = (list: readonly string[]) => list.map((v) => `"${v}"`).join(', ');

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** An origin exactly as `URL#origin` prints it: scheme, host and port, no path, no trailing slash. */
export function parseOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin === value ? value : null;
  } catch {
    return null;
  }
}

export function parseEmbedParams(search: string | URLSearchParams): ParsedEmbedParams {
  const query = typeof search === 'string' ? new URLSearchParams(search) : search;
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const [name, value] of query) {
    if (!isOneOf(KNOWN, name)) {
      const close = KNOWN.find((k) => k.toLowerCase() === name.toLowerCase());
      errors.push(close ? `Unknown parameter "${name}" — did you mean "${close}"?` : `Unknown parameter ${shown(name)}. Known parameters: ${KNOWN.join(', ')}.`);
    } else if (seen.has(name)) {
      errors.push(`Parameter "${name}" is given more than once.`);
    } else if (value.length > MAX_VALUE) {
      errors.push(`Parameter "${name}" is longer than ${MAX_VALUE} characters.`);
    }
    seen.add(name);
  }
  const get = (name: (typeof KNOWN)[number]) => query.get(name);
  const flag = (name: 'readonly' | 'hideNav' | 'clickToLoad', fallback: boolean): boolean => {
    const value = get(name);
    if (value === null) return fallback;
    const parsed = FLAG[value];
    if (parsed === undefined) errors.push(`"${name}" must be 1 or 0, not ${shown(value)}.`);
    return parsed ?? fallback;
  };
  const choice = <T extends string>(name: 'view', list: readonly T[], fallback: T): T => {
    const value = get(name);
    if (value === null) return fallback;
    if (isOneOf(list, value)) return value;
    errors.push(`"${name}" must be one of ${oneOf(list)}, not ${shown(value)}.`);
    return fallback;
  };

  const lesson = get('lesson');
  if (lesson === null || lesson === '') errors.push('"lesson" is required: the lesson\'s slug, e.g. lesson=linux-vm-arm.');
  else if (!SLUG.test(lesson)) errors.push(`"lesson" must be a lesson slug (lower-case words joined by hyphens), not ${shown(lesson)}.`);
  const step = get('step');
  if (step !== null && !SLUG.test(step)) errors.push(`"step" must be a step slug (lower-case words joined by hyphens), not ${shown(step)}.`);

  const view = choice('view', EMBED_VIEWS, 'split');
  const theme = themeParam(query, errors) ?? 'auto';

  let panels: EmbedPanel[] = ['step'];
  const panelsValue = get('panels');
  if (panelsValue !== null) {
    // An empty value means "no side panels": only the VM view.
    const names = panelsValue === '' ? [] : panelsValue.split(',');
    const bad = names.filter((n) => !isOneOf(EMBED_PANELS, n));
    if (bad.length) errors.push(`"panels" is a comma-separated list of ${oneOf(EMBED_PANELS)}; ${bad.map(shown).join(', ')} is not one of them.`);
    panels = EMBED_PANELS.filter((p) => names.includes(p));
  }

  let fontSize: number | null = null;
  const fontValue = get('fontSize');
  if (fontValue !== null) {
    const n = /^\d{1,3}$/.test(fontValue) ? Number(fontValue) : NaN;
    if (Number.isInteger(n) && n >= FONT_SIZE_RANGE.min && n <= FONT_SIZE_RANGE.max) fontSize = n;
    else errors.push(`"fontSize" must be a whole number of pixels from ${FONT_SIZE_RANGE.min} to ${FONT_SIZE_RANGE.max}, not ${shown(fontValue)}.`);
  }

  let parentOrigin: string | null = null;
  const originValue = get('parentOrigin');
  if (originValue !== null) {
    parentOrigin = parseOrigin(originValue);
    if (!parentOrigin) errors.push(`"parentOrigin" must be an http(s) origin such as https://docs.example.com (no path, no trailing slash), not ${shown(originValue)}.`);
  }

  const readonly = flag('readonly', false);
  const hideNav = flag('hideNav', false);
  // Light by default: an embed shows text and a Start button until the reader asks for more.
  const clickToLoad = flag('clickToLoad', true);

  if (errors.length || lesson === null) return { ok: false, errors };
  return { ok: true, params: { lesson, step, view, panels, theme, readonly, hideNav, clickToLoad, fontSize, parentOrigin } };
}

/** Finds the embedded step in the compiled lessons; a missing lesson or step is an author error. */
export function resolveEmbedStep(
  params: Pick<EmbedParams, 'lesson' | 'step'>,
  lessons: readonly { slug: string; steps: readonly { slug: string }[] }[],
): { ok: true; lessonIndex: number; stepIndex: number } | { ok: false; error: string } {
  const lessonIndex = lessons.findIndex((l) => l.slug === params.lesson);
  const lesson = lessons[lessonIndex];
  if (!lesson) return { ok: false, error: `There is no lesson "${params.lesson}". Lessons: ${lessons.map((l) => l.slug).join(', ')}.` };
  if (params.step === null) return { ok: true, lessonIndex, stepIndex: 0 };
  const stepIndex = lesson.steps.findIndex((s) => s.slug === params.step);
  if (stepIndex < 0) return { ok: false, error: `Lesson "${lesson.slug}" has no step "${params.step}". Steps: ${lesson.steps.map((s) => s.slug).join(', ')}.` };
  return { ok: true, lessonIndex, stepIndex };
}
