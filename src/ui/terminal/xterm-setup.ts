/**
 * Loaded on demand: xterm.js and the code that sizes it to its box, so the terminal never weighs on the first load.
 */
import { Terminal } from '@xterm/xterm';
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
/** xterm's default overview ruler width, which @xterm/addon-fit keeps free for the scrollbar. */
const SCROLLBAR_WIDTH = 14;
/** xterm.js's own default height. */
const DEFAULT_ROWS = 24;
/**
 * How far the last row may reach past the box's content: less than the box's padding, so nothing
 * is cut. Without it a box as tall as its rows (stacked on a phone) lost a row to sub-pixel
 * rounding at each fit, and settled at 15–20 rows instead of 24.
 */
const ROW_SLACK_PX = 1;

interface Cell {
  width: number;
  height: number;
}

/** The cell xterm.js draws, from the font's canvas metrics as xterm 6's CharSizeService measures it, rounded as its DOM renderer rounds it. */
function measuredCell(fontSize: number): Cell | undefined {
  const ctx = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1).getContext('2d') : null;
  if (!ctx) return undefined;
  ctx.font = `${fontSize}px ${FONT_FAMILY}`;
  const glyph = ctx.measureText('W');
  const dpr = globalThis.devicePixelRatio || 1;
  return { width: glyph.width, height: Math.floor(Math.ceil((glyph.fontBoundingBoxAscent + glyph.fontBoundingBoxDescent) * dpr) * LINE_HEIGHT) / dpr };
}

/** The cell an open terminal draws. xterm 6 has no public API for it: this is what @xterm/addon-fit 0.11 reads. */
function renderedCell(term: Terminal): Cell | undefined {
  type Core = { _core?: { _renderService?: { dimensions?: { css?: { cell?: Cell } } } } };
  return (term as unknown as Core)._core?._renderService?.dimensions?.css?.cell;
}

/**
 * The columns and rows the terminal's box holds. Columns as @xterm/addon-fit counts them (its
 * allowance for the scrollbar is wider than the box's side padding, so no column is cut); rows for
 * the box's content height. FitAddon counted rows in the whole box, padding included (the box is
 * border-box), so its last row could hang 6–12 px past the content and be cut off at the bottom.
 */
function sizeIn(host: HTMLElement, cell: Cell | undefined): { cols: number; rows: number } | undefined {
  const style = getComputedStyle(host);
  const px = (property: string) => parseFloat(style.getPropertyValue(property)) || 0;
  const insets = style.boxSizing === 'border-box' ? px('padding-top') + px('padding-bottom') + px('border-top-width') + px('border-bottom-width') : 0;
  const width = parseInt(style.width) - SCROLLBAR_WIDTH;
  const height = px('height') - insets;
  // A hidden box (display: none) has no size to fit to; its next visible resize fits it.
  if (!(cell && cell.width > 0 && cell.height > 0 && width > 0 && height > 0)) return undefined;
  return { cols: Math.max(2, Math.floor(width / cell.width)), rows: Math.max(1, Math.floor((height + ROW_SLACK_PX) / cell.height)) };
}

/**
 * The size the terminal opens at, worked out before it exists. Created at its default 80×24 and
 * then fitted, xterm built, styled and laid out its rows twice while it opened (the fit's step of a
 * desktop terminal's start took 6–22 ms, now 1–4; performance marks). The fit after `open` still
 * corrects a miss and marks it (`mi:terminal-refit`, which e2e watches for).
 */
function openingSize(host: HTMLElement, fontSize: number): { cols: number; rows: number } | undefined {
  const size = sizeIn(host, measuredCell(fontSize));
  // Stacked on a narrow window, the terminal's box is as tall as its rows: there the fit has always
  // settled on xterm's default 24, so that is where it starts.
  return size && isStackedLayout() ? { ...size, rows: DEFAULT_ROWS } : size;
}

export function mountTerminal(host: HTMLElement, options: TerminalMountOptions): MountedTerminal {
  const size = openingSize(host, options.fontSize);
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
  term.open(host);
  const textarea = host.querySelector('textarea');
  textarea?.setAttribute('aria-label', options.label);
  if (options.description) textarea?.setAttribute('aria-describedby', options.description);
  const fit = () => {
    const fitted = sizeIn(host, renderedCell(term) ?? measuredCell(term.options.fontSize ?? options.fontSize));
    if (fitted && (fitted.cols !== term.cols || fitted.rows !== term.rows)) term.resize(fitted.cols, fitted.rows);
  };
  fit();
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
  const observer = new ResizeObserver(fit);
  observer.observe(host);
  return {
    controller,
    focus: () => term.focus(),
    setFontSize(size) {
      term.options.fontSize = size;
      fit();
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
