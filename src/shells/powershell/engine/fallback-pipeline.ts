/**
 * Runs a statement that tree-sitter-powershell could not parse but PowerShell can: typically a command
 * whose arguments are a bare-word list (`Select-Object id, name`, `Format-Table Name, Location -AutoSize`).
 * The statement is cut into pipeline elements at top-level `|`; commands go through the command-mode
 * tokenizer, a leading expression through a re-parse of just its text.
 */
import type { Node } from 'web-tree-sitter';
import { skipBalanced, tokenizeCommandArgs, readCommandName } from '../parse/command-line';
import { runNamed } from './commands';
import type { Ctx, Interpreter } from './interpreter';

const KEYWORDS = new Set(['if', 'elseif', 'else', 'foreach', 'for', 'while', 'do', 'until', 'try', 'catch', 'finally', 'function', 'filter', 'switch', 'return', 'throw', 'break', 'continue', 'exit', 'param', 'begin', 'process', 'end', 'trap', 'class', 'enum', 'data']);

/** The end of the logical line starting at `start`: a newline or `;` outside brackets, strings and continuations. */
export function logicalLineEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === '`') {
      i += 2;
      continue;
    }
    if (c === '\n' || c === ';') return i;
    if (c === "'" || c === '"' || c === '(' || c === '{' || c === '[') {
      i = c === "'" || c === '"' ? skipQuoted(text, i) : skipBalanced(text, i, text.length);
      continue;
    }
    i++;
  }
  return text.length;
}

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

function splitPipeline(text: string, start: number, end: number): { start: number; end: number }[] {
  const parts: { start: number; end: number }[] = [];
  let i = start;
  let segStart = start;
  while (i < end) {
    const c = text[i];
    if (c === '`') i += 2;
    else if (c === "'" || c === '"') i = skipQuoted(text, i);
    else if (c === '(' || c === '{' || c === '[') i = skipBalanced(text, i, end);
    else if (c === '|') {
      parts.push({ start: segStart, end: i });
      segStart = ++i;
    } else i++;
  }
  parts.push({ start: segStart, end });
  return parts;
}

/** True when the statement at `node` looks like something the fallback can run (a command line). */
export function canRunFallback(text: string, node: Node): boolean {
  const start = node.startIndex;
  const end = logicalLineEnd(text, start);
  for (const seg of splitPipeline(text, start, end)) {
    const s = text.slice(seg.start, seg.end).trim();
    if (!s) return false;
    const word = /^[A-Za-z][\w-]*/.exec(s)?.[0]?.toLowerCase();
    if (word && KEYWORDS.has(word)) return false;
  }
  return tokenizeSegments(text, start, end).every((t) => t.issues.length === 0);
}

function tokenizeSegments(text: string, start: number, end: number) {
  return splitPipeline(text, start, end).map((seg) => {
    let i = seg.start;
    while (i < seg.end && /\s/.test(text[i] as string)) i++;
    const isCommand = /[A-Za-z%?_]/.test(text[i] ?? '');
    if (!isCommand) return { seg: { start: i, end: seg.end }, isCommand, name: '', nameEnd: i, issues: [] as unknown[], elements: [] };
    const { name, end: nameEnd } = readCommandName(text, i, seg.end);
    const t = tokenizeCommandArgs(text, nameEnd, seg.end);
    return { seg: { start: i, end: seg.end }, isCommand, name, nameEnd, issues: t.issues as unknown[], elements: t.elements };
  });
}

export async function runFallback(interp: Interpreter, ctx: Ctx, node: Node): Promise<{ output: unknown[]; end: number }> {
  const text = ctx.src.text;
  const end = logicalLineEnd(text, node.startIndex);
  let input: unknown[] | null = null;
  for (const part of tokenizeSegments(text, node.startIndex, end)) {
    const segEnd = part.seg.end - (text.slice(part.seg.start, part.seg.end).length - text.slice(part.seg.start, part.seg.end).trimEnd().length);
    if (!part.isCommand) {
      const exprNode = interp.exprNodeAt(ctx, part.seg.start, segEnd);
      input = await interp.evalPipeline(exprNode, ctx);
      continue;
    }
    input = await runNamed(interp, ctx, part.name, { start: part.seg.start, end: part.nameEnd }, part.elements, input, { start: part.seg.start, end: segEnd }, false);
  }
  return { output: input ?? [], end };
}
