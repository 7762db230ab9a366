/**
 * The WAI-ARIA tabs pattern's keys (https://www.w3.org/WAI/ARIA/apg/patterns/tabs/): the arrows move
 * to the next or previous enabled tab, wrapping, Home and End to the first and last. Returns the tab
 * to select and focus, or null for any other key.
 */
export function tabForKey<T>(key: string, enabled: readonly T[], selected: T): T | null {
  if (enabled.length === 0) return null;
  const i = enabled.indexOf(selected);
  switch (key) {
    case 'ArrowRight':
      return enabled[(i + 1) % enabled.length]!;
    case 'ArrowLeft':
      return enabled[(i - 1 + enabled.length) % enabled.length]!;
    case 'Home':
      return enabled[0]!;
    case 'End':
      return enabled[enabled.length - 1]!;
    default:
      return null;
  }
}
