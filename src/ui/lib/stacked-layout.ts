/**
 * The width at which the app's pages stack their panes in one scrolling column (the lesson page's
 * and the sandbox's `@media (max-width: 900px)` rules). Stacked, a pane is as tall as its content;
 * side by side, the panes share the window's height.
 */
export const STACKED_LAYOUT = '(max-width: 900px)';

export function isStackedLayout(): boolean {
  return typeof matchMedia === 'function' && matchMedia(STACKED_LAYOUT).matches;
}
