/**
 * Statements: statement lists, if/elseif/else, the loops (foreach, for, while, do), try/catch/finally,
 * flow control (break, continue, return, exit, throw) and function definitions. A statement-terminating
 * error stops its statement and, outside any try, is reported before the next statement runs.
 */
import { ErrorRecord, PSThrow } from '../errors/error-record';
import type { SyntaxNode as Node } from '../parse/syntax-tree';
import { toBool, toNumber, toPsString } from '../runtime/conversions';
import { resolveTypeName } from '../runtime/types';
import type { PSObject } from '../runtime/values';
import type { Engine } from './engine';
import { BreakSignal, collapse, ContinueSignal, ExitSignal, ReturnSignal, type Ctx, type Sink } from './signals';
import { execSwitch } from './switch-statement';
import { named } from './syntax';

export async function execBlock(e: Engine, list: Node | null | undefined, ctx: Ctx, out: Sink): Promise<void> {
  if (!list) return;
  for (const stmt of named(list)) await execStatement(e, stmt, ctx, out);
}

export async function execStatement(e: Engine, node: Node, ctx: Ctx, out: Sink): Promise<void> {
  if (!['statement_list', 'program', 'ERROR'].includes(node.type) && e.isConsumed(ctx.src, node.startIndex)) return;
  e.limits.step();
  if (e.limits.needsYield) await e.limits.yieldToEventLoop();
  try {
    await execStatementInner(e, node, ctx, out);
  } catch (error) {
    const thrown = e.toThrow(ctx, error, { start: node.startIndex, end: node.endIndex });
    if (thrown instanceof PSThrow && ctx.tryDepth === 0 && !thrown.scriptTerminating) {
      e.reportError(thrown.record);
      return;
    }
    throw thrown;
  }
}

async function execStatementInner(e: Engine, node: Node, ctx: Ctx, out: Sink): Promise<void> {
  switch (node.type) {
    case 'pipeline':
    case 'pipeline_chain': {
      const before = e.errorCount;
      const values = await e.evalPipeline(node, ctx);
      // $? reflects the statement that just finished: false if it wrote any error.
      e.session.lastSuccess = e.errorCount === before;
      // The output stream enumerates collections one level, so `1,2` writes two objects.
      for (const v of values) {
        if (Array.isArray(v)) for (const x of v) out(x);
        else out(v);
      }
      return;
    }
    case 'ERROR':
      // A switch whose flags tree-sitter does not know (`-r` for -Regex): the switch reads itself.
      if (node.child(0)?.type === 'switch') return execSwitch(e, node, ctx, out);
      // A grammar gap on a valid command line (parse/recovery.ts): run the statements inside it.
      for (const child of node.children) if (child && (child.type === 'pipeline' || child.type === 'pipeline_chain' || child.type === 'ERROR' || child.type.endsWith('_statement'))) await execStatement(e, child, ctx, out);
      return;
    case 'empty_statement':
    case 'comment':
      return;
    case 'statement_list':
    case 'program':
      return execBlock(e, node, ctx, out);
    case 'if_statement':
      return execIf(e, node, ctx, out);
    case 'foreach_statement':
      return execForeach(e, node, ctx, out);
    case 'for_statement':
      return execFor(e, node, ctx, out);
    case 'while_statement':
      return execWhile(e, node, ctx, out);
    case 'do_statement':
      return execDo(e, node, ctx, out);
    case 'try_statement':
      return execTry(e, node, ctx, out);
    case 'switch_statement':
      return execSwitch(e, node, ctx, out);
    case 'flow_control_statement':
      return execFlow(e, node, ctx, out);
    case 'function_statement':
      return defineFunction(e, node, ctx);
    case 'statement_block':
      return execBlock(e, node.childForFieldName('statement_list') ?? named(node)[0], ctx, out);
    default:
      e.notSimulated(ctx, node, e.describe(node));
  }
}

