/**
 * xterm.js and the terminal's set-up (~87 KB). A lesson page asks for it while its own code loads
 * (App.svelte), so by the time the page draws it is usually here: the terminal then mounts in the
 * page's first task (`loadedXterm`) instead of waiting for `import()` to settle, which Chromium
 * does in a later task, after the page's first frame and whatever else is queued (measured on a
 * desktop lesson step, together with App.svelte's request order: terminal ready 40–80 ms sooner).
 */
import { lazyModule } from '../lib/lazy-module';

export type XtermSetup = typeof import('./xterm-setup');

const xterm = lazyModule(() => import('./xterm-setup'));
export const loadXterm = xterm.load;
export const loadedXterm = xterm.loaded;
