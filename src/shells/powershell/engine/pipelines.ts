/**
 * Pipelines: a pipeline's stages in order (an expression may only come first; each command gets the
 * previous stage's output as input), assignments used as pipelines, command arguments, and the re-parse
 * of a source range when tree-sitter's tree is confused about it (see parse/recovery.ts).
 */
import { parseRange, type SyntaxNode as Node, type SyntaxTree as Tree } from '../parse/syntax-tree';
import type { ArgValue } from '../parse/command-line';
import type { SourceText } from '../source-text';
import type { Engine } from './engine';
import { materialize, type PipelineInput } from './lazy-range';
import { collapse, type Ctx } from './signals';
import { named, unwrap } from './syntax';

/** Evaluates a `pipeline` node (or assignment) and returns its output objects. */
export async function evalPipeline(e: Engine, node: Node, ctx: Ctx): Promise<unknown[]> {
  e.limits.step();
  node = unwrap(node);
  if (node.type === 'pipeline') {
    const first = named(node)[0];
    if (!first) return [];
    if (first.type === 'assignment_expression') {
      await e.assign(first, ctx);
      return [];
    }
    return evalPipeline(e, first, ctx);
  }
  if (node.type === 'pipeline_chain') return evalChain(e, node, ctx);
  if (node.type === 'assignment_expression') {
    await e.assign(node, ctx);
    return [];
  }
  if (node.type === 'command') return materialize(await e.runCommand(node, ctx, null));
  const v = await e.evalExpr(node, ctx);
  return v === undefined ? [] : [v];
}

export async function evalPipelines(e: Engine, node: Node, ctx: Ctx): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const p of named(node)) out.push(...(await evalPipeline(e, p, ctx)));
  return out;
}

async function evalChain(e: Engine, node: Node, ctx: Ctx): Promise<unknown[]> {
  const stages = named(node);
  let input: PipelineInput | null = null;
  for (const [i, stage] of stages.entries()) {
    if (stage.type === 'command') {
      input = await e.runCommand(stage, ctx, input);
    } else if (i === 0) {
      const v = await e.evalExpr(stage, ctx);
      // An expression alone is its value ($x = @() stays an empty array); at the head of a longer
      // pipeline it is enumerated into it.
      if (stages.length === 1) return v === undefined ? [] : [v];
      input = v === undefined ? [] : Array.isArray(v) ? v : v instanceof Uint8Array ? Array.from(v) : [v];
    } else {
      e.fail(ctx, {
        exceptionTypes: ['System.Management.Automation.ParseException'],
        message: 'Expressions are only allowed as the first element of a pipeline.',
        category: 'ParserError',
        fullyQualifiedErrorId: 'ExpressionsMustBeFirstInPipeline',
        extent: { start: stage.startIndex, end: stage.endIndex },
      });
    }
  }
  return materialize(input ?? []);
}

/** Evaluates a tokenized command argument. */
export async function evalArg(e: Engine, arg: ArgValue, ctx: Ctx): Promise<unknown> {
  if (arg.kind === 'literal') return arg.value;
  if (arg.kind === 'list') {
    const out: unknown[] = [];
    for (const item of arg.items) out.push(await evalArg(e, item, ctx));
    return out;
  }
  return collapse(await evalRange(e, ctx, arg.start, arg.end));
}

/** Evaluates the pipeline (or expression) at [start, end) of the script. */
export async function evalRange(e: Engine, ctx: Ctx, start: number, end: number): Promise<unknown[]> {
  const { node, tree } = exprAt(e, ctx, start, end);
  return evalPipeline(e, node, tree === ctx.tree ? ctx : { ...ctx, tree });
}

/** Re-parses of source ranges, made once per run (a run's SourceText is new each time). */
const rangeTrees = new WeakMap<SourceText, Map<string, Tree>>();

/** A parse of just [start, end) of the script (see parseRange), made once per run. */
function rangeTree(e: Engine, src: SourceText, start: number, end: number): Tree {
  let trees = rangeTrees.get(src);
  if (!trees) rangeTrees.set(src, (trees = new Map()));
  const key = `${start}:${end}`;
  let tree = trees.get(key);
  if (!tree) trees.set(key, (tree = parseRange(e.parser, src.text, start, end)));
  return tree;
}

/**
 * The statements of the `{ … }` block at [start, end): from the script's tree when tree-sitter read
 * that block cleanly, else from a parse of its inside alone (with the context to run them in).
 */
export function blockAt(e: Engine, ctx: Ctx, start: number, end: number): { list: Node | null; ctx: Ctx } {
  const node = ctx.tree.rootNode.smallestSpanning(start, end);
  if (node.type === 'statement_block' && node.startIndex === start && node.endIndex === end && !node.hasError) {
    return { list: node.childForFieldName('statement_list') ?? named(node).find((c) => c.type === 'statement_list') ?? null, ctx };
  }
  const tree = rangeTree(e, ctx.src, start + 1, end - 1);
  return { list: tree.rootNode, ctx: { ...ctx, tree } };
}

/** Finds the syntax node for a source range, re-parsing just that range when the main tree is confused. */
export function exprNodeAt(e: Engine, ctx: Ctx, start: number, end: number): Node {
  return exprAt(e, ctx, start, end).node;
}

function exprAt(e: Engine, ctx: Ctx, start: number, end: number): { node: Node; tree: Tree } {
  let node: Node | null = ctx.tree.rootNode.smallestSpanning(start, end);
  while (node && node.parent && node.parent.startIndex === start && node.parent.endIndex === end && node.parent.type !== 'command_elements') node = node.parent;
  const usable = node && node.startIndex === start && node.endIndex === end && !node.hasError && !['generic_token', 'command_elements', 'command', 'command_name', 'ERROR'].includes(node.type);
  if (usable && node) return { node, tree: ctx.tree };
  const tree = rangeTree(e, ctx.src, start, end);
  const first = tree.rootNode.descendantsOfType('pipeline')[0];
  if (!first) {
    return e.fail(ctx, {
      exceptionTypes: ['System.Management.Automation.ParseException'],
      message: `Unexpected token '${ctx.src.slice(start, end)}' in expression or statement.`,
      category: 'ParserError',
      fullyQualifiedErrorId: 'UnexpectedToken',
      extent: { start, end },
    });
  }
  return { node: first, tree };
}
