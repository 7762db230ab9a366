/**
 * Reads a `switch` statement straight from the source with 5.1's own rules (SwitchStatementRule in
 * System.Management.Automation's parser): flags, `( value )` or `-File name`, then condition/block pairs.
 * tree-sitter-powershell wants a newline or `;` after every clause and reads quoted conditions as bare
 * words, so `switch ($x) { 1 {"a"} 2 {"b"} }` or a condition like "^a(.)" come out of it mangled, at
 * times with the statements around them. So tree-sitter is shown the switch with its body blanked
 * (blankSwitchBodies); the evaluator and the parse-error pass use this reading of the statement's shape,
 * and parse each condition and clause block on its own.
 */
import { readArgument, skipBalanced, type ArgValue } from './command-line';
import type { ParseIssue } from './lexical-scan';

export interface Span {
  start: number;
  end: number;
}

export interface SwitchClause {
  condition: ArgValue;
  /** The `{ … }` block, braces included. */
  body: Span;
}

export interface SwitchFlags {
  regex: boolean;
  wildcard: boolean;
  caseSensitive: boolean;
  file: boolean;
  parallel: boolean;
}

export interface SwitchSyntax {
  flags: SwitchFlags;
  /** The pipeline inside `switch ( … )` (trimmed); null with -File. */
  value: Span | null;
  /** The `{ … }` holding the clauses, braces included. */
  body: Span;
  clauses: SwitchClause[];
  defaultClause: SwitchClause | null;
  /** Just past the closing `}`. */
  end: number;
  /** 5.1's parse error for a malformed statement (at most one: the first). */
  issues: ParseIssue[];
}

/** Skips whitespace and comments; newlines (and `;`) only when asked, as the parser's SkipNewlines does. */
function skipTrivia(text: string, i: number, newlines: boolean, semicolons = false): number {
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '`' && (text[i + 1] === '\n' || text[i + 1] === '\r')) i += text[i + 1] === '\r' && text[i + 2] === '\n' ? 3 : 2;
    else if (c === '<' && text[i + 1] === '#') {
      const close = text.indexOf('#>', i + 2);
      i = close === -1 ? text.length : close + 2;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '\n' ? newlines : c === ';' ? semicolons : /\s/.test(c)) i++;
    else break;
  }
  return i;
}

function issue(message: string, errorId: string, start: number, end = start): ParseIssue {
  return { message, errorId, start, end, incomplete: false };
}

const FLAG_NAMES = ['regex', 'wildcard', 'exact', 'casesensitive', 'parallel', 'file'] as const;