async function execIf(e: Engine, node: Node, ctx: Ctx, out: Sink): Promise<void> {
  const cond = node.childForFieldName('condition');
  if (cond && toBool(collapse(await e.evalPipeline(cond, ctx)))) {
    const block = node.children.find((c) => c?.type === 'statement_block') ?? null;
    return execStatementBlock(e, block, ctx, out);
  }
  const elseifs = node.childForFieldName('elseif_clauses');
  for (const clause of elseifs ? named(elseifs) : []) {
    const c = clause.childForFieldName('condition');
    if (c && toBool(collapse(await e.evalPipeline(c, ctx)))) {
      return execStatementBlock(e, clause.children.find((x) => x?.type === 'statement_block') ?? null, ctx, out);
    }
  }
  const elseClause = node.childForFieldName('else_clause');
  if (elseClause) return execStatementBlock(e, elseClause.children.find((x) => x?.type === 'statement_block') ?? null, ctx, out);
}

export async function execStatementBlock(e: Engine, block: Node | null, ctx: Ctx, out: Sink): Promise<void> {
  if (!block) return;
  const list = block.childForFieldName('statement_list') ?? named(block).find((c) => c.type === 'statement_list') ?? null;
  return execBlock(e, list, ctx, out);
}

function loopBody(e: Engine, block: Node | null, ctx: Ctx, out: Sink): Promise<boolean> {
  return e.iteration(() => execStatementBlock(e, block, ctx, out));
}

async function execForeach(e: Engine, node: Node, ctx: Ctx, out: Sink): Promise<void> {
  const variable = node.children.find((c) => c?.type === 'variable');
  const source = node.children.find((c) => c?.type === 'pipeline');
  const block = node.children.find((c) => c?.type === 'statement_block') ?? null;
  if (!variable || !source) return e.notSimulated(ctx, node, 'This form of foreach');
  const items = await e.evalPipeline(source, ctx);
  const collection = items.length === 1 ? items[0] : items;
  const list = Array.isArray(collection) ? collection : collection instanceof Uint8Array ? Array.from(collection) : collection === null ? [] : [collection];
  const name = e.variableName(variable.text);
  for (const item of list) {
    ctx.scope.set(name, item);
    if (!(await loopBody(e, block, ctx, out))) break;
  }
}

async function execFor(e: Engine, node: Node, ctx: Ctx, out: Sink): Promise<void> {
  const init = node.childForFieldName('for_initializer');
  const cond = node.childForFieldName('for_condition');
  const iter = node.childForFieldName('for_iterator');
  const block = node.children.find((c) => c?.type === 'statement_block') ?? null;
  if (init) for (const p of named(init)) await e.evalPipeline(p, ctx);
  for (;;) {
    if (cond && !toBool(collapse(await e.evalPipelines(cond, ctx)))) break;
    if (!(await loopBody(e, block, ctx, out))) break;
    if (iter) for (const p of named(iter)) await e.evalPipeline(p, ctx);
  }
}

async function execWhile(e: Engine, node: Node, ctx: Ctx, out: Sink): Promise<void> {
  const cond = node.childForFieldName('condition');
  const block = node.children.find((c) => c?.type === 'statement_block') ?? null;
  while (cond && toBool(collapse(await e.evalPipelines(cond, ctx)))) {
    if (!(await loopBody(e, block, ctx, out))) break;
  }
}

async function execDo(e: Engine, node: Node, ctx: Ctx, out: Sink): Promise<void> {
  const cond = node.childForFieldName('condition');
  const block = node.children.find((c) => c?.type === 'statement_block') ?? null;
  const until = node.children.some((c) => c?.type === 'until');
  for (;;) {
    if (!(await loopBody(e, block, ctx, out))) break;
    const v = cond ? toBool(collapse(await e.evalPipelines(cond, ctx))) : false;
    if (until ? v : !v) break;
  }
}

