/** Small helpers over tree-sitter-powershell's tree that every part of the evaluator uses. */
import type { SyntaxNode as Node } from '../parse/syntax-tree';

/** Single-child precedence wrappers tree-sitter nests around every expression. */
export const WRAPPERS = new Set([
  'logical_expression',
  'bitwise_expression',
  'comparison_expression',
  'additive_expression',
  'multiplicative_expression',
  'format_expression',
  'range_expression',
  'array_literal_expression',
  'unary_expression',
  'argument_expression',
  'logical_argument_expression',
  'bitwise_argument_expression',
  'comparison_argument_expression',
  'additive_argument_expression',
  'multiplicative_argument_expression',
  'format_argument_expression',
  'range_argument_expression',
  'key_expression',
  'left_assignment_expression',
  'while_condition',
  'for_condition',
  'for_initializer',
  'for_iterator',
]);

/** Named children, without comments. */
export function named(node: Node): Node[] {
  const kids = node.namedChildren;
  return kids.some((c) => c.type === 'comment') ? kids.filter((c) => c.type !== 'comment') : kids;
}

/** Skips the single-child precedence wrappers. */
export function unwrap(node: Node): Node {
  while (WRAPPERS.has(node.type)) {
    const kids = node.namedChildren;
    if (kids.length !== 1 || node.children.length !== 1) break;
    node = kids[0] as Node;
  }
  return node;
}

/** Skips wrappers that hold one named child (looser than unwrap: operators may sit beside it). */
export function innermost(node: Node): Node {
  while (WRAPPERS.has(node.type) && named(node).length === 1) node = named(node)[0] as Node;
  return node;
}

const BACKTICK: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

export function unescapeBackticks(text: string): string {
  return text.replace(/`([\s\S])/g, (_m, c: string) => BACKTICK[c] ?? c);
}

/** The statements inside a `{ … }` statement block. */
export function blockStatements(block: Node | null): Node | null {
  if (!block) return null;
  return block.childForFieldName('statement_list') ?? named(block).find((c) => c.type === 'statement_list') ?? null;
}
