import { lazyModule } from '../lib/lazy-module';

/**
 * The VM pane's code (editor, terminal controller; ~75 KB), loaded once, when a pane is first drawn
 * or a page that will draw one soon asks for it. Not a static import: on a phone it shared the
 * first load's bandwidth with what the page shows first (the step's text, the sandbox's portal).
 */
export const loadVmPane = lazyModule(() => import('./VmPane.svelte')).load;
