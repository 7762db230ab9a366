/**
 * True from the task after the page's next frame: for parts of a page that are not the first thing
 * anyone reads (the "See inside" row), so drawing them is a task of its own instead of part of the
 * page's first, already long one (Lighthouse counts every task over 50 ms on a phone against the
 * page). A hidden tab draws no frames: there it turns true once the tab is shown.
 */
export function afterFirstDraw(): { readonly ready: boolean } {
  let ready = $state(false);
  $effect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => (ready = true), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  });
  return {
    get ready() {
      return ready;
    },
  };
}
