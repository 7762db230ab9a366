/**
 * Command-mode argument tokenizer. tree-sitter-powershell handles expressions well but stumbles on
 * command arguments (`Select-Object id, name`, `-First` read as `-f`, `1..3` as a command name), so the
 * arguments of every command are tokenized here with PowerShell's command-mode rules; arguments that are
 * expressions (`$x.y`, `"…$a…"`, `@{…}`, `(…)`, `{…}`) are handed back as source ranges for the parser.
 */
import { parseNumber } from '../runtime/conversions';
import type { ParseIssue } from './lexical-scan';

export type ArgValue =
  | { kind: 'literal'; value: unknown; start: number; end: number }
  | { kind: 'expr'; start: number; end: number }
  | { kind: 'list'; items: ArgValue[]; start: number; end: number };

export type CommandElement =
  | { kind: 'param'; name: string; start: number; end: number; value?: ArgValue }
  | { kind: 'arg'; value: ArgValue; start: number; end: number }
  | { kind: 'splat'; name: string; start: number; end: number }
  | { kind: 'redirect'; op: string; target?: ArgValue; start: number; end: number };

export interface TokenizedCommand {
  elements: CommandElement[];
  /** Where tokenizing stopped: a `|`, `;`, newline or the end of the range. */
  end: number;
  issues: ParseIssue[];
}

const BAREWORD_END = /[\s;|,(){}]/;
const NUMBER = /^-?(0x[0-9a-f]+|(\d+\.?\d*|\.\d+)(e[+-]?\d+)?)(kb|mb|gb|tb|pb)?[ld]?$/i;

/** Skips a balanced bracket group starting at `i` (text[i] is the opener); string- and comment-aware. */
export function skipBalanced(text: string, i: number, limit: number): number {
  const stack: string[] = [];
  while (i < limit) {
    const c = text[i] as string;
    if (c === '`') {
      i += 2;
      continue;
    }
    if (c === "'") {
      i = skipSingleQuoted(text, i, limit);
      continue;
    }
    if (c === '"') {
      i = skipDoubleQuoted(text, i, limit);
      continue;
    }
    if (c === '(' || c === '{' || c === '[') stack.push(c === '(' ? ')' : c === '{' ? '}' : ']');
    else if (c === ')' || c === '}' || c === ']') {
      if (stack[stack.length - 1] === c) stack.pop();
      if (stack.length === 0) return i + 1;
    }
    i++;
  }
  return limit;
}

function skipSingleQuoted(text: string, i: number, limit: number): number {
  i++;
  while (i < limit) {
    if (text[i] === "'") {
      if (text[i + 1] === "'") i += 2;
      else return i + 1;
    } else i++;
  }
  return limit;
}

function skipDoubleQuoted(text: string, i: number, limit: number): number {
  i++;
  while (i < limit) {
    const c = text[i];
    if (c === '`') i += 2;
    else if (c === '"') {
      if (text[i + 1] === '"') i += 2;
      else return i + 1;
    } else if (c === '$' && text[i + 1] === '(') i = skipBalanced(text, i + 1, limit);
    else i++;
  }
  return limit;
}

function skipHereString(text: string, i: number, limit: number): number {
  const quote = text[i + 1] as string;
  const close = '\n' + quote + '@';
  const at = text.indexOf(close, i + 2);
  return at === -1 || at + close.length > limit ? limit : at + close.length;
}