async function execTry(e: Engine, node: Node, ctx: Ctx, out: Sink): Promise<void> {
  const body = node.children.find((c) => c?.type === 'statement_block') ?? null;
  const clauses = node.children.find((c) => c?.type === 'catch_clauses');
  const fin = node.children.find((c) => c?.type === 'finally_clause');
  try {
    await execStatementBlock(e, body, { ...ctx, tryDepth: ctx.tryDepth + 1 }, out);
  } catch (error) {
    if (!(error instanceof PSThrow) || !clauses) throw error;
    const record = error.record;
    const handler = named(clauses).find((clause) => {
      const types = clause.children.find((c) => c?.type === 'catch_type_list');
      if (!types) return true;
      const exTypes = (record.get('Exception') as PSObject).typeNames.map((t) => t.toLowerCase());
      return named(types).some((t) => {
        let name: string;
        try {
          name = resolveTypeName(t.text.replace(/^\[|\]$/g, ''));
        } catch {
          name = t.text.replace(/^\[|\]$/g, '');
        }
        return exTypes.includes(name.toLowerCase());
      });
    });
    if (!handler) throw error;
    e.session.recordError(record);
    const restore = ctx.scope.saveDollarUnder();
    ctx.scope.setDollarUnder(record);
    try {
      await execStatementBlock(e, handler.children.find((c) => c?.type === 'statement_block') ?? null, ctx, out);
    } finally {
      restore();
    }
  } finally {
    if (fin) await execStatementBlock(e, fin.children.find((c) => c?.type === 'statement_block') ?? null, ctx, out);
  }
}

async function execFlow(e: Engine, node: Node, ctx: Ctx, out: Sink): Promise<void> {
  const keyword = (node.child(0)?.text ?? '').toLowerCase();
  const arg = node.children.find((c) => c?.type === 'pipeline');
  switch (keyword) {
    case 'break':
      throw new BreakSignal();
    case 'continue':
      throw new ContinueSignal();
    case 'return': {
      const values = arg ? await e.evalPipeline(arg, ctx) : [];
      for (const v of values) {
        if (Array.isArray(v)) for (const x of v) out(x);
        else out(v);
      }
      throw new ReturnSignal([]);
    }
    case 'exit':
      throw new ExitSignal(arg ? toNumber(collapse(await e.evalPipeline(arg, ctx))) : 0);
    case 'throw': {
      const value = arg ? collapse(await e.evalPipeline(arg, ctx)) : null;
      if (value instanceof ErrorRecord) throw new PSThrow(value);
      const message = value === null ? 'ScriptHalted' : toPsString(value);
      e.fail(ctx, {
        exceptionTypes: ['System.Management.Automation.RuntimeException'],
        message,
        category: 'OperationStopped',
        targetName: value === null ? '' : message,
        targetType: value === null ? '' : 'String',
        fullyQualifiedErrorId: message,
        extent: { start: node.startIndex, end: node.endIndex },
        targetObject: value,
      });
    }
    // eslint-disable-next-line no-fallthrough
    default:
      e.notSimulated(ctx, node, `The '${keyword}' statement`);
  }
}

function defineFunction(e: Engine, node: Node, ctx: Ctx): void {
  const name = node.children.find((c) => c?.type === 'function_name')?.text ?? '';
  const params: string[] = [];
  const decl = node.children.find((c) => c?.type === 'function_parameter_declaration');
  const collect = (n: Node) => {
    if (n.type === 'script_parameter') {
      const v = n.children.find((c) => c?.type === 'variable');
      if (v) params.push(v.text.slice(1));
      return;
    }
    for (const c of named(n)) collect(c);
  };
  if (decl) collect(decl);
  const body = node.children.find((c) => c?.type === 'script_block') ?? null;
  // param() may sit in the body or (on one line) in an ERROR tree-sitter wraps around it.
  const paramBlock = node.descendantsOfType('param_block')[0];
  if (paramBlock) collect(paramBlock);
  e.session.functions.set(name.toLowerCase(), { name, params, body, text: node.text, src: ctx.src, tree: ctx.tree });
}
