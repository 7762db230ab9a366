// Action-pattern matching for role definitions and deny assignments (spec §1.3).
//
// Why not the common `*` → `.*` regex: an interior `/*/` must also match *zero* segments.
// Managed Identity Operator grants `userAssignedIdentities/*/assign/action`, and the action ARM
// checks when you attach an identity is `userAssignedIdentities/assign/action`; Key Vault Reader's
// `vaults/*/read` must cover `vaults/read`. So, on lower-cased strings: `/*/` → `(/.*)?/`, a
// leading `*/` → `(.*/)?`, any other `*` → `.*`, anchored. Permission strings are
// case-insensitive (S3).

type Matcher = (lowerAction: string) => boolean;

const cache = new Map<string, Matcher>();
// Custom roles can introduce arbitrary patterns; bound the cache so a long session cannot grow it forever.
const CACHE_LIMIT = 10_000;

/** Does `pattern` (from Actions, NotActions, DataActions, ...) cover `action`? Case-insensitive. */
export function matchesAction(pattern: string, action: string): boolean {
  return compileActionPattern(pattern)(action.toLowerCase());
}

/** The compiled, cached matcher for one pattern; it expects an already lower-cased action. */
export function compileActionPattern(pattern: string): Matcher {
  let m = cache.get(pattern);
  if (m === undefined) {
    m = compile(pattern);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, m);
  }
  return m;
}

/** The first pattern in `patterns` that covers the (lower-cased) action, if any. */
export function firstMatchingPattern(patterns: readonly string[], lowerAction: string): string | undefined {
  for (const p of patterns) {
    if (compileActionPattern(p)(lowerAction)) return p;
  }
  return undefined;
}

/** How many `*` a pattern holds; custom roles may hold at most one per action string (S3). */
export function wildcardCount(pattern: string): number {
  let n = 0;
  for (const ch of pattern) if (ch === '*') n++;
  return n;
}

function compile(pattern: string): Matcher {
  const p = pattern.trim().toLowerCase();
  if (p === '*') return () => true;
  if (!p.includes('*')) return (a) => a === p;
  let re = '';
  let i = 0;
  if (p.startsWith('*/')) {
    re += '(?:.*/)?';
    i = 2;
  }
  while (i < p.length) {
    if (p.startsWith('/*/', i)) {
      re += '(?:/.*)?/';
      i += 3;
    } else if (p[i] === '*') {
      re += '.*';
      i += 1;
    } else {
      re += escapeRegex(p[i] as string);
      i += 1;
    }
  }
  const rx = new RegExp('^' + re + '$');
  return (a) => rx.test(a);
}

function escapeRegex(ch: string): string {
  return /[.*+?^${}()|[\]\\]/.test(ch) ? '\\' + ch : ch;
}
