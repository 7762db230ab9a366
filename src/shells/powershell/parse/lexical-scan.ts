/**
 * A lexical pass over PowerShell source that tracks strings, here-strings, comments and brackets.
 * It answers two questions tree-sitter answers poorly: "is this input unfinished?" (the terminal then
 * shows `>> ` as 5.1 does) and "which of 5.1's well-known parser errors applies, and where?" (tree-sitter's
 * error recovery puts ERROR nodes in places that do not match PowerShell's messages).
 */

export interface ParseIssue {
  message: string;
  errorId: string;
  start: number;
  end: number;
  /** True when more input could complete the script (the interactive host would prompt `>> `). */
  incomplete: boolean;
}

type FrameKind = 'code' | 'dq' | 'sq' | 'hdq' | 'hsq' | 'comment';

interface Frame {
  kind: FrameKind;
  open: number;
  opener: string;
  closer?: string;
}

export interface ScanResult {
  issues: ParseIssue[];
  /** Input ends with a line-continuation backtick or a pipe: 5.1 keeps reading lines. */
  continues: boolean;
}

const OPENERS: Record<string, string> = { '(': ')', '{': '}', '[': ']' };

function unclosed(frame: Frame, textLength: number): ParseIssue {
  const atEnd = { start: textLength, end: textLength };
  const atOpen = { start: frame.open, end: textLength };
  switch (frame.kind) {
    case 'sq':
      return { message: "The string is missing the terminator: '.", errorId: 'TerminatorExpectedAtEndOfString', ...atOpen, incomplete: true };
    case 'dq':
      return { message: 'The string is missing the terminator: ".', errorId: 'TerminatorExpectedAtEndOfString', ...atOpen, incomplete: true };
    case 'hdq':
      return { message: 'The string is missing the terminator: "@.', errorId: 'TerminatorExpectedAtEndOfString', ...atOpen, incomplete: true };
    case 'hsq':
      return { message: "The string is missing the terminator: '@.", errorId: 'TerminatorExpectedAtEndOfString', ...atOpen, incomplete: true };
    case 'comment':
      // 5.1 wording for an unterminated block comment is not in our sources; this is a plausible rendering.
      return { message: "Missing the terminator '#>' of a block comment.", errorId: 'MissingTerminatorMultiLineComment', ...atOpen, incomplete: true };
    default:
      break;
  }
  switch (frame.opener) {
    case '{':
      return { message: "Missing closing '}' in statement block or type definition.", errorId: 'MissingEndCurlyBrace', start: frame.open, end: frame.open + 1, incomplete: true };
    case '@{':
      return { message: "Missing closing '}' in hash literal.", errorId: 'IncompleteHashLiteral', start: frame.open, end: frame.open + 2, incomplete: true };
    case '$(':
    case '@(':
      return { message: "Missing closing ')' in subexpression.", errorId: 'MissingEndParenthesisInSubexpression', ...atEnd, incomplete: true };
    case '[':
      return { message: "Missing ']' after array index expression.", errorId: 'MissingEndSquareBracket', ...atEnd, incomplete: true };
    default:
      return { message: "Missing closing ')' in expression.", errorId: 'MissingEndParenthesisInExpression', ...atEnd, incomplete: true };
  }
}

function isCommentStart(text: string, i: number): boolean {
  if (i === 0) return true;
  return /[\s;|(){},=]/.test(text[i - 1] ?? ' ');
}

