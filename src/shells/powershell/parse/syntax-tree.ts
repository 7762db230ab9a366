/**
 * A plain-JS copy of a tree-sitter tree. web-tree-sitter nodes cross the wasm boundary on every
 * `children` / `childForFieldName` access, which made evaluation cost ~0.5 ms per loop iteration; the
 * evaluator walks this mirror instead, built once per parse with a TreeCursor. The wasm tree is freed
 * right after, so long sessions do not leak wasm memory.
 */
import type { Parser } from 'web-tree-sitter';
import { blankSwitchBodies } from './switch-syntax';

export class SyntaxNode {
  readonly children: SyntaxNode[] = [];
  readonly namedChildren: SyntaxNode[] = [];
  parent: SyntaxNode | null = null;
  previousSibling: SyntaxNode | null = null;
  hasError = false;
  private fields: Map<string, SyntaxNode> | null = null;

  constructor(
    private readonly source: string,
    readonly type: string,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
  ) {}

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }

  get childCount(): number {
    return this.children.length;
  }

  child(i: number): SyntaxNode | null {
    return this.children[i] ?? null;
  }

  childForFieldName(name: string): SyntaxNode | null {
    return this.fields?.get(name) ?? null;
  }

  addChild(child: SyntaxNode, field: string | null): void {
    child.parent = this;
    child.previousSibling = this.children[this.children.length - 1] ?? null;
    this.children.push(child);
    if (child.isNamed) this.namedChildren.push(child);
    if (field) {
      this.fields ??= new Map();
      if (!this.fields.has(field)) this.fields.set(field, child);
    }
    if (child.hasError) this.hasError = true;
  }

  descendantsOfType(type: string): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    const visit = (n: SyntaxNode) => {
      for (const c of n.children) {
        if (c.type === type) out.push(c);
        visit(c);
      }
    };
    visit(this);
    return out;
  }

  /** The smallest node whose range contains [start, end). */
  smallestSpanning(start: number, end: number): SyntaxNode {
    let node: SyntaxNode = this;
    for (;;) {
      const next = node.children.find((c) => c.startIndex <= start && c.endIndex >= end && c.endIndex > c.startIndex);
      if (!next) return node;
      node = next;
    }
  }
}

export interface SyntaxTree {
  rootNode: SyntaxNode;
}

/**
 * tree-sitter-powershell lexes the member name in `$x.ForEach(…)` as the `foreach` keyword and gives up
 * on the line. The parser gets a copy where that name is spelled differently (same length, so every
 * offset holds); the mirror is built over the real source, so node texts still read `ForEach`.
 */
function maskKeywordMembers(source: string): string {
  return source.replace(/(?<=[\w)\]}'"]\.)foreach\b/gi, (name) => name.slice(0, -1) + '_');
}

/**
 * Parses `source` and returns a mirror of the tree; the wasm tree is deleted. Switch statements are
 * parsed again with their clauses hidden (see parse/switch-syntax.ts), so the tree has them with an
 * empty body and the clauses are read, and parsed, separately.
 */
export function parseToSyntaxTree(parser: Parser, source: string): SyntaxTree {
  const switches: number[] = [];
  const first = mirror(parser, source, maskKeywordMembers(source), switches);
  const blanked = switches.length ? blankSwitchBodies(source, switches) : null;
  return blanked === null ? first : mirror(parser, source, maskKeywordMembers(blanked), []);
}

/** Mirrors tree-sitter's tree for `input` over `source` (same length), noting where `switch` keywords start. */
function mirror(parser: Parser, source: string, input: string, switches: number[]): SyntaxTree {
  const tree = parser.parse(input);
  if (!tree) throw new Error('the parser returned no tree');
  try {
    const cursor = tree.walk();
    const make = () => new SyntaxNode(source, cursor.nodeType, cursor.nodeIsNamed, cursor.nodeIsMissing, cursor.startIndex, cursor.endIndex);
    const root = make();
    const stack: SyntaxNode[] = [root];
    if (cursor.gotoFirstChild()) {
      for (;;) {
        const node = make();
        if (node.type === 'ERROR' || node.isMissing) node.hasError = true;
        if (node.type === 'switch') switches.push(node.startIndex);
        const parent = stack[stack.length - 1] as SyntaxNode;
        parent.addChild(node, cursor.currentFieldName);
        if (cursor.gotoFirstChild()) {
          stack.push(node);
          continue;
        }
        let finished = false;
        while (!cursor.gotoNextSibling()) {
          if (!cursor.gotoParent()) {
            finished = true;
            break;
          }
          stack.pop();
          if (stack.length === 0) {
            finished = true;
            break;
          }
        }
        if (finished) break;
      }
    }
    if (root.type === 'ERROR') root.hasError = true;
    // Propagate error flags bottom-up (addChild ran before grandchildren were known).
    const settle = (n: SyntaxNode): boolean => {
      let err = n.hasError;
      for (const c of n.children) if (settle(c)) err = true;
      n.hasError = err;
      return err;
    };
    settle(root);
    cursor.delete();
    return { rootNode: root };
  } finally {
    tree.delete();
  }
}

/**
 * Parses only `[start, end)` of `source`, everything else blanked (newlines kept), so node offsets are
 * the same as in the whole script: used where tree-sitter's recovery mangled a region PowerShell parses
 * fine, and to read one statement at a time.
 */
export function parseRange(parser: Parser, source: string, start: number, end: number): SyntaxTree {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return parseToSyntaxTree(parser, blank(source.slice(0, start)) + source.slice(start, end) + blank(source.slice(end)));
}
