/**
 * PowerShell's binary operators with its conversion rules: the left operand picks the type, string
 * comparisons ignore case unless the operator starts with `c`, and comparison operators applied to an
 * array on the left filter it instead of returning a boolean.
 */
import { dotnetToString, formatNumber, parseNumber, toBool, toNumber, toPsString, typeChainOf } from './conversions';
import { PSEnum, PSHashtable, PSType } from './values';
import { checkCollectionLength, checkStringLength } from './size-limit';
import { resolveTypeName, castTo } from './types';

export class OperatorError extends Error {
  constructor(
    message: string,
    readonly errorId: string,
  ) {
    super(message);
  }
}

function isNumeric(v: unknown): v is number {
  return typeof v === 'number';
}

function numericOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof PSEnum) return v.value;
  if (typeof v === 'string') return parseNumber(v);
  if (v === null || v === undefined) return 0;
  return undefined;
}

/** `-eq` for two scalars, converting the right operand to the left operand's type. */
export function scalarEquals(left: unknown, right: unknown, caseSensitive: boolean): boolean {
  if (left === null || left === undefined) return right === null || right === undefined;
  if (right === null || right === undefined) return false;
  if (typeof left === 'string') {
    const r = toPsString(right);
    return caseSensitive ? left === r : left.toLowerCase() === r.toLowerCase();
  }
  if (typeof left === 'number' || left instanceof PSEnum) {
    const l = numericOf(left);
    if (right instanceof PSEnum && left instanceof PSEnum) return left.value === right.value;
    if (left instanceof PSEnum && typeof right === 'string') return left.name.toLowerCase() === right.toLowerCase();
    const r = numericOf(right);
    return r !== undefined && l === r;
  }
  if (typeof left === 'boolean') return left === toBool(right);
  return left === right;
}

function compareScalars(left: unknown, right: unknown, caseSensitive: boolean): number {
  if (isNumeric(left) || left instanceof PSEnum) {
    const r = numericOf(right);
    if (r === undefined) {
      throw new OperatorError(`Could not compare "${toPsString(left)}" to "${toPsString(right)}". Error: "Cannot convert value "${toPsString(right)}" to type "System.Int32". Error: "Input string was not in a correct format.""`, 'ComparisonFailure');
    }
    const l = numericOf(left) as number;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  if (left === null || left === undefined) return right === null || right === undefined ? 0 : -1;
  let l = toPsString(left);
  let r = toPsString(right);
  if (!caseSensitive) {
    l = l.toLowerCase();
    r = r.toLowerCase();
  }
  return l < r ? -1 : l > r ? 1 : 0;
}

/** Converts a PowerShell wildcard (`*`, `?`, `[a-z]`, backtick escapes) to an anchored RegExp. */
export function wildcardToRegExp(pattern: string, caseSensitive = false): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '`' && i + 1 < pattern.length) re += escapeRegExp(pattern[++i] as string);
    else if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end === -1) re += '\\[';
      else {
        re += '[' + pattern.slice(i + 1, end).replace(/\\/g, '\\\\') + ']';
        i = end;
      }
    } else re += escapeRegExp(c);
  }
  return new RegExp('^' + re + '$', caseSensitive ? 'u' : 'iu');
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** .NET regex → JS: the common syntax is shared; named groups `(?<n>…)` match too. */
export function dotnetRegExp(pattern: string, caseSensitive: boolean, global = false): RegExp {
  let flags = caseSensitive ? '' : 'i';
  let p = pattern;
  if (p.startsWith('(?i)')) {
    p = p.slice(4);
    flags = 'i';
  }
  if (global) flags += 'g';
  try {
    return new RegExp(p, flags);
  } catch {
    throw new OperatorError(
      `The regular expression pattern ${pattern} is not valid.`,
      'InvalidRegularExpression',
    );
  }
}

export interface MatchSink {
  setMatches(m: PSHashtable | null): void;
}

function matchesTable(m: RegExpExecArray): PSHashtable {
  const h = new PSHashtable();
  m.forEach((g, i) => {
    if (g !== undefined) h.set(i, g);
  });
  for (const [name, g] of Object.entries(m.groups ?? {})) if (g !== undefined) h.set(name, g);
  return h;
}

