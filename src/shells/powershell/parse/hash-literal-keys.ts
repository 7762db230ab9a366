/**
 * 5.1's check on bare hash-literal keys. A bare key is a simple name (letters, digits, `_`), so
 * `@{x-ms-version="2017-11-09"}` is the key `x` followed by `-ms-version`, and 5.1 refuses the script
 * with "Missing '=' operator after key in hash literal." right after `x`. Its parser then skips to the
 * literal's closing `}` and, finding no `}` left to end the literal, adds "The hash literal was
 * incomplete." at the same place (Parser.GetKeyValuePair / SyncOnError / HashExpressionRule).
 * tree-sitter accepts such keys inside command arguments, and the command-mode tokenizer reads the
 * whole `@{…}` as one argument, so without this check the header would silently vanish.
 */
import type { ParseIssue } from './lexical-scan';
import { logicalLineEnd } from './recovery';
import type { SyntaxNode as Node, SyntaxTree as Tree } from './syntax-tree';

const SIMPLE_NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/** Skips blanks, newlines, `;` and comments between entries. */
function skipSeparators(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text[i] as string;
    if (/[\s;]/.test(c)) i++;
    else if (c === '<' && text[i + 1] === '#') {
      const close = text.indexOf('#>', i + 2);
      i = close === -1 ? end : close + 2;
    } else if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? end : nl;
    } else break;
  }
  return i;
}

/** Where a bare key is not followed by `=`, or null. Quoted and computed keys are left to the grammar. */
function badBareKey(text: string, hash: Node): number | null {
  const end = hash.endIndex;
  let i = hash.startIndex + 2;
  for (;;) {
    i = skipSeparators(text, i, end);
    if (i >= end || text[i] === '}') return null;
    SIMPLE_NAME.lastIndex = i;
    if (SIMPLE_NAME.test(text)) {
      const keyEnd = SIMPLE_NAME.lastIndex;
      let j = keyEnd;
      while (text[j] === ' ' || text[j] === '\t') j++;
      if (text[j] !== '=') return keyEnd;
    }
    // On to the next entry: past this one's value, which ends at a newline, `;` or the closing `}`.
    const next = logicalLineEnd(text, i);
    if (next <= i) return null;
    i = next;
  }
}

/** The first hash literal with a bad bare key: where the literal starts, and 5.1's two errors. */
export function findHashKeyErrors(text: string, tree: Tree): { literalStart: number; issues: ParseIssue[] } | null {
  for (const hash of tree.rootNode.descendantsOfType('hash_literal_expression')) {
    if (!text.startsWith('@{', hash.startIndex)) continue;
    const at = badBareKey(text, hash);
    if (at === null) continue;
    const here = { start: at, end: at, incomplete: false };
    return {
      literalStart: hash.startIndex,
      issues: [
        { message: "Missing '=' operator after key in hash literal.", errorId: 'MissingEqualsInHashLiteral', ...here },
        { message: 'The hash literal was incomplete.', errorId: 'IncompleteHashLiteral', ...here },
      ],
    };
  }
  return null;
}
