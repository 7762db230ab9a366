/**
 * The ABAC condition subset the sandbox evaluates (spec §1.9, S13).
 *
 * Supported: `ActionMatches{'…'}`, `SubOperationMatches{'…'}`, `NOT` / `!`, `AND` / `&&`, `OR` / `||`,
 * parentheses, and attribute comparisons `@Request[…]` / `@Resource[…]` / `@Principal[…]` /
 * `@Environment[…]` with the String/Guid operators (optionally prefixed `ForAnyOfAnyValues:` and
 * friends) against a quoted string or a `{…}` set. That covers the blob-storage examples and the
 * role-definition conditions of Key Vault / VM Data Access Administrator.
 *
 * Evaluation is three-valued: an attribute the request did not supply, or an operator we do not
 * model, is `unknown` rather than a guess. `unknown` only matters when the other side of an AND/OR
 * cannot decide the result (Kleene logic), e.g. `(!(ActionMatches{'…/write'})) OR (@Request[…] …)`
 * is decided by the left side for every action but the write. A condition that stays `unknown`
 * counts as not met, and the trace says why: it is safer to deny than to grant on a guess.
 */
import { matchesAction } from './wildcard';
import type { ConditionContext } from './types';

type Node =
  | { k: 'and' | 'or'; l: Node; r: Node }
  | { k: 'not'; e: Node }
  | { k: 'action'; pattern: string }
  | { k: 'subOp'; value: string }
  | { k: 'attr'; source: string; name: string; quantifier: string | null; op: string; values: string[] };

export type ConditionValue = true | false | 'unknown';

export interface ConditionResult {
  outcome: 'met' | 'notMet' | 'notEvaluable';
  /** Plain-language reason, suitable for a trace line. */
  detail: string;
}

export class ConditionSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConditionSyntaxError';
  }
}

const parsed = new Map<string, Node | ConditionSyntaxError>();

/** Evaluates a condition for an action (and optional request context). Never throws. */
export function evaluateCondition(condition: string, action: string, ctx: ConditionContext | undefined): ConditionResult {
  let ast = parsed.get(condition);
  if (ast === undefined) {
    try {
      ast = parseCondition(condition);
    } catch (e) {
      ast = e instanceof ConditionSyntaxError ? e : new ConditionSyntaxError(String(e));
    }
    if (parsed.size > 1000) parsed.clear();
    parsed.set(condition, ast);
  }
  if (ast instanceof ConditionSyntaxError) {
    return { outcome: 'notEvaluable', detail: `the condition could not be parsed (${ast.message}), so it counts as not met` };
  }
  const why: string[] = [];
  const v = evalNode(ast, action.toLowerCase(), ctx, why);
  if (v === true) return { outcome: 'met', detail: 'the condition is met' };
  if (v === false) return { outcome: 'notMet', detail: 'the condition is not met' };
  return {
    outcome: 'notEvaluable',
    detail: `the condition could not be evaluated (${why[0] ?? 'unknown reason'}), so it counts as not met`,
  };
}

/** Parses a condition into its syntax tree; throws ConditionSyntaxError naming the problem. */
export function parseCondition(text: string): Node {
  const p = new Parser(text);
  const node = p.parseOr();
  p.skipWs();
  if (!p.done()) throw new ConditionSyntaxError(`unexpected '${p.rest(12)}' at position ${p.pos}`);
  return node;
}

class Parser {
  pos = 0;
  constructor(private readonly s: string) {}

  done(): boolean {
    return this.pos >= this.s.length;
  }
  rest(n: number): string {
    return this.s.slice(this.pos, this.pos + n);
  }
  skipWs(): void {
    while (!this.done() && /\s/.test(this.s[this.pos] as string)) this.pos++;
  }
  private keyword(...words: string[]): boolean {
    this.skipWs();
    for (const w of words) {
      const slice = this.s.slice(this.pos, this.pos + w.length);
      const isWord = /^[A-Za-z]/.test(w);
      const next = this.s[this.pos + w.length];
      if (slice.toUpperCase() === w.toUpperCase() && (!isWord || next === undefined || !/[A-Za-z]/.test(next))) {
        this.pos += w.length;
        return true;
      }
    }
    return false;
  }