function scalarComparison(op: string, left: unknown, right: unknown, cs: boolean, sink: MatchSink | null): boolean {
  switch (op) {
    case 'eq':
      return scalarEquals(left, right, cs);
    case 'ne':
      return !scalarEquals(left, right, cs);
    case 'gt':
      return compareScalars(left, right, cs) > 0;
    case 'ge':
      return compareScalars(left, right, cs) >= 0;
    case 'lt':
      return compareScalars(left, right, cs) < 0;
    case 'le':
      return compareScalars(left, right, cs) <= 0;
    case 'like':
      return wildcardToRegExp(toPsString(right), cs).test(toPsString(left));
    case 'notlike':
      return !wildcardToRegExp(toPsString(right), cs).test(toPsString(left));
    case 'match':
    case 'notmatch': {
      const m = dotnetRegExp(toPsString(right), cs).exec(toPsString(left));
      if (m && sink) sink.setMatches(matchesTable(m));
      return op === 'match' ? m !== null : m === null;
    }
    default:
      throw new OperatorError(`The operator '-${op}' is not simulated here.`, 'OperatorNotSimulated');
  }
}

export interface SwitchMode {
  regex: boolean;
  wildcard: boolean;
  caseSensitive: boolean;
}

/**
 * Whether a switch clause's (non-script-block, non-null) condition matches the input. 5.1 compares them
 * as strings, not with -eq: both sides go through ToString, then -Regex (sets `$Matches` on a match),
 * -Wildcard or plain string equality, ignoring case unless -CaseSensitive. So `switch (1.0) { 1 {…} }`
 * matches but `switch ("01") { 1 {…} }` does not, and an HttpStatusCode input compares by its name.
 */
export function switchConditionMatches(condition: unknown, input: unknown, mode: SwitchMode, sink: MatchSink): boolean {
  const pattern = toPsString(condition);
  const text = toPsString(input);
  if (mode.regex) {
    const m = dotnetRegExp(pattern, mode.caseSensitive).exec(text);
    if (m) sink.setMatches(matchesTable(m));
    return m !== null;
  }
  if (mode.wildcard) return wildcardToRegExp(pattern, mode.caseSensitive).test(text);
  return mode.caseSensitive ? pattern === text : pattern.toLowerCase() === text.toLowerCase();
}

const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'like', 'notlike', 'match', 'notmatch']);

function splitOp(raw: string): { op: string; cs: boolean } {
  const op = raw.replace(/^-/, '').toLowerCase();
  if (/^c(eq|ne|gt|ge|lt|le|like|notlike|match|notmatch|contains|notcontains|in|notin|replace|split)$/.test(op)) return { op: op.slice(1), cs: true };
  if (/^i(eq|ne|gt|ge|lt|le|like|notlike|match|notmatch|contains|notcontains|in|notin|replace|split)$/.test(op)) return { op: op.slice(1), cs: false };
  return { op, cs: false };
}

function contains(collection: unknown, item: unknown, cs: boolean): boolean {
  const items = Array.isArray(collection) ? collection : [collection];
  return items.some((x) => scalarEquals(x, item, cs));
}

function replaceOp(left: unknown, right: unknown, cs: boolean): unknown {
  const args = Array.isArray(right) ? right : [right];
  const re = dotnetRegExp(toPsString(args[0]), cs, true);
  // .NET substitutions ($1, ${name}, $&, $$) share JS's syntax; ${name} maps to $<name>.
  const replacement = toPsString(args[1] ?? '').replace(/\$\{(\w+)\}/g, '$<$1>');
  const one = (v: unknown) => toPsString(v).replace(re, replacement);
  return Array.isArray(left) ? left.map(one) : one(left);
}