/** Reads the switch statement whose `switch` keyword starts at `start`. */
export function scanSwitch(text: string, start: number): SwitchSyntax {
  const flags: SwitchFlags = { regex: false, wildcard: false, caseSensitive: false, file: false, parallel: false };
  const result: SwitchSyntax = { flags, value: null, body: { start: text.length, end: text.length }, clauses: [], defaultClause: null, end: text.length, issues: [] };
  const fail = (x: ParseIssue): SwitchSyntax => {
    result.issues.push(x);
    return result;
  };
  let last = start + 'switch'.length;
  let i = skipTrivia(text, last, true);
  let file: ArgValue | null = null;
  while (text[i] === '-' && /[A-Za-z_]/.test(text[i + 1] ?? '')) {
    let j = i + 1;
    while (j < text.length && /[^\s(){};,|&:]/.test(text[j] as string)) j++;
    const name = text.slice(i + 1, j).toLowerCase();
    // The parser matches a switch flag by prefix, so -r is -Regex and -c is -CaseSensitive.
    const flag = FLAG_NAMES.find((f) => f.startsWith(name));
    last = j;
    if (!flag) return fail(issue(`The parameter ${text.slice(i + 1, j)} is not valid for the switch statement.`, 'InvalidSwitchFlag', i, j));
    if (flag === 'regex') [flags.regex, flags.wildcard] = [true, false];
    else if (flag === 'wildcard') [flags.wildcard, flags.regex] = [true, false];
    else if (flag === 'exact') [flags.regex, flags.wildcard] = [false, false];
    else if (flag === 'casesensitive') flags.caseSensitive = true;
    else if (flag === 'parallel') flags.parallel = true;
    else {
      flags.file = true;
      const at = skipTrivia(text, j, true);
      file = at < text.length ? readArgument(text, at, text.length, []) : null;
      if (!file) return fail(issue("Cannot process the 'switch' statement because of a missing file name argument to the -file option.", 'MissingFilenameOption', j));
      last = file.end;
    }
    i = skipTrivia(text, last, false);
  }
  if (text[i] === '(') {
    if (flags.file) return fail(issue("A switch statement must have one of the following:  '-file file_name' or '( expression )'.", 'PipelineValueRequired', i, i + 1));
    const close = skipBalanced(text, i, text.length);
    if (text[close - 1] !== ')') return fail(issue("Missing ')' after expression in switch statement.", 'MissingEndParenthesisInSwitchStatement', close));
    const inner = text.slice(i + 1, close - 1);
    const lead = inner.length - inner.trimStart().length;
    if (inner.trim() === '') return fail(issue("A switch statement must have one of the following:  '-file file_name' or '( expression )'.", 'PipelineValueRequired', i + 1));
    result.value = { start: i + 1 + lead, end: i + 1 + lead + inner.trim().length };
    last = close;
  } else if (!flags.file) return fail(issue("A switch statement must have one of the following:  '-file file_name' or '( expression )'.", 'PipelineValueRequired', last));
  i = skipTrivia(text, last, true);
  if (text[i] !== '{') return fail(issue("Missing '{' in switch statement.", 'MissingCurlyBraceInSwitchStatement', last));
  result.body.start = i;
  last = i + 1;
  i = skipTrivia(text, last, true);
  for (;;) {
    const condition = i < text.length && !/[})\];|,]/.test(text[i] as string) ? readArgument(text, i, text.length, result.issues) : null;
    if (!condition) return fail(issue('Missing condition in switch statement clause.', 'MissingSwitchConditionExpression', last));
    last = condition.end;
    i = skipTrivia(text, last, true);
    if (text[i] !== '{') return fail(issue('Missing statement block in switch statement clause.', 'MissingSwitchStatementClause', last));
    const bodyEnd = skipBalanced(text, i, text.length);
    if (text[bodyEnd - 1] !== '}') return fail(issue("Missing closing '}' in statement block or type definition.", 'MissingEndCurlyBrace', i, i + 1));
    const clause: SwitchClause = { condition, body: { start: i, end: bodyEnd } };
    const bare = condition.kind === 'literal' && typeof condition.value === 'string' && text.slice(condition.start, condition.end).toLowerCase() === 'default';
    if (bare && result.defaultClause) return fail(issue('A switch statement can have only one default clause.', 'MultipleSwitchDefaultClauses', condition.start, condition.end));
    if (bare) result.defaultClause = clause;
    else result.clauses.push(clause);
    last = bodyEnd;
    i = skipTrivia(text, last, true, true);
    if (text[i] === '}') {
      result.end = result.body.end = i + 1;
      return result;
    }
    if (i >= text.length) return fail(issue("Missing closing '}' in statement block or type definition.", 'MissingEndCurlyBrace', start, start + 1));
  }
}

/**
 * `source` with the clauses of every well-formed switch statement (their `switch` keywords at
 * `keywordStarts`, in order) blanked out, newlines kept; null when there is nothing to blank.
 */
export function blankSwitchBodies(source: string, keywordStarts: number[]): string | null {
  let out = source;
  let blankedUntil = -1;
  for (const start of keywordStarts) {
    if (start < blankedUntil) continue;
    const shape = scanSwitch(source, start);
    if (shape.issues.length) continue;
    const { body } = shape;
    out = out.slice(0, body.start + 1) + source.slice(body.start + 1, body.end - 1).replace(/[^\n]/g, ' ') + out.slice(body.end - 1);
    blankedUntil = body.end;
  }
  return out === source ? null : out;
}
