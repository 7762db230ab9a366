/**
 * Performance marks for the terminal's two speed budgets (issue 17), read in real Chromium by
 * `npm run bench:browser` (scripts/bench-browser.mjs), never by a test:
 * - `mi:terminal-ready`: a terminal accepts input (mounted, prompt shown); its startTime counts from
 *   the navigation, so it is "navigation -> terminal ready".
 * - `mi:command`: a measure from the Enter that submitted a command to the frame after its answer
 *   was drawn.
 * - `mi:terminal-refit`: a terminal opened at a size other than the one it is shown at, and was laid
 *   out a second time (xterm-setup.ts `openingSize`); e2e checks it never happens.
 */
export const TERMINAL_READY = 'mi:terminal-ready';
export const COMMAND_DRAWN = 'mi:command';
export const TERMINAL_REFIT = 'mi:terminal-refit';

export function markTerminalReady(): void {
  // The first terminal of the page is the one the budget is about.
  if (performance.getEntriesByName(TERMINAL_READY).length === 0) performance.mark(TERMINAL_READY);
}

export function markCommandDrawn(enteredAt: number): void {
  performance.measure(COMMAND_DRAWN, { start: enteredAt, end: performance.now() });
}

export function markTerminalRefit(from: string, to: string): void {
  performance.mark(TERMINAL_REFIT, { detail: { from, to } });
}