function splitStrings(left: unknown, right: unknown, cs: boolean): string[] {
  const args = Array.isArray(right) ? right : [right];
  const re = dotnetRegExp(toPsString(args[0]), cs, true);
  const max = args[1] === undefined ? 0 : toNumber(args[1]);
  const out: string[] = [];
  for (const item of Array.isArray(left) ? left : [left]) {
    const s = toPsString(item);
    if (max > 0) {
      const parts: string[] = [];
      let last = 0;
      for (const m of s.matchAll(re)) {
        if (parts.length === max - 1) break;
        parts.push(s.slice(last, m.index));
        last = (m.index ?? 0) + m[0].length;
      }
      parts.push(s.slice(last));
      out.push(...parts);
    } else out.push(...s.split(re).filter((x): x is string => typeof x === 'string'));
  }
  return out;
}

/** Applies `.NET composite formatting` for the `-f` operator: {index[,alignment][:format]}. */
export function formatOperator(format: string, args: unknown[]): string {
  return format.replace(/\{\{|\}\}|\{(\d+)(?:,(-?\d+))?(?::([^}]*))?\}/g, (whole, idx?: string, align?: string, fmt?: string) => {
    if (whole === '{{') return '{';
    if (whole === '}}') return '}';
    const i = Number(idx);
    if (i >= args.length) {
      throw new OperatorError('Error formatting a string: Index (zero based) must be greater than or equal to zero and less than the size of the argument list..', 'FormatError');
    }
    let s = formatValue(args[i], fmt);
    if (align) {
      const w = Number(align);
      s = w < 0 ? s.padEnd(-w) : s.padStart(w);
    }
    return s;
  });
}

