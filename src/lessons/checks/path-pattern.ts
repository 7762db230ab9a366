/**
 * Paths in checks: `/subscriptions/{{subscriptionId}}/resourceGroups/*`, filled with the world's
 * values, compared case-insensitively (ARM ids are) unless the service says otherwise (blob names
 * are case-sensitive), `*` standing for one path segment and a trailing `/**` for "this path or
 * anything below it".
 */
import { fillText, type PlaceholderValues } from '../placeholders';

const trimSlash = (s: string) => (s.length > 1 ? s.replace(/\/+$/, '') : s);

export function pathMatcher(pattern: string, values: PlaceholderValues, opts: { caseSensitive?: boolean } = {}): (path: string) => boolean {
  const filled = trimSlash(fillText(pattern, values));
  const below = filled.endsWith('/**');
  const source = (below ? filled.slice(0, -3) : filled)
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  const re = new RegExp(`^${source}${below ? '(?:/.*)?' : ''}$`, opts.caseSensitive ? '' : 'i');
  return (path) => re.test(trimSlash(path));
}

/** A path as a learner recognizes it: the subscription id shortened to "…". */
export function displayPath(pattern: string, values: PlaceholderValues): string {
  return fillText(pattern, values).replace(/^\/subscriptions\/[^/]+/i, '…');
}