/** After a primary expression, consume `.member`, `::member`, `[index]` and `(args)` that follow without spaces. */
function skipPostfix(text: string, i: number, limit: number): number {
  while (i < limit) {
    const c = text[i];
    if (c === '.' && /[A-Za-z_$"'(]/.test(text[i + 1] ?? '')) {
      i++;
      if (text[i] === '$') i = skipVariable(text, i, limit);
      else if (text[i] === '"') i = skipDoubleQuoted(text, i, limit);
      else if (text[i] === "'") i = skipSingleQuoted(text, i, limit);
      else if (text[i] === '(') i = skipBalanced(text, i, limit);
      else while (i < limit && /[\w-]/.test(text[i] as string) && !(text[i] === '-' && !/\w/.test(text[i + 1] ?? ''))) i++;
    } else if (c === ':' && text[i + 1] === ':') {
      i += 2;
      while (i < limit && /\w/.test(text[i] as string)) i++;
    } else if (c === '[' || c === '(') i = skipBalanced(text, i, limit);
    else break;
  }
  return i;
}

function skipVariable(text: string, i: number, limit: number): number {
  // text[i] === '$'
  if (text[i + 1] === '{') {
    const close = text.indexOf('}', i);
    return close === -1 ? limit : Math.min(close + 1, limit);
  }
  if (text[i + 1] === '(') return skipBalanced(text, i + 1, limit);
  let j = i + 1;
  if (j < limit && /[?$^_]/.test(text[j] as string) && !/\w/.test(text[j + 1] ?? '')) return j + 1;
  while (j < limit && /[\w:]/.test(text[j] as string)) {
    if (text[j] === ':' && (text[j + 1] === ':' || !/\w/.test(text[j + 1] ?? ''))) break;
    j++;
  }
  return j;
}

/** Tokenizes command arguments in `text[start, limit)`. */
export function tokenizeCommandArgs(text: string, start: number, limit: number): TokenizedCommand {
  const elements: CommandElement[] = [];
  const issues: ParseIssue[] = [];
  let i = start;
  let pendingComma: ArgValue | null = null;
  let pendingParamValue: { kind: 'param'; name: string; start: number; end: number; value?: ArgValue } | null = null;

  const pushValue = (v: ArgValue) => {
    if (pendingParamValue) {
      pendingParamValue.value = v;
      pendingParamValue.end = v.end;
      pendingParamValue = null;
      return;
    }
    if (pendingComma) {
      const list: ArgValue = pendingComma.kind === 'list' ? pendingComma : { kind: 'list', items: [pendingComma], start: pendingComma.start, end: pendingComma.end };
      if (list.kind === 'list') {
        list.items.push(v);
        list.end = v.end;
      }
      pendingComma = null;
      const last = elements[elements.length - 1];
      if (last?.kind === 'arg') {
        last.value = list;
        last.end = list.end;
      } else if (last?.kind === 'param') {
        last.value = list;
        last.end = list.end;
      }
      return;
    }
    elements.push({ kind: 'arg', value: v, start: v.start, end: v.end });
  };

  while (i < limit) {
    const c = text[i] as string;
    if (c === '`' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\r' ? 3 : 2;
      continue;
    }
    if (c === '\n' || c === ';' || c === '|') break;
    if (c === '#' && /\s/.test(text[i - 1] ?? ' ')) {
      while (i < limit && text[i] !== '\n') i++;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === ')' || c === '}') break;
    if (c === ',') {
      const last = elements[elements.length - 1];
      const prev = last?.kind === 'arg' ? last.value : last?.kind === 'param' ? last.value : undefined;
      if (!prev) {
        issues.push({ message: "Missing expression after unary operator ','.", errorId: 'MissingExpressionAfterOperator', start: i, end: i + 1, incomplete: false });
      } else pendingComma = prev;
      i++;
      continue;
    }
    const tokStart = i;
    // Redirections: 2>&1, >, >>, 2>, *>, 2>$null
    const redir = /^(\*|[1-6])?>(>|&1|&2)?/.exec(text.slice(i, Math.min(limit, i + 4)));
    if (redir) {
      i += redir[0].length;
      while (i < limit && (text[i] === ' ' || text[i] === '\t')) i++;
      let target: ArgValue | undefined;
      if (!redir[0].includes('&')) {
        const tStart = i;
        while (i < limit && !BAREWORD_END.test(text[i] as string)) i++;
        const raw = text.slice(tStart, i);
        target = raw.startsWith('$') ? { kind: 'expr', start: tStart, end: i } : { kind: 'literal', value: raw, start: tStart, end: i };
      }
      elements.push({ kind: 'redirect', op: redir[0], target, start: tokStart, end: i });
      continue;
    }
    if (c === '-' && /[A-Za-z_?]/.test(text[i + 1] ?? '') && !pendingComma) {
      let j = i + 1;
      while (j < limit && !/[\s:;|,(){}]/.test(text[j] as string)) j++;
      const name = text.slice(i + 1, j);
      const param: { kind: 'param'; name: string; start: number; end: number; value?: ArgValue } = { kind: 'param', name, start: i, end: j };
      elements.push(param);
      i = j;
      if (text[i] === ':') {
        i++;
        pendingParamValue = param;
      }
      continue;
    }
    if (c === '@' && /[A-Za-z_]/.test(text[i + 1] ?? '')) {
      let j = i + 1;
      while (j < limit && /\w/.test(text[j] as string)) j++;
      elements.push({ kind: 'splat', name: text.slice(i + 1, j), start: i, end: j });
      i = j;
      continue;
    }
    const value = readArgument(text, i, limit, issues);
    if (value) pushValue(value);
    i = value ? Math.max(value.end, i + 1) : i + 1;
  }
  return { elements, end: Math.min(i, limit), issues };
}

const AMPERSAND_MESSAGE =
  'The ampersand (&) character is not allowed. The & operator is reserved for future use; wrap an ampersand in double quotation marks ("&") to pass it as part of a string.';

/**
 * Reads one command-mode argument at `i` (not a parameter, splat or redirection): an expression
 * (`$x.y`, `"…"`, `(…)`, `{…}`, `@(…)`, `[type]…`) comes back as a source range for the parser, a number
 * or bare word as a literal. A bare `&` is not an argument: it is reported in `issues` and gives null.
 */
export function readArgument(text: string, i: number, limit: number, issues: ParseIssue[]): ArgValue | null {
  const c = text[i] as string;
  let end: number;
  let isExpr = true;
  if (c === "'") end = skipPostfix(text, skipSingleQuoted(text, i, limit), limit);
  else if (c === '"') end = skipPostfix(text, skipDoubleQuoted(text, i, limit), limit);
  else if (c === '@' && (text[i + 1] === '"' || text[i + 1] === "'")) end = skipHereString(text, i, limit);
  else if (c === '@' && (text[i + 1] === '(' || text[i + 1] === '{')) end = skipPostfix(text, skipBalanced(text, i + 1, limit), limit);
  else if (c === '$') end = skipPostfix(text, skipVariable(text, i, limit), limit);
  else if (c === '(' || c === '{') end = skipPostfix(text, skipBalanced(text, i, limit), limit);
  else if (c === '[') {
    end = skipBalanced(text, i, limit);
    // A cast or static member: [int]$x, [Convert]::FromBase64String($s)
    if (text[end] === '$' || text[end] === '(' || text[end] === '@' || text[end] === '"' || text[end] === "'") {
      end = tokenizeOne(text, end, limit);
    }
    end = skipPostfix(text, end, limit);
  } else if (c === '&') {
    issues.push({ message: AMPERSAND_MESSAGE, errorId: 'AmpersandNotAllowed', start: i, end: i + 1, incomplete: false });
    return null;
  } else {
    isExpr = false;
    let j = i;
    while (j < limit && !BAREWORD_END.test(text[j] as string)) {
      if (text[j] === '`') j++;
      else if (text[j] === '&') issues.push({ message: AMPERSAND_MESSAGE, errorId: 'AmpersandNotAllowed', start: j, end: j + 1, incomplete: false });
      j++;
    }
    end = j;
  }
  end = Math.min(end, limit);
  const raw = text.slice(i, end);
  if (isExpr) return { kind: 'expr', start: i, end };
  if (NUMBER.test(raw) && !/^-?\d+\.\d+\./.test(raw)) return { kind: 'literal', value: parseNumber(raw.replace(/[ld]$/i, '')) ?? raw, start: i, end };
  return { kind: 'literal', value: raw.replace(/`(.)/g, '$1'), start: i, end };
}

function tokenizeOne(text: string, i: number, limit: number): number {
  const c = text[i];
  if (c === '$') return skipVariable(text, i, limit);
  if (c === '"') return skipDoubleQuoted(text, i, limit);
  if (c === "'") return skipSingleQuoted(text, i, limit);
  if (c === '@') return skipBalanced(text, i + 1, limit);
  return skipBalanced(text, i, limit);
}
