/**
 * Whether a lesson page draws its workspace (portal, editor, terminal) as soon as it opens. On a
 * narrow window the workspace sits under the step's text, so it waits until it is scrolled to or
 * asked for — and so do its chunks (the terminal's xterm.js and the VM pane, ~160 KB): fetched at
 * once they shared a phone's bandwidth with the step's own code and pushed the step's text later.
 * The width matches the lesson page's stacking rule (LessonPage.svelte, `max-width: 900px`).
 */
import { isStackedLayout } from '../lib/stacked-layout';

export function workspaceDrawsAtStart(): boolean {
  return !isStackedLayout();
}