export function scanSource(text: string): ScanResult {
  const stack: Frame[] = [{ kind: 'code', open: 0, opener: '' }];
  const issues: ParseIssue[] = [];
  let lastSignificant = -1;
  let i = 0;
  const atLineStart = (pos: number) => pos === 0 || text[pos - 1] === '\n';

  while (i < text.length) {
    const top = stack[stack.length - 1] as Frame;
    const ch = text[i] as string;
    const next = text[i + 1];
    switch (top.kind) {
      case 'sq':
        if (ch === "'") {
          if (next === "'") i += 2;
          else {
            stack.pop();
            i++;
          }
        } else i++;
        continue;
      case 'hsq':
        if (ch === "'" && next === '@' && atLineStart(i)) {
          stack.pop();
          i += 2;
        } else i++;
        continue;
      case 'comment':
        if (ch === '#' && next === '>') {
          stack.pop();
          i += 2;
        } else i++;
        continue;
      case 'dq':
      case 'hdq':
        if (ch === '`') i += 2;
        else if (top.kind === 'dq' && ch === '"') {
          if (next === '"') i += 2;
          else {
            stack.pop();
            i++;
          }
        } else if (top.kind === 'hdq' && ch === '"' && next === '@' && atLineStart(i)) {
          stack.pop();
          i += 2;
        } else if (ch === '$' && next === '(') {
          stack.push({ kind: 'code', open: i, opener: '$(', closer: ')' });
          i += 2;
        } else i++;
        continue;
      case 'code':
        break;
    }

    // Code mode.
    if (ch === '<' && next === '#') {
      stack.push({ kind: 'comment', open: i, opener: '<#' });
      i += 2;
      continue;
    }
    if (ch === '#' && isCommentStart(text, i)) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (ch === '`') {
      lastSignificant = i;
      i += 2;
      continue;
    }
    if (!/\s/.test(ch)) lastSignificant = i;
    if (ch === "'" || ch === '‘' || ch === '’') {
      stack.push({ kind: 'sq', open: i, opener: "'" });
      i++;
      continue;
    }
    if (ch === '"' || ch === '“' || ch === '”') {
      stack.push({ kind: 'dq', open: i, opener: '"' });
      i++;
      continue;
    }
    if (ch === '@' && (next === '"' || next === "'")) {
      const lineEnd = text.indexOf('\n', i);
      const rest = text.slice(i + 2, lineEnd === -1 ? text.length : lineEnd);
      if (rest.trim() !== '') {
        issues.push({ message: 'No characters are allowed after a here-string header but before the end of the line.', errorId: 'UnexpectedCharactersAfterHereStringHeader', start: i + 2, end: i + 3, incomplete: false });
        i += 2;
        continue;
      }
      stack.push({ kind: next === '"' ? 'hdq' : 'hsq', open: i, opener: '@' + next });
      i = lineEnd === -1 ? text.length : lineEnd + 1;
      continue;
    }
    if ((ch === '@' || ch === '$') && (next === '(' || (ch === '@' && next === '{'))) {
      stack.push({ kind: 'code', open: i, opener: ch + next, closer: OPENERS[next] as string });
      i += 2;
      continue;
    }
    if (ch in OPENERS) {
      stack.push({ kind: 'code', open: i, opener: ch, closer: OPENERS[ch] as string });
      i++;
      continue;
    }
    if (ch === ')' || ch === '}' || ch === ']') {
      if (top.closer === ch) stack.pop();
      else if (issues.length === 0 || issues.every((x) => x.errorId !== 'UnexpectedToken')) {
        issues.push({ message: `Unexpected token '${ch}' in expression or statement.`, errorId: 'UnexpectedToken', start: i, end: i + 1, incomplete: false });
      }
      i++;
      continue;
    }
    if ((ch === '&' && next === '&') || (ch === '|' && next === '|')) {
      issues.push({ message: `The token '${ch}${next}' is not a valid statement separator in this version.`, errorId: 'InvalidEndOfLine', start: i, end: i + 2, incomplete: false });
      i += 2;
      continue;
    }
    if (ch === '<') {
      issues.push({ message: "The '<' operator is reserved for future use.", errorId: 'RedirectionNotSupported', start: i, end: i + 1, incomplete: false });
    }
    i++;
  }

  const top = stack[stack.length - 1] as Frame;
  if (stack.length > 1) issues.unshift(unclosed(top, text.length));
  const last = lastSignificant >= 0 ? text[lastSignificant] : undefined;
  const continues = stack.length === 1 && (last === '`' || last === '|');
  if (stack.length === 1 && last === '|') {
    issues.push({ message: 'An empty pipe element is not allowed.', errorId: 'EmptyPipeElement', start: lastSignificant, end: lastSignificant + 1, incomplete: true });
  }
  return { issues, continues };
}

/** True when the interactive host should keep reading lines (`>> `) instead of running the input. */
export function isIncompleteInput(text: string): boolean {
  const { issues, continues } = scanSource(text);
  if (continues) return true;
  // A hard error (e.g. a stray `}`) means the input can never become valid: run it so the error shows.
  if (issues.some((x) => !x.incomplete)) return false;
  return issues.some((x) => x.incomplete);
}