  parseOr(): Node {
    let l = this.parseAnd();
    while (this.keyword('OR', '||')) l = { k: 'or', l, r: this.parseAnd() };
    return l;
  }
  parseAnd(): Node {
    let l = this.parseUnary();
    while (this.keyword('AND', '&&')) l = { k: 'and', l, r: this.parseUnary() };
    return l;
  }
  parseUnary(): Node {
    if (this.keyword('NOT', '!')) return { k: 'not', e: this.parseUnary() };
    this.skipWs();
    if (this.s[this.pos] === '(') {
      this.pos++;
      const e = this.parseOr();
      this.skipWs();
      if (this.s[this.pos] !== ')') throw new ConditionSyntaxError(`missing ')' at position ${this.pos}`);
      this.pos++;
      return e;
    }
    if (this.keyword('ActionMatches')) return { k: 'action', pattern: this.braceString('ActionMatches') };
    if (this.keyword('SubOperationMatches')) return { k: 'subOp', value: this.braceString('SubOperationMatches') };
    if (this.s[this.pos] === '@') return this.attribute();
    if (this.done()) throw new ConditionSyntaxError('the condition ends where an expression was expected');
    throw new ConditionSyntaxError(`unexpected '${this.rest(12)}' at position ${this.pos}`);
  }

  private braceString(fn: string): string {
    this.skipWs();
    if (this.s[this.pos] !== '{') throw new ConditionSyntaxError(`${fn} needs {'…'} at position ${this.pos}`);
    this.pos++;
    this.skipWs();
    const v = this.quoted();
    this.skipWs();
    if (this.s[this.pos] !== '}') throw new ConditionSyntaxError(`${fn} is missing '}' at position ${this.pos}`);
    this.pos++;
    return v;
  }

  private quoted(): string {
    if (this.s[this.pos] !== "'") throw new ConditionSyntaxError(`expected a quoted string at position ${this.pos}`);
    const end = this.s.indexOf("'", this.pos + 1);
    if (end < 0) throw new ConditionSyntaxError(`unterminated string at position ${this.pos}`);
    const v = this.s.slice(this.pos + 1, end);
    this.pos = end + 1;
    return v;
  }

  private attribute(): Node {
    const m = /^@(Request|Resource|Principal|Environment)\[([^\]]+)\]/i.exec(this.s.slice(this.pos));
    if (!m) throw new ConditionSyntaxError(`malformed attribute at position ${this.pos}`);
    this.pos += m[0].length;
    this.skipWs();
    const opm = /^(?:(ForAnyOfAnyValues|ForAllOfAnyValues|ForAnyOfAllValues|ForAllOfAllValues):)?([A-Za-z]+)/.exec(
      this.s.slice(this.pos),
    );
    if (!opm) throw new ConditionSyntaxError(`expected an operator after ${m[0]} at position ${this.pos}`);
    this.pos += opm[0].length;
    this.skipWs();
    let values: string[];
    if (this.s[this.pos] === '{') {
      const end = this.s.indexOf('}', this.pos);
      if (end < 0) throw new ConditionSyntaxError(`unterminated value set at position ${this.pos}`);
      values = this.s
        .slice(this.pos + 1, end)
        .split(',')
        .map((v) => v.trim().replace(/^'(.*)'$/, '$1'))
        .filter((v) => v !== '');
      this.pos = end + 1;
    } else if (this.s[this.pos] === "'") {
      values = [this.quoted()];
    } else {
      const lit = /^[^\s()]+/.exec(this.s.slice(this.pos));
      if (!lit) throw new ConditionSyntaxError(`expected a value at position ${this.pos}`);
      values = [lit[0]];
      this.pos += lit[0].length;
    }
    return {
      k: 'attr',
      source: (m[1] as string).toLowerCase(),
      name: m[2] as string,
      quantifier: opm[1] ?? null,
      op: opm[2] as string,
      values,
    };
  }
}

