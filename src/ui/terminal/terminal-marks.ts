/**
 * Performance marks for the terminal's two speed budgets (issue 17), read in real Chromium by
 * `npm run bench:browser` (scripts/bench-browser.mjs), never by a test:
 * - `mi:terminal-ready`: a terminal accepts input (mounted, prompt shown); its startTime counts from
 *   the navigation, so it is "navigation -> terminal ready".
 * - `mi:command`: a measure from the Enter that submitted a command to the frame after its answer
 *   was drawn.
 */
export const TERMINAL_READY = 'mi:terminal-ready';
export const COMMAND_DRAWN = 'mi:command';

export function markTerminalReady(): void {
  // The first terminal of the page is the one the budget is about.
  if (performance.getEntriesByName(TERMINAL_READY).length === 0) performance.mark(TERMINAL_READY);
}

export function markCommandDrawn(enteredAt: number): void {
  performance.measure(COMMAND_DRAWN, { start: enteredAt, end: performance.now() });
}
