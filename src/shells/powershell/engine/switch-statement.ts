/**
 * The `switch` statement with 5.1's semantics (Compiler.VisitSwitchStatement / PSSwitchClauseEvalBinder):
 * the value is enumerated like a foreach source, except that a scalar (even $null) runs once and a
 * pipeline with no output runs nothing; `$_` / `$PSItem` hold the current item; every clause whose
 * condition matches runs, in order; `default` runs when none did; `break` leaves the switch and
 * `continue` moves to the next item (a switch is a loop to them, so they do not reach an outer loop).
 * The statement's shape comes from parse/switch-syntax.ts, not from tree-sitter (see there why).
 */
import type { SyntaxNode as Node } from '../parse/syntax-tree';
import { scanSwitch, type SwitchClause, type SwitchSyntax } from '../parse/switch-syntax';
import { toBool } from '../runtime/conversions';
import { switchConditionMatches } from '../runtime/operators';
import { ScriptBlock } from '../runtime/values';
import type { SourceText } from '../source-text';
import type { Engine as Interpreter } from './engine';
import { collapse, type Ctx, type Sink } from './signals';

const shapes = new WeakMap<SourceText, Map<number, SwitchSyntax>>();

/** The switch statement at `start`, read once per script text (a switch in a loop runs many times). */
function shapeAt(src: SourceText, start: number): SwitchSyntax {
  let bySource = shapes.get(src);
  if (!bySource) shapes.set(src, (bySource = new Map()));
  let shape = bySource.get(start);
  if (!shape) bySource.set(start, (shape = scanSwitch(src.text, start)));
  return shape;
}

/** What a switch enumerates: nothing for no output, the items of one collection, else the single value. */
function switchItems(values: unknown[]): unknown[] {
  if (values.length !== 1) return values;
  const value = values[0];
  if (Array.isArray(value)) return value;
  if (value instanceof Uint8Array) return Array.from(value);
  return [value];
}

export async function execSwitch(interp: Interpreter, node: Node, ctx: Ctx, out: Sink): Promise<void> {
  const keyword = node.children.find((c) => c.type === 'switch') ?? node;
  const shape = shapeAt(ctx.src, keyword.startIndex);
  const malformed = shape.issues[0];
  if (malformed) {
    // Scripts are checked before they run; this is for text that skipped that (a restored function).
    return interp.fail(ctx, {
      exceptionTypes: ['System.Management.Automation.ParseException'],
      message: malformed.message,
      category: 'ParserError',
      fullyQualifiedErrorId: malformed.errorId,
      extent: { start: malformed.start, end: malformed.end },
    });
  }
  if (shape.flags.file) return interp.notSimulated(ctx, node, "The switch statement's -File parameter (reading a file line by line)");
  if (shape.flags.parallel) return interp.notSimulated(ctx, node, "The switch statement's -Parallel parameter");
  if (!shape.value) return;
  const items = switchItems(await interp.evalRange(ctx, shape.value.start, shape.value.end));
  const restore = ctx.scope.saveDollarUnder();
  try {
    for (const item of items) {
      const more = await interp.iteration(async () => {
        ctx.scope.setDollarUnder(item);
        let matched = false;
        for (const clause of shape.clauses) {
          if (!(await clauseMatches(interp, ctx, shape, clause))) continue;
          matched = true;
          await runClause(interp, ctx, clause, out);
        }
        if (!matched && shape.defaultClause) await runClause(interp, ctx, shape.defaultClause, out);
      });
      if (!more) break;
    }
  } finally {
    restore();
  }
}

async function clauseMatches(interp: Interpreter, ctx: Ctx, shape: SwitchSyntax, clause: SwitchClause): Promise<boolean> {
  const { condition } = clause;
  // A condition is evaluated for every item (it may read $_); the input is whatever $_ holds now.
  const value = condition.kind === 'literal' ? condition.value : collapse(await interp.evalRange(ctx, condition.start, condition.end));
  const input = ctx.scope.lookup('_')?.value ?? null;
  if (value instanceof ScriptBlock) return toBool(collapse(await interp.invokeScriptBlock(value, ctx, { dollarUnder: input, newScope: true })));
  if (value === null || value === undefined) return input === null;
  try {
    return switchConditionMatches(value, input, shape.flags, { setMatches: (m) => (interp.session.matches = m) });
  } catch (error) {
    throw interp.toThrow(ctx, error, { start: condition.start, end: condition.end });
  }
}

async function runClause(interp: Interpreter, ctx: Ctx, clause: SwitchClause, out: Sink): Promise<void> {
  const block = interp.blockAt(ctx, clause.body.start, clause.body.end);
  await interp.execBlock(block.list, block.ctx, out);
}
