/**
 * Finds the parse errors 5.1 would report before running anything, with its messages and positions.
 * Lexical problems (strings, brackets, `<`, `&&`) come from lexical-scan.ts; command arguments (a bare
 * `&` in a URL) from the command-mode tokenizer; anything else tree-sitter flags becomes the closest
 * common 5.1 message, except command lines the fallback runner can execute (grammar gaps, not errors).
 */
import type { SyntaxNode as Node, SyntaxTree as Tree } from './syntax-tree';
import { isRecoverableError, tokenizeCommand } from './recovery';
import { scanSource, type ParseIssue } from './lexical-scan';
import { scanSwitch } from './switch-syntax';
import { findHashKeyErrors } from './hash-literal-keys';

const CONTROL_KEYWORDS: Record<string, string> = {
  if: "Missing closing ')' after expression in 'if' statement.",
  elseif: "Missing closing ')' after expression in 'elseif' statement.",
  while: "Missing closing ')' after expression in 'while' statement.",
  foreach: "Missing closing ')' in foreach statement.",
  switch: "Missing ')' after expression in switch statement.",
};

function refineUnclosedParen(text: string, issue: ParseIssue): ParseIssue {
  if (issue.errorId !== 'MissingEndParenthesisInExpression') return issue;
  const missingCondition = /\b(if|elseif|while)\s*\(\s*$/i.exec(text);
  if (missingCondition) {
    const kw = (missingCondition[1] as string).toLowerCase();
    return { ...issue, message: `Missing condition in ${kw} statement after '${kw} ('.`, errorId: 'IfStatementMissingCondition'.replace('If', kw === 'while' ? 'While' : kw === 'elseif' ? 'ElseIf' : 'If') };
  }
  // Find the unclosed '(' and the keyword before it.
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ')') depth++;
    else if (c === '(') {
      if (depth === 0) {
        const kw = /([A-Za-z]+)\s*$/.exec(text.slice(0, i))?.[1]?.toLowerCase();
        const msg = kw && Object.hasOwn(CONTROL_KEYWORDS, kw) ? CONTROL_KEYWORDS[kw] : undefined;
        return msg ? { ...issue, message: msg, errorId: 'MissingEndParenthesisAfterStatementCondition' } : issue;
      }
      depth--;
    }
  }
  return issue;
}

function firstToken(node: Node): Node {
  let n = node;
  while (n.childCount > 0 && n.child(0)) n = n.child(0) as Node;
  return n;
}

const OPERATOR = /^(=|\+=|-=|\*=|\/=|%=|\+|-|\*|\/|%|-[a-z]+|,)$/i;

function previousLeaf(node: Node): Node | null {
  let n: Node | null = node;
  while (n) {
    const prev: Node | null = n.previousSibling;
    if (prev) {
      let leaf: Node = prev;
      while (leaf.childCount > 0 && leaf.child(leaf.childCount - 1)) leaf = leaf.child(leaf.childCount - 1) as Node;
      return leaf;
    }
    n = n.parent;
  }
  return null;
}

function treeIssue(text: string, node: Node): ParseIssue {
  const prev = previousLeaf(node);
  if (prev && OPERATOR.test(prev.text.trim()) && (node.isMissing || node.text.trim() === '' || node.startIndex >= text.trimEnd().length)) {
    const op = prev.text.trim();
    return {
      message: op === ',' ? "Missing expression after ','." : `You must provide a value expression following the '${op}' operator.`,
      errorId: op === ',' ? 'MissingExpressionAfterToken' : 'ExpectedValueExpression',
      start: prev.endIndex,
      end: prev.endIndex,
      incomplete: false,
    };
  }
  const kw = /^(if|elseif|while|foreach|for|switch)\s*\(.*\)\s*$/is.exec(text.slice(node.startIndex, Math.max(node.endIndex, text.indexOf('\n', node.startIndex) === -1 ? text.length : text.indexOf('\n', node.startIndex))).trim());
  if (kw) {
    return { message: `Missing statement block after ${kw[1]} ( condition ).`, errorId: 'MissingStatementBlock', start: node.endIndex, end: node.endIndex, incomplete: false };
  }
  const tok = node.isMissing ? node : firstToken(node);
  const tokenText = node.isMissing ? node.type : (text.slice(tok.startIndex, tok.endIndex).trim() || text.slice(node.startIndex, node.endIndex).trim().split(/\s+/)[0] || '');
  return {
    message: node.isMissing ? `Missing '${tokenText}' in expression or statement.` : `Unexpected token '${tokenText}' in expression or statement.`,
    errorId: node.isMissing ? 'MissingToken' : 'UnexpectedToken',
    start: tok.startIndex,
    end: Math.max(tok.endIndex, tok.startIndex + (tokenText.length || 1)),
    incomplete: false,
  };
}

