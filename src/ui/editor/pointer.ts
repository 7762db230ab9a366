/** Monaco is not supported on mobile browsers; touch-first devices get a plain textarea instead. */
export function prefersPlainEditor(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches && !matchMedia('(pointer: fine)').matches;
}
