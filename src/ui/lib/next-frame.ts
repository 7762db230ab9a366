/**
 * Resolves in the task after the next frame is drawn (at once in a hidden tab, which draws none):
 * what a page shows first gets drawn before heavy code is asked for. Measured with Lighthouse's
 * mobile preset, requests already in flight when the first text is drawn count towards its time.
 */
export function nextFrame(): Promise<void> {
  if (typeof document === 'undefined' || document.visibilityState !== 'visible') return Promise.resolve();
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