export function findLexicalErrors(text: string): ParseIssue[] {
  return scanSource(text).issues.map((i) => refineUnclosedParen(text, i));
}

/** True when tree-sitter flagged anything in the tree (an ERROR or MISSING node). */
export function treeHasErrors(tree: Tree): boolean {
  return tree.rootNode.hasError;
}

interface Span {
  start: number;
  end: number;
}

/** Command lines our tokenizer reads without trouble, from each command's start to where its arguments end. */
function cleanCommandSpans(text: string, tree: Tree): Span[] {
  return tree.rootNode
    .descendantsOfType('command')
    .map((c) => ({ c, t: tokenizeCommand(text, c) }))
    .filter(({ t }) => t.issues.length === 0)
    .map(({ c, t }) => ({ start: c.startIndex, end: t.end }));
}

/** Parses just [start, end) of the script (parse/syntax-tree.ts parseRange). */
export type ParseRange = (start: number, end: number) => Tree;

function switchStart(node: Node): number {
  return (node.children.find((c) => c.type === 'switch') ?? node).startIndex;
}

/**
 * 5.1's parse errors in a switch statement, read with its own rules (parse/switch-syntax.ts): tree-sitter
 * saw its clauses blanked out. The value, the conditions and the clause blocks are checked on their own.
 */
function switchErrors(text: string, node: Node, parseRange: ParseRange): { issues: ParseIssue[]; end: number } {
  const shape = scanSwitch(text, switchStart(node));
  if (shape.issues.length) return { issues: shape.issues.slice(0, 1), end: shape.end };
  const parts = [shape.value, ...shape.clauses, ...(shape.defaultClause ? [shape.defaultClause] : [])].flatMap((part) => {
    if (!part) return [];
    if (!('body' in part)) return [part];
    const body = { start: part.body.start + 1, end: part.body.end - 1 };
    return part.condition.kind === 'expr' ? [part.condition, body] : [body];
  });
  for (const part of parts) {
    const issues = findTreeErrors(text, parseRange(part.start, part.end), parseRange);
    if (issues.length) return { issues, end: shape.end };
  }
  return { issues: [], end: shape.end };
}

/**
 * 5.1's parse errors for one statement's tree, in source order: a bad bare hash-literal key wins over
 * what tree-sitter flags inside that literal, but not over an error before it.
 */
export function findTreeErrors(text: string, tree: Tree, parseRange: ParseRange): ParseIssue[] {
  const grammar = findGrammarErrors(text, tree, parseRange);
  const hashKey = findHashKeyErrors(text, tree);
  if (!hashKey || (grammar[0] && grammar[0].start < hashKey.literalStart)) return grammar;
  return hashKey.issues;
}

function findGrammarErrors(text: string, tree: Tree, parseRange: ParseRange): ParseIssue[] {
  if (!tree.rootNode.hasError) {
    for (const node of tree.rootNode.descendantsOfType('switch_statement')) {
      const found = switchErrors(text, node, parseRange).issues;
      if (found.length) return found;
    }
    return [];
  }
  const spans = cleanCommandSpans(text, tree);
  const issues: ParseIssue[] = [];
  const commandIssues: ParseIssue[] = [];
  const switches: { start: number; end: number }[] = [];
  const visit = (node: Node) => {
    if (switches.some((sw) => node.startIndex >= sw.start && node.startIndex < sw.end)) return;
    if (node.type === 'switch_statement' || (node.type === 'ERROR' && node.child(0)?.type === 'switch')) {
      const found = switchErrors(text, node, parseRange);
      switches.push({ start: switchStart(node), end: found.end });
      issues.push(...found.issues);
      return;
    }
    if (node.type === 'command') commandIssues.push(...tokenizeCommand(text, node).issues);
    if (node.isMissing) {
      // tree-sitter inserts zero-width separators between command arguments it split oddly, and
      // "missing" tokens inside command lines our own tokenizer reads cleanly; PowerShell has neither.
      const covered = spans.some((sp) => sp.start < node.startIndex && sp.end >= node.endIndex);
      if (node.type !== ' ' && node.parent?.type !== 'command_argument_sep' && !covered) issues.push(treeIssue(text, node));
      return;
    }
    if (node.type === 'ERROR') {
      if (!isRecoverableError(text, node)) {
        issues.push(treeIssue(text, node));
        return;
      }
    }
    for (const c of node.children) if (c) visit(c);
  };
  visit(tree.rootNode);
  // Command-mode problems (a bare & in a URL) are what 5.1 reports; tree-sitter's confusion around them is noise.
  const unique = commandIssues.filter((x, i) => commandIssues.findIndex((y) => y.start === x.start) === i);
  if (unique.length) return unique;
  return issues.slice(0, 1);
}
