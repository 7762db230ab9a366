/**
 * tree-sitter-powershell gives up on some valid command lines (`Select-Object id, name`,
 * `-Property id,name`, `-First` read as the `-f` operator) and wraps the rest of the line in ERROR.
 * Commands are therefore always tokenized to the end of their logical line by the command-mode
 * tokenizer, and an ERROR whose stray pieces all sit inside such a command line is a grammar gap, not
 * a PowerShell parse error.
 */
import type { SyntaxNode as Node } from './syntax-tree';
import { skipBalanced, tokenizeCommandArgs, type TokenizedCommand } from './command-line';

function skipQuoted(text: string, i: number): number {
  const q = text[i];
  i++;
  while (i < text.length) {
    if (text[i] === '`' && q === '"') i += 2;
    else if (text[i] === q) {
      if (text[i + 1] === q) i += 2;
      else return i + 1;
    } else i++;
  }
  return text.length;
}

function skipHereString(text: string, i: number): number {
  const close = '\n' + text[i + 1] + '@';
  const at = text.indexOf(close, i + 2);
  return at === -1 ? text.length : at + close.length;
}

function isCommentStart(text: string, i: number): boolean {
  return i === 0 || /[\s;|(){},=]/.test(text[i - 1] ?? ' ');
}

/**
 * The end of the logical line starting at `start`: a newline or `;` outside brackets, strings,
 * here-strings, comments and backtick continuations (or an unmatched `)` / `}`).
 */
export function logicalLineEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === '`') {
      i += 2;
      continue;
    }
    if (c === '\n' || c === ';') return i;
    if (c === '<' && text[i + 1] === '#') {
      const close = text.indexOf('#>', i + 2);
      i = close === -1 ? text.length : close + 2;
      continue;
    }
    if (c === '#' && isCommentStart(text, i)) {
      const nl = text.indexOf('\n', i);
      return nl === -1 ? text.length : nl;
    }
    if (c === '@' && (text[i + 1] === '"' || text[i + 1] === "'")) {
      i = skipHereString(text, i);
      continue;
    }
    if (c === "'" || c === '"') {
      i = skipQuoted(text, i);
      continue;
    }
    if (c === '(' || c === '{' || c === '[') {
      i = skipBalanced(text, i, text.length);
      continue;
    }
    if (c === ')' || c === '}') return i;
    i++;
  }
  return text.length;
}

const CONTINUATIONS = /^(else|elseif|catch|finally|until)\b/i;

/**
 * Cuts a script into top-level statements (start/end offsets). Used when tree-sitter's error recovery
 * would otherwise merge lines: each statement is then parsed on its own, so a grammar gap on one line
 * cannot swallow the next. `else`/`catch`/`finally` on a new line and a trailing `|` continue a statement.
 */
export function splitStatements(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /[\s;]/.test(text[i] as string)) i++;
    if (i >= text.length) break;
    const start = i;
    let end = logicalLineEnd(text, i);
    for (;;) {
      const piece = text.slice(start, end).trimEnd();
      let next = end;
      while (next < text.length && /\s/.test(text[next] as string)) next++;
      const continues = piece.endsWith('|') || (text[end] !== ';' && CONTINUATIONS.test(text.slice(next, next + 8)) && next < text.length);
      if (!continues || end >= text.length) break;
      const further = logicalLineEnd(text, next);
      // A stray `)` or `}` right after a continuation ends the statement there.
      end = further > next ? further : Math.min(text.length, next + 1);
      if (further <= next) break;
    }
    if (end === start) end = start + 1;
    out.push({ start, end });
    i = end;
  }
  return out;
}

/** Where a command's arguments start: after its name (or after the `&`/`.` target). */
export function commandArgsStart(node: Node): number {
  const nameNode = node.childForFieldName('command_name') ?? node.children.find((c) => c?.type === 'command_name_expr') ?? node.child(0);
  return nameNode ? nameNode.endIndex : node.startIndex;
}

/** Tokenizes a command's arguments up to the end of its logical line (stopping at `|`, `;`, `)` or `}`). */
export function tokenizeCommand(text: string, node: Node): TokenizedCommand {
  const start = commandArgsStart(node);
  return tokenizeCommandArgs(text, start, Math.max(node.endIndex, logicalLineEnd(text, start)));
}

/**
 * `$x.Where{ … }`: a method called with one script block and no parentheses. tree-sitter reads it as a
 * member access whose name sits in an ERROR, followed by the block as a second member name.
 */
export function scriptBlockCall(node: Node): { name: string; block: Node } | null {
  if (node.type !== 'member_access') return null;
  const error = node.children.find((c) => c.type === 'ERROR');
  const nameNode = error?.namedChildren.length === 1 && error.namedChildren[0]?.type === 'member_name' ? error.namedChildren[0] : null;
  const member = nameNode ? node.children.find((c) => c.type === 'member_name' && c.previousSibling === error) : undefined;
  const block = member?.namedChildren.length === 1 ? member.namedChildren[0] : undefined;
  return nameNode && block?.type === 'script_block_expression' ? { name: nameNode.text.trim(), block } : null;
}

const STATEMENTS = new Set(['pipeline', 'pipeline_chain', 'if_statement', 'foreach_statement', 'for_statement', 'while_statement', 'do_statement', 'try_statement', 'flow_control_statement', 'function_statement', 'statement_list', 'empty_statement', 'comment']);

/** True when every stray piece of an ERROR node lies inside a command line that tokenizes cleanly. */
export function isRecoverableError(text: string, node: Node): boolean {
  // `function f { param($a) … }` on one line: tree-sitter wants a newline after param().
  if (node.parent?.type === 'function_statement' && node.namedChildren.every((c) => c?.type === 'param_block')) return true;
  if (node.parent && scriptBlockCall(node.parent)) return true;
  const commands = node.descendantsOfType('command').filter((c): c is Node => c !== null);
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'command') {
      commands.push(p);
      break;
    }
  }
  const spans = commands.map((c) => {
    const t = tokenizeCommand(text, c);
    return { start: c.startIndex, end: t.end, ok: t.issues.length === 0 };
  });
  for (const child of node.children) {
    if (!child || STATEMENTS.has(child.type)) continue;
    if (child.type === 'ERROR' && isRecoverableError(text, child)) continue;
    const covered = spans.some((s) => s.ok && s.start < child.startIndex && s.end >= child.endIndex);
    if (!covered) return false;
  }
  return true;
}