function groupThousands(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function formatValue(v: unknown, fmt: string | undefined): string {
  if (!fmt || typeof v !== 'number') return dotnetToString(v);
  const m = /^([NnFfDdXxPpCcEe])(\d*)$/.exec(fmt);
  if (!m) return formatNumber(v);
  const kind = (m[1] as string).toUpperCase();
  const digits = m[2] ? Number(m[2]) : undefined;
  switch (kind) {
    case 'N': {
      const [i, f] = Math.abs(v).toFixed(digits ?? 2).split('.');
      return (v < 0 ? '-' : '') + groupThousands(i as string) + (f ? '.' + f : '');
    }
    case 'F':
      return v.toFixed(digits ?? 2);
    case 'D':
      return String(Math.trunc(v)).padStart(digits ?? 0, '0');
    case 'X': {
      const s = Math.trunc(v).toString(16).padStart(digits ?? 0, '0');
      return m[1] === 'X' ? s.toUpperCase() : s;
    }
    case 'P':
      return (v * 100).toFixed(digits ?? 2) + ' %';
    case 'C':
      return '$' + groupThousands(Math.abs(v).toFixed(digits ?? 2).split('.')[0] as string) + '.' + (Math.abs(v).toFixed(digits ?? 2).split('.')[1] ?? '');
    default:
      return v.toExponential(digits ?? 6).replace('e', 'E');
  }
}

function arith(op: string, left: unknown, right: unknown): unknown {
  if (op === '+') {
    if (left === null || left === undefined) return right;
    if (typeof left === 'string') {
      const r = toPsString(right);
      checkStringLength(left.length + r.length);
      return left + r;
    }
    if (Array.isArray(left)) {
      const r = Array.isArray(right) ? right : [right];
      checkCollectionLength(left.length + r.length);
      return [...left, ...r];
    }
    if (left instanceof PSHashtable && right instanceof PSHashtable) {
      const h = new PSHashtable(left.ordered);
      for (const e of left.entries.values()) h.set(e.name, e.value);
      for (const e of right.entries.values()) {
        if (h.has(e.name)) throw new OperatorError(`Item has already been added. Key in dictionary: '${toPsString(e.name)}'  Key being added: '${toPsString(e.name)}'`, 'DuplicateKey');
        h.set(e.name, e.value);
      }
      return h;
    }
  }
  if (op === '*') {
    if (typeof left === 'string') {
      const n = Math.max(0, Math.trunc(toNumber(right)));
      checkStringLength(left.length * n);
      return left.repeat(n);
    }
    if (Array.isArray(left)) {
      const n = Math.max(0, Math.trunc(toNumber(right)));
      checkCollectionLength(left.length * n);
      const out: unknown[] = [];
      for (let i = 0; i < n; i++) out.push(...left);
      return out;
    }
  }
  const l = numericOf(left);
  const r = numericOf(right);
  if (l === undefined || r === undefined) {
    const bad = l === undefined ? left : right;
    if (op === '+' || op === '-' || op === '*' || op === '/' || op === '%') {
      if (l === undefined) {
        throw new OperatorError(`Method invocation failed because [${typeChainOf(left)[0]}] does not contain a method named 'op_${{ '+': 'Addition', '-': 'Subtraction', '*': 'Multiply', '/': 'Division', '%': 'Modulus' }[op]}'.`, 'MethodNotFound');
      }
    }
    throw new OperatorError(`Cannot convert value "${toPsString(bad)}" to type "System.Int32". Error: "Input string was not in a correct format."`, 'InvalidCastFromStringToInteger');
  }
  switch (op) {
    case '+':
      return l + r;
    case '-':
      return l - r;
    case '*':
      return l * r;
    case '/':
      if (r === 0) throw new OperatorError('Attempted to divide by zero.', 'RuntimeException');
      return l / r;
    case '%':
      if (r === 0) throw new OperatorError('Attempted to divide by zero.', 'RuntimeException');
      return l % r;
    default:
      throw new OperatorError(`The operator '${op}' is not simulated here.`, 'OperatorNotSimulated');
  }
}

/** Evaluates `left <op> right` for every binary operator except the short-circuiting -and / -or. */
export function binaryOp(rawOp: string, left: unknown, right: unknown, sink: MatchSink | null): unknown {
  if (['+', '-', '*', '/', '%'].includes(rawOp)) return arith(rawOp, left, right);
  const { op, cs } = splitOp(rawOp);
  if (COMPARISONS.has(op)) {
    if (Array.isArray(left)) return left.filter((x) => scalarComparison(op, x, right, cs, null));
    if (sink && (op === 'match' || op === 'notmatch')) sink.setMatches(null);
    return scalarComparison(op, left, right, cs, sink);
  }
  switch (op) {
    case 'contains':
      return contains(left, right, cs);
    case 'notcontains':
      return !contains(left, right, cs);
    case 'in':
      return contains(right, left, cs);
    case 'notin':
      return !contains(right, left, cs);
    case 'replace':
      return replaceOp(left, right, cs);
    case 'split':
      return splitStrings(left, right, cs);
    case 'join':
      return joinStrings(Array.isArray(left) ? left : [left], toPsString(right));
    case 'f':
      return formatOperator(toPsString(left), Array.isArray(right) ? right : [right]);
    case 'is':
    case 'isnot': {
      const name = right instanceof PSType ? right.fullName : resolveTypeName(toPsString(right));
      const is = left !== null && left !== undefined && typeChainOf(left).some((t) => t.toLowerCase() === name.toLowerCase());
      return op === 'is' ? is : !is;
    }
    case 'as': {
      const name = right instanceof PSType ? right.fullName : resolveTypeName(toPsString(right));
      try {
        return castTo(name, left);
      } catch {
        return null;
      }
    }
    case 'xor':
      return toBool(left) !== toBool(right);
    case 'band':
      return toNumber(left) & toNumber(right);
    case 'bor':
      return toNumber(left) | toNumber(right);
    case 'bxor':
      return toNumber(left) ^ toNumber(right);
    case 'shl':
      return toNumber(left) << toNumber(right);
    case 'shr':
      return toNumber(left) >> toNumber(right);
    default:
      throw new OperatorError(`The operator '${rawOp}' is not simulated here.`, 'OperatorNotSimulated');
  }
}

/** `-join`, measuring the result before building it. */
export function joinStrings(items: unknown[], separator: string): string {
  const parts = items.map(toPsString);
  checkStringLength(parts.reduce((n, p) => n + p.length, 0) + separator.length * Math.max(0, parts.length - 1));
  return parts.join(separator);
}

export function rangeOp(from: unknown, to: unknown): number[] {
  const a = Math.trunc(toNumber(from));
  const b = Math.trunc(toNumber(to));
  checkCollectionLength(Math.abs(b - a) + 1);
  const out: number[] = [];
  if (a <= b) for (let i = a; i <= b; i++) out.push(i);
  else for (let i = a; i >= b; i--) out.push(i);
  return out;
}