function evalNode(n: Node, action: string, ctx: ConditionContext | undefined, why: string[]): ConditionValue {
  switch (n.k) {
    case 'and': {
      const l = evalNode(n.l, action, ctx, why);
      if (l === false) return false;
      const r = evalNode(n.r, action, ctx, why);
      if (r === false) return false;
      return l === true && r === true ? true : 'unknown';
    }
    case 'or': {
      const l = evalNode(n.l, action, ctx, why);
      if (l === true) return true;
      const r = evalNode(n.r, action, ctx, why);
      if (r === true) return true;
      return l === false && r === false ? false : 'unknown';
    }
    case 'not': {
      const v = evalNode(n.e, action, ctx, why);
      return v === 'unknown' ? v : !v;
    }
    case 'action':
      return matchesAction(n.pattern, action);
    case 'subOp':
      // A request without a sub-operation (a plain blob read) simply does not match one.
      return ctx?.subOperation !== undefined && ctx.subOperation.toLowerCase() === n.value.toLowerCase();
    case 'attr':
      return evalAttribute(n, ctx, why);
  }
}

const COMPARERS: Record<string, (a: string, v: string) => boolean> = {
  stringequals: (a, v) => a === v,
  stringequalsignorecase: (a, v) => a.toLowerCase() === v.toLowerCase(),
  stringlike: (a, v) => likeToRegex(v).test(a),
  stringstartswith: (a, v) => a.startsWith(v),
  stringstartswithignorecase: (a, v) => a.toLowerCase().startsWith(v.toLowerCase()),
  guidequals: (a, v) => a.toLowerCase() === v.toLowerCase(),
};
const NEGATIONS: Record<string, string> = {
  stringnotequals: 'stringequals',
  stringnotequalsignorecase: 'stringequalsignorecase',
  stringnotlike: 'stringlike',
  stringnotstartswith: 'stringstartswith',
  stringnotstartswithignorecase: 'stringstartswithignorecase',
  guidnotequals: 'guidequals',
};

function evalAttribute(n: Extract<Node, { k: 'attr' }>, ctx: ConditionContext | undefined, why: string[]): ConditionValue {
  const op = n.op.toLowerCase();
  const positive = NEGATIONS[op] ?? op;
  const cmp = COMPARERS[positive];
  if (!cmp) {
    why.push(`the operator '${n.op}' is not modelled by the sandbox`);
    return 'unknown';
  }
  const bag = n.source === 'request' ? ctx?.request : n.source === 'resource' ? ctx?.resource : undefined;
  const raw = bag ? lookupIgnoreCase(bag, n.name) : undefined;
  if (raw === undefined) {
    why.push(`the request did not supply @${capitalise(n.source)}[${n.name}]`);
    return 'unknown';
  }
  const attrs = typeof raw === 'string' ? [raw] : [...raw];
  const one = (a: string) => n.values.some((v) => cmp(a, v));
  const all = (a: string) => n.values.every((v) => cmp(a, v));
  let result: boolean;
  // Without a quantifier, a single-valued attribute is compared with the (usually single) value.
  switch (n.quantifier?.toLowerCase()) {
    case 'forallofanyvalues':
      result = attrs.every(one);
      break;
    case 'foranyofallvalues':
      result = attrs.some(all);
      break;
    case 'forallofallvalues':
      result = attrs.every(all);
      break;
    default:
      result = attrs.some(one);
  }
  return op in NEGATIONS ? !result : result;
}

function lookupIgnoreCase<T>(bag: Readonly<Record<string, T>>, name: string): T | undefined {
  if (name in bag) return bag[name];
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(bag)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

function likeToRegex(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp('^' + body + '$');
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
