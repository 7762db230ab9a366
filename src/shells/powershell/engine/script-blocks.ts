/** Script blocks: running one (in the caller's scope or a new one, with `$_` and `$args`), and its param() names. */
import { parseToSyntaxTree, type SyntaxNode as Node, type SyntaxTree as Tree } from '../parse/syntax-tree';
import type { ScriptBlock } from '../runtime/values';
import { SourceText } from '../source-text';
import type { Engine, ScriptBlockOptions } from './engine';
import { Scope } from './scope';
import { ReturnSignal, type Ctx } from './signals';

/** Runs a script block; `$_` is set for ForEach-Object / Where-Object style calls. */
export async function invokeScriptBlock(e: Engine, sb: ScriptBlock, ctx: Ctx, opts: ScriptBlockOptions = {}): Promise<unknown[]> {
  const scope = opts.newScope ? new Scope(ctx.scope) : ctx.scope;
  const inner: Ctx = { ...ctx, scope, src: (sb.src as SourceText | null) ?? ctx.src, tree: (sb.tree as Tree | null) ?? ctx.tree };
  const hasUnder = 'dollarUnder' in opts;
  const restore = hasUnder && !opts.newScope ? scope.saveDollarUnder() : null;
  if (hasUnder) scope.setDollarUnder(opts.dollarUnder);
  const args = opts.args ?? [];
  if (opts.newScope) {
    sb.params.forEach((p, i) => scope.set(p, args[i] ?? null));
    scope.set('args', args.slice(sb.params.length));
  }
  const out: unknown[] = [];
  const leave = opts.newScope ? e.enterCall(ctx) : null;
  try {
    if (leave) await undefined; // a fresh microtask per call (see runFunction)
    let body = sb.body as Node | null;
    if (!body && sb.text.trim()) {
      // A script block restored from a snapshot: parse its text on first use.
      const tree = parseToSyntaxTree(e.parser, sb.text);
      inner.src = new SourceText(sb.text);
      inner.tree = tree;
      body = tree.rootNode;
    }
    const list = body?.type === 'program' ? body : (body?.childForFieldName('script_block_body')?.childForFieldName('statement_list') ?? body?.descendantsOfType('statement_list')[0] ?? null);
    await e.execBlock(list, inner, (v) => out.push(v));
  } catch (error) {
    if (!(error instanceof ReturnSignal)) throw error;
  } finally {
    restore?.();
    leave?.();
  }
  return out;
}

export function scriptParams(body: Node | null): string[] {
  if (!body) return [];
  const params: string[] = [];
  const block = body.descendantsOfType('param_block')[0];
  if (block) for (const p of block.descendantsOfType('script_parameter')) {
    const v = p?.children.find((c) => c?.type === 'variable');
    if (v) params.push(v.text.slice(1));
  }
  return params;
}
