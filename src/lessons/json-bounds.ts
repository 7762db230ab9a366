/**
 * How deep and how big a parsed JSON value is, measured without recursion, so a hostile document
 * (a share link whose diff nests 100,000 levels deep) is refused before anything recursive —
 * structuredClone, JSON.stringify, schema checks — meets it and overflows the stack.
 */

export interface JsonBounds {
  /** Nesting levels of arrays and objects; the top-level value is level 1. */
  maxDepth: number;
  /** Values counted one by one (every array, object, string, number, boolean, null). */
  maxNodes: number;
}

/** Null when `value` is within both bounds, else which bound it passes, in words. */
export function exceedsJsonBounds(value: unknown, bounds: JsonBounds): string | null {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  let nodes = 0;
  while (stack.length) {
    const { value: node, depth } = stack.pop()!;
    if (++nodes > bounds.maxNodes) return `it holds more than ${bounds.maxNodes} values`;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > bounds.maxDepth) return `it nests deeper than ${bounds.maxDepth} levels`;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push({ value: child, depth: depth + 1 });
  }
  return null;
}
