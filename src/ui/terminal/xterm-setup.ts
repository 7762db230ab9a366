/**
 * Loaded on demand: xterm.js and its fit addon, so the terminal never weighs on the first load.
 */
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { TerminalController, type InteractiveShell, type ShellOutcome } from '../../shells/terminal/terminal-controller';
import type { PageTheme } from '../theme/theme-choice';
import { markCommandDrawn, markTerminalRefit } from './terminal-marks';
import { isStackedLayout } from '../lib/stacked-layout';

export interface MountedTerminal {
  controller: TerminalController;
  focus(): void;
  setFontSize(size: number): void;
  /** The terminal is dark in every theme; high contrast makes it black and white with bright colours. */
  setTheme(theme: PageTheme): void;
  dispose(): void;
}

export interface TerminalMountOptions {
  shell: InteractiveShell;
  label: string;
  /** The id of the text that says how to leave the terminal (its accessible description). */
  description?: string;
  fontSize: number;
  screenReaderMode: boolean;
  theme: PageTheme;
  banner?: string;
  colorStderr?: boolean;
  onCommandDone?: (source: string, outcome: ShellOutcome) => void;
}

const THEME = {
  background: '#0b1220',
  foreground: '#e2e8f0',
  cursor: '#7dd3fc',
  selectionBackground: '#334155',
  red: '#fca5a5',
  brightRed: '#fecaca',
  green: '#86efac',
  blue: '#93c5fd',
  yellow: '#fde68a',
};

// The same colours as app.css's high-contrast --term-*: white on black, a yellow cursor, and a
// selection drawn in inverse so it never depends on a tint.
const HIGH_CONTRAST_THEME = {
  background: '#000000',
  foreground: '#ffffff',
  cursor: '#ffff00',
  cursorAccent: '#000000',
  selectionBackground: '#ffffff',
  selectionForeground: '#000000',
  red: '#ff9c9c',
  brightRed: '#ffc2c2',
  green: '#7dff7d',
  blue: '#9ecbff',
  yellow: '#ffff00',
};

/** xterm.js lifts any colour a program prints to this contrast against the background (WCAG AAA in high contrast). */
const themeOptions = (theme: PageTheme) =>
  theme.highContrast ? { theme: HIGH_CONTRAST_THEME, minimumContrastRatio: 7 } : { theme: THEME, minimumContrastRatio: 1 };

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

const FONT_FAMILY = "ui-monospace, 'Cascadia Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace";
const LINE_HEIGHT = 1.15;
/** FitAddon's allowance for the scrollbar (xterm's default overview ruler width). */
const SCROLLBAR_WIDTH = 14;
/** xterm.js's own default height. */
const DEFAULT_ROWS = 24;

/**
 * The size FitAddon will give the terminal, worked out before the terminal exists. Created at its
 * default 80×24 and then fitted, xterm built, styled and laid out its rows twice while it opened
 * (the fit's step of a desktop terminal's start took 6–22 ms, now 1–4; performance marks). The cell is
 * measured as xterm 6's CharSizeService measures it (canvas text metrics) and rounded as its DOM
 * renderer rounds it; FitAddon's `fit()` still runs after, corrects a miss and marks it
 * (`mi:terminal-refit`, which e2e watches for).
 */
function fittedSize(host: HTMLElement, fontSize: number): { cols: number; rows: number } | undefined {
  const ctx = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1).getContext('2d') : null;
  if (!ctx) return undefined;
  ctx.font = `${fontSize}px ${FONT_FAMILY}`;
  const glyph = ctx.measureText('W');
  const dpr = globalThis.devicePixelRatio || 1;
  const cellWidth = glyph.width;
  const cellHeight = Math.floor(Math.ceil((glyph.fontBoundingBoxAscent + glyph.fontBoundingBoxDescent) * dpr) * LINE_HEIGHT) / dpr;
  const style = getComputedStyle(host);
  const width = parseInt(style.width) - SCROLLBAR_WIDTH;
  const height = parseInt(style.height);
  if (!(cellWidth > 0 && cellHeight > 0 && width > 0 && height > 0)) return undefined;
  const cols = Math.max(2, Math.floor(width / cellWidth));
  // Stacked on a narrow window, the terminal's box is as tall as its rows: there the fit has always
  // settled on xterm's default 24, so that is where it starts.
  return { cols, rows: isStackedLayout() ? DEFAULT_ROWS : Math.max(1, Math.floor(height / cellHeight)) };
}

export function mountTerminal(host: HTMLElement, options: TerminalMountOptions): MountedTerminal {
  const size = fittedSize(host, options.fontSize);
  const term = new Terminal({
    ...size,
    fontFamily: FONT_FAMILY,
    fontSize: options.fontSize,
    // A cursor that blinks forever is motion the learner asked the system to stop.
    cursorBlink: !prefersReducedMotion(),
    // A little air between rows keeps underscores (invalid_request, access_token) from being clipped.
    lineHeight: LINE_HEIGHT,
    convertEol: false,
    scrollback: 5000,
    // Screen-reader mode mirrors every row into an accessible list and measures each row as it
    // draws (a forced layout per row): the slowest part of a terminal's start. It comes on when the
    // terminal is first focused or first runs something, before anything is worth reading in it.
    screenReaderMode: false,
    ...themeOptions(options.theme),
    allowProposedApi: false,
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(host);
  const textarea = host.querySelector('textarea');
  textarea?.setAttribute('aria-label', options.label);
  if (options.description) textarea?.setAttribute('aria-describedby', options.description);
  fit.fit();
  if (size && (term.cols !== size.cols || term.rows !== size.rows)) markTerminalRefit(`${size.cols}x${size.rows}`, `${term.cols}x${term.rows}`);
  let started = false;
  const readable = () => {
    if (started && options.screenReaderMode && !term.options.screenReaderMode) term.options.screenReaderMode = true;
  };
  host.addEventListener('focusin', readable, { once: true });
  // Enter -> the response drawn, as performance marks `npm run bench:browser` reads (terminal-marks.ts).
  let enteredAt: number | null = null;
  const onCommandDone = (source: string, outcome: ShellOutcome) => {
    const start = enteredAt;
    enteredAt = null;
    // xterm parses writes in a later task: the answer is on screen after its write callback and the frame that paints it.
    if (start !== null) term.write('', () => requestAnimationFrame(() => markCommandDrawn(start)));
    options.onCommandDone?.(source, outcome);
  };
  const controller = new TerminalController({
    shell: options.shell,
    write: (data) => {
      readable();
      term.write(data);
    },
    cols: term.cols,
    colorStderr: options.colorStderr ?? false,
    onCommandDone,
    ...(options.banner ? { banner: options.banner } : {}),
  });
  // The banner and first prompt are written; anything after them is the learner's doing.
  started = true;
  term.onData((data) => {
    if (data.includes('\r')) enteredAt = performance.now();
    controller.input(data);
  });
  term.onResize(({ cols }) => controller.resize(cols));
  const observer = new ResizeObserver(() => {
    try {
      fit.fit();
    } catch {
      // Hidden (zero-size) hosts cannot be measured; the next visible resize fits again.
    }
  });
  observer.observe(host);
  return {
    controller,
    focus: () => term.focus(),
    setFontSize(size) {
      term.options.fontSize = size;
      fit.fit();
    },
    setTheme(theme) {
      Object.assign(term.options, themeOptions(theme));
    },
    dispose() {
      observer.disconnect();
      term.dispose();
    },
  };
}
