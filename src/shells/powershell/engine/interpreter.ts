/**
 * The evaluator: walks tree-sitter-powershell syntax trees and runs them with Windows PowerShell 5.1
 * semantics (statement-terminating errors, `$?`, pipelines, member enumeration, loose typing).
 * Commands are dispatched to ./commands; output goes to the caller's sink (Out-Default at top level).
 */
import type { Parser } from 'web-tree-sitter';
import { parseRange, parseToSyntaxTree, type SyntaxNode as Node, type SyntaxTree as Tree } from '../parse/syntax-tree';
import { ErrorRecord, PSThrow, type ErrorSpec } from '../errors/error-record';
import type { Extent } from '../errors/position-message';
import { ConversionError, parseNumber, toBool, toNumber, toPsString } from '../runtime/conversions';
import { callMethod, getMember, MemberError, setMember } from '../runtime/members';
import { binaryOp, OperatorError, rangeOp } from '../runtime/operators';
import { castTo, DotNetException, getStaticProperty, resolveTypeName, staticMethod, TypeNotFoundError, type StaticContext } from '../runtime/types';
import { PSHashtable, PSObject, PSType, ScriptBlock } from '../runtime/values';
import { SourceText } from '../source-text';
import type { ArgValue } from '../parse/command-line';
import { scriptBlockCall } from '../parse/recovery';
import { invokePipelineCommand, type CommandHost } from './commands';
import { LimitExceeded, type RunLimits } from './run-limits';
import { READ_ONLY, Scope, type SessionState } from './scope';
import { automaticVariable } from './automatic-variables';
import { invokeArrayMethod } from './array-methods';
import { execSwitch } from './switch-statement';

export class BreakSignal {}
export class ContinueSignal {}
export class ReturnSignal {
  constructor(readonly values: unknown[]) {}
}
export class ExitSignal {
  constructor(readonly code: number) {}
}

export interface Ctx {
  src: SourceText;
  tree: Tree;
  scope: Scope;
  tryDepth: number;
}

export type Sink = (value: unknown) => void;

const WRAPPERS = new Set([
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

/** A single value from pipeline output: nothing → $null, one → itself, many → array. */
export function collapse(values: unknown[]): unknown {
  if (values.length === 0) return null;
  if (values.length === 1) return values[0];
  return values;
}

function named(node: Node): Node[] {
  const kids = node.namedChildren;
  return kids.some((c) => c.type === 'comment') ? kids.filter((c) => c.type !== 'comment') : kids;
}

/** Skips the single-child precedence wrappers tree-sitter nests around every expression. */
function unwrap(node: Node): Node {
  while (WRAPPERS.has(node.type)) {
    const kids = node.namedChildren;
    if (kids.length !== 1 || node.children.length !== 1) break;
    node = kids[0] as Node;
  }
  return node;
}

const BACKTICK: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

export function unescapeBackticks(text: string): string {
  return text.replace(/`([\s\S])/g, (_m, c: string) => BACKTICK[c] ?? c);
}

export class Interpreter {
  constructor(
    readonly session: SessionState,
    readonly host: CommandHost,
    readonly limits: RunLimits,
    readonly parser: Parser,
  ) {}

  get staticContext(): StaticContext {
    return { now: () => this.host.now(), machineName: this.host.vm.computerName, userName: this.host.vm.adminUsername };
  }

  // ---- errors ------------------------------------------------------------------------------------

  record(ctx: Ctx, spec: ErrorSpec): ErrorRecord {
    return new ErrorRecord(spec, ctx.src.text);
  }

  fail(ctx: Ctx, spec: ErrorSpec): never {
    throw new PSThrow(this.record(ctx, spec));
  }

  /** Turns a JS-level failure from the runtime helpers into the error record 5.1 would show. */
  toThrow(ctx: Ctx, error: unknown, extent: Extent, methodName?: string, argCount?: number): unknown {
    if (error instanceof PSThrow || error instanceof LimitExceeded) return error;
    if (error instanceof BreakSignal || error instanceof ContinueSignal || error instanceof ReturnSignal || error instanceof ExitSignal) return error;
    const base = { extent, exceptionTypes: ['System.Management.Automation.RuntimeException'] };
    if (error instanceof DotNetException && methodName !== undefined) {
      const inner = error.typeName.split('.').pop() as string;
      return new PSThrow(
        this.record(ctx, {
          ...base,
          exceptionTypes: ['System.Management.Automation.MethodInvocationException', 'System.Management.Automation.MethodException', 'System.Management.Automation.RuntimeException'],
          message: `Exception calling "${methodName}" with "${argCount ?? 0}" argument(s): "${error.message}"`,
          category: 'NotSpecified',
          fullyQualifiedErrorId: inner,
          exceptionProps: { InnerException: null },
        }),
      );
    }
    if (error instanceof DotNetException) {
      return new PSThrow(this.record(ctx, { ...base, message: error.message, category: 'NotSpecified', fullyQualifiedErrorId: error.typeName.split('.').pop() as string }));
    }
    if (error instanceof MemberError) {
      return new PSThrow(this.record(ctx, { ...base, message: error.message, category: 'InvalidOperation', fullyQualifiedErrorId: error.errorId }));
    }
    if (error instanceof ConversionError) {
      return new PSThrow(
        this.record(ctx, {
          ...base,
          message: error.message,
          category: 'InvalidArgument',
          fullyQualifiedErrorId: typeof error.value === 'string' && /Int|Double|Decimal/.test(error.targetType) ? 'InvalidCastFromStringToInteger' : 'InvalidCastConstructorException',
        }),
      );
    }
    if (error instanceof OperatorError) {
      return new PSThrow(this.record(ctx, { ...base, message: error.message, category: error.errorId === 'MethodNotFound' ? 'InvalidOperation' : 'NotSpecified', fullyQualifiedErrorId: error.errorId }));
    }
    if (error instanceof TypeNotFoundError) {
      return new PSThrow(this.record(ctx, { ...base, message: error.message, category: 'InvalidOperation', targetName: error.typeName, targetType: 'TypeName', fullyQualifiedErrorId: 'TypeNotFound' }));
    }
    return error;
  }

  async guard<T>(ctx: Ctx, node: Node, fn: () => Promise<T> | T, methodName?: string, argCount?: number): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw this.toThrow(ctx, error, { start: node.startIndex, end: node.endIndex }, methodName, argCount);
    }
  }

  /** Writes a non-terminating or unhandled error: `$Error`, `$?`, and the error stream. */
  reportError(record: ErrorRecord): void {
    this.errorCount++;
    this.session.recordError(record);
    this.session.lastSuccess = false;
    this.host.writeError(record);
  }

  // ---- statements --------------------------------------------------------------------------------

  async execBlock(list: Node | null | undefined, ctx: Ctx, out: Sink): Promise<void> {
    if (!list) return;
    for (const stmt of named(list)) await this.execStatement(stmt, ctx, out);
  }

  /**
   * Source already consumed by a command whose arguments ran past the node tree-sitter gave it
   * (see parse/recovery.ts); statements tree-sitter made out of those pieces are skipped.
   */
  private consumed: { src: SourceText; from: number; until: number }[] = [];

  /** Marks [from, until) of `src` as already run by a command's own argument tokenizer. */
  markConsumed(src: SourceText, from: number, until: number): void {
    this.consumed.push({ src, from, until });
  }

  private isConsumed(src: SourceText, offset: number): boolean {
    return this.consumed.some((c) => c.src === src && offset >= c.from && offset < c.until);
  }
  private errorCount = 0;

  async execStatement(node: Node, ctx: Ctx, out: Sink): Promise<void> {
    if (this.consumed.length && !['statement_list', 'program', 'ERROR'].includes(node.type) && this.isConsumed(ctx.src, node.startIndex)) return;
    this.limits.step();
    if (this.limits.needsYield) await this.limits.yieldToEventLoop();
    try {
      await this.execStatementInner(node, ctx, out);
    } catch (error) {
      const e = this.toThrow(ctx, error, { start: node.startIndex, end: node.endIndex });
      if (e instanceof PSThrow && ctx.tryDepth === 0) {
        this.reportError(e.record);
        return;
      }
      throw e;
    }
  }

  private async execStatementInner(node: Node, ctx: Ctx, out: Sink): Promise<void> {
    switch (node.type) {
      case 'pipeline':
      case 'pipeline_chain': {
        const before = this.errorCount;
        const values = await this.evalPipeline(node, ctx);
        // $? reflects the statement that just finished: false if it wrote any error.
        this.session.lastSuccess = this.errorCount === before;
        // The output stream enumerates collections one level, so `1,2` writes two objects.
        for (const v of values) {
          if (Array.isArray(v)) for (const x of v) out(x);
          else out(v);
        }
        return;
      }
      case 'ERROR':
        // A switch whose flags tree-sitter does not know (`-r` for -Regex): the switch reads itself.
        if (node.child(0)?.type === 'switch') return execSwitch(this, node, ctx, out);
        // A grammar gap on a valid command line (parse/recovery.ts): run the statements inside it.
        for (const child of node.children) if (child && (child.type === 'pipeline' || child.type === 'pipeline_chain' || child.type === 'ERROR' || child.type.endsWith('_statement'))) await this.execStatement(child, ctx, out);
        return;
      case 'empty_statement':
      case 'comment':
        return;
      case 'statement_list':
      case 'program':
        return this.execBlock(node, ctx, out);
      case 'if_statement':
        return this.execIf(node, ctx, out);
      case 'foreach_statement':
        return this.execForeach(node, ctx, out);
      case 'for_statement':
        return this.execFor(node, ctx, out);
      case 'while_statement':
        return this.execWhile(node, ctx, out);
      case 'do_statement':
        return this.execDo(node, ctx, out);
      case 'try_statement':
        return this.execTry(node, ctx, out);
      case 'switch_statement':
        return execSwitch(this, node, ctx, out);
      case 'flow_control_statement':
        return this.execFlow(node, ctx, out);
      case 'function_statement':
        return this.defineFunction(node, ctx);
      case 'statement_block':
        return this.execBlock(node.childForFieldName('statement_list') ?? named(node)[0], ctx, out);
      default:
        this.notSimulated(ctx, node, this.describe(node));
    }
  }

  describe(node: Node): string {
    const kinds: Record<string, string> = {
      trap_statement: 'The trap statement',
      class_statement: 'Class definitions',
      enum_statement: 'Enum definitions',
      data_statement: 'Data sections',
      parallel_statement: 'Workflow parallel blocks',
      sequence_statement: 'Workflow sequence blocks',
      inlinescript_statement: 'Workflow inlinescript blocks',
    };
    return kinds[node.type] ?? `This syntax (${node.type.replace(/_/g, ' ')})`;
  }

  notSimulated(ctx: Ctx, node: Node, what: string): never {
    this.fail(ctx, {
      exceptionTypes: ['System.NotSupportedException'],
      message: `${what} is not simulated here. The sandbox runs the subset of Windows PowerShell 5.1 that scripts against IMDS and ARM use.`,
      category: 'NotImplemented',
      fullyQualifiedErrorId: 'NotSimulated',
      extent: { start: node.startIndex, end: node.endIndex },
    });
  }

  private async execIf(node: Node, ctx: Ctx, out: Sink): Promise<void> {
    const cond = node.childForFieldName('condition');
    if (cond && toBool(collapse(await this.evalPipeline(cond, ctx)))) {
      const block = node.children.find((c) => c?.type === 'statement_block') ?? null;
      return this.execStatementBlock(block, ctx, out);
    }
    const elseifs = node.childForFieldName('elseif_clauses');
    for (const clause of elseifs ? named(elseifs) : []) {
      const c = clause.childForFieldName('condition');
      if (c && toBool(collapse(await this.evalPipeline(c, ctx)))) {
        return this.execStatementBlock(clause.children.find((x) => x?.type === 'statement_block') ?? null, ctx, out);
      }
    }
    const elseClause = node.childForFieldName('else_clause');
    if (elseClause) return this.execStatementBlock(elseClause.children.find((x) => x?.type === 'statement_block') ?? null, ctx, out);
  }

  async execStatementBlock(block: Node | null, ctx: Ctx, out: Sink): Promise<void> {
    if (!block) return;
    const list = block.childForFieldName('statement_list') ?? named(block).find((c) => c.type === 'statement_list') ?? null;
    return this.execBlock(list, ctx, out);
  }

  /** Counts one unit of looping work against the run limits, letting Ctrl+C in when it is due. */
  async tick(): Promise<void> {
    this.limits.step();
    if (this.limits.needsYield) await this.limits.yieldToEventLoop();
  }

  /** Runs one iteration of a loop (or switch) body; returns false when the loop should stop (break). */
  async iteration(body: () => Promise<void>): Promise<boolean> {
    await this.tick();
    try {
      await body();
    } catch (e) {
      if (e instanceof BreakSignal) return false;
      if (e instanceof ContinueSignal) return true;
      throw e;
    }
    return true;
  }

  private loopBody(block: Node | null, ctx: Ctx, out: Sink): Promise<boolean> {
    return this.iteration(() => this.execStatementBlock(block, ctx, out));
  }

  private async execForeach(node: Node, ctx: Ctx, out: Sink): Promise<void> {
    const variable = node.children.find((c) => c?.type === 'variable');
    const source = node.children.find((c) => c?.type === 'pipeline');
    const block = node.children.find((c) => c?.type === 'statement_block') ?? null;
    if (!variable || !source) return this.notSimulated(ctx, node, 'This form of foreach');
    const items = await this.evalPipeline(source, ctx);
    const collection = items.length === 1 ? items[0] : items;
    const list = Array.isArray(collection) ? collection : collection instanceof Uint8Array ? Array.from(collection) : collection === null ? [] : [collection];
    const name = this.variableName(variable.text);
    for (const item of list) {
      ctx.scope.set(name, item);
      if (!(await this.loopBody(block, ctx, out))) break;
    }
  }

  private async execFor(node: Node, ctx: Ctx, out: Sink): Promise<void> {
    const init = node.childForFieldName('for_initializer');
    const cond = node.childForFieldName('for_condition');
    const iter = node.childForFieldName('for_iterator');
    const block = node.children.find((c) => c?.type === 'statement_block') ?? null;
    if (init) for (const p of named(init)) await this.evalPipeline(p, ctx);
    for (;;) {
      if (cond && !toBool(collapse(await this.evalPipelines(cond, ctx)))) break;
      if (!(await this.loopBody(block, ctx, out))) break;
      if (iter) for (const p of named(iter)) await this.evalPipeline(p, ctx);
    }
  }

  private async evalPipelines(node: Node, ctx: Ctx): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const p of named(node)) out.push(...(await this.evalPipeline(p, ctx)));
    return out;
  }

  private async execWhile(node: Node, ctx: Ctx, out: Sink): Promise<void> {
    const cond = node.childForFieldName('condition');
    const block = node.children.find((c) => c?.type === 'statement_block') ?? null;
    while (cond && toBool(collapse(await this.evalPipelines(cond, ctx)))) {
      if (!(await this.loopBody(block, ctx, out))) break;
    }
  }

  private async execDo(node: Node, ctx: Ctx, out: Sink): Promise<void> {
    const cond = node.childForFieldName('condition');
    const block = node.children.find((c) => c?.type === 'statement_block') ?? null;
    const until = node.children.some((c) => c?.type === 'until');
    for (;;) {
      if (!(await this.loopBody(block, ctx, out))) break;
      const v = cond ? toBool(collapse(await this.evalPipelines(cond, ctx))) : false;
      if (until ? v : !v) break;
    }
  }

  private async execTry(node: Node, ctx: Ctx, out: Sink): Promise<void> {
    const body = node.children.find((c) => c?.type === 'statement_block') ?? null;
    const clauses = node.children.find((c) => c?.type === 'catch_clauses');
    const fin = node.children.find((c) => c?.type === 'finally_clause');
    try {
      await this.execStatementBlock(body, { ...ctx, tryDepth: ctx.tryDepth + 1 }, out);
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
      this.session.recordError(record);
      const restore = ctx.scope.saveDollarUnder();
      ctx.scope.setDollarUnder(record);
      try {
        await this.execStatementBlock(handler.children.find((c) => c?.type === 'statement_block') ?? null, ctx, out);
      } finally {
        restore();
      }
    } finally {
      if (fin) await this.execStatementBlock(fin.children.find((c) => c?.type === 'statement_block') ?? null, ctx, out);
    }
  }

  private async execFlow(node: Node, ctx: Ctx, out: Sink): Promise<void> {
    const keyword = (node.child(0)?.text ?? '').toLowerCase();
    const arg = node.children.find((c) => c?.type === 'pipeline');
    switch (keyword) {
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
      case 'return': {
        const values = arg ? await this.evalPipeline(arg, ctx) : [];
        for (const v of values) {
          if (Array.isArray(v)) for (const x of v) out(x);
          else out(v);
        }
        throw new ReturnSignal([]);
      }
      case 'exit':
        throw new ExitSignal(arg ? toNumber(collapse(await this.evalPipeline(arg, ctx))) : 0);
      case 'throw': {
        const value = arg ? collapse(await this.evalPipeline(arg, ctx)) : null;
        if (value instanceof ErrorRecord) throw new PSThrow(value);
        const message = value === null ? 'ScriptHalted' : toPsString(value);
        this.fail(ctx, {
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
        this.notSimulated(ctx, node, `The '${keyword}' statement`);
    }
  }

  private defineFunction(node: Node, ctx: Ctx): void {
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
    this.session.functions.set(name.toLowerCase(), { name, params, body, text: node.text, src: ctx.src, tree: ctx.tree });
  }

  // ---- pipelines ---------------------------------------------------------------------------------

  /** Evaluates a `pipeline` node (or assignment) and returns its output objects. */
  async evalPipeline(node: Node, ctx: Ctx): Promise<unknown[]> {
    this.limits.step();
    node = unwrap(node);
    if (node.type === 'pipeline') {
      const first = named(node)[0];
      if (!first) return [];
      if (first.type === 'assignment_expression') {
        await this.assign(first, ctx);
        return [];
      }
      return this.evalPipeline(first, ctx);
    }
    if (node.type === 'pipeline_chain') return this.evalChain(node, ctx);
    if (node.type === 'assignment_expression') {
      await this.assign(node, ctx);
      return [];
    }
    if (node.type === 'command') return this.runCommandStage(node, ctx, null);
    const v = await this.evalExpr(node, ctx);
    return v === undefined ? [] : [v];
  }

  private async evalChain(node: Node, ctx: Ctx): Promise<unknown[]> {
    const stages = named(node);
    let input: unknown[] | null = null;
    for (const [i, stage] of stages.entries()) {
      if (stage.type === 'command') {
        input = await this.runCommandStage(stage, ctx, input);
      } else if (i === 0) {
        const v = await this.evalExpr(stage, ctx);
        // An expression alone is its value ($x = @() stays an empty array); at the head of a longer
        // pipeline it is enumerated into it.
        if (stages.length === 1) return v === undefined ? [] : [v];
        input = v === undefined ? [] : Array.isArray(v) ? v : v instanceof Uint8Array ? Array.from(v) : [v];
      } else {
        this.fail(ctx, {
          exceptionTypes: ['System.Management.Automation.ParseException'],
          message: 'Expressions are only allowed as the first element of a pipeline.',
          category: 'ParserError',
          fullyQualifiedErrorId: 'ExpressionsMustBeFirstInPipeline',
          extent: { start: stage.startIndex, end: stage.endIndex },
        });
      }
    }
    return input ?? [];
  }

  private async runCommandStage(node: Node, ctx: Ctx, input: unknown[] | null): Promise<unknown[]> {
    return invokePipelineCommand(this, ctx, node, input);
  }

  /** Evaluates a tokenized command argument. */
  async evalArg(arg: ArgValue, ctx: Ctx): Promise<unknown> {
    if (arg.kind === 'literal') return arg.value;
    if (arg.kind === 'list') {
      const out: unknown[] = [];
      for (const item of arg.items) out.push(await this.evalArg(item, ctx));
      return out;
    }
    return collapse(await this.evalRange(ctx, arg.start, arg.end));
  }

  /** Evaluates the pipeline (or expression) at [start, end) of the script. */
  async evalRange(ctx: Ctx, start: number, end: number): Promise<unknown[]> {
    const { node, tree } = this.exprAt(ctx, start, end);
    return this.evalPipeline(node, tree === ctx.tree ? ctx : { ...ctx, tree });
  }

  private readonly rangeTrees = new WeakMap<SourceText, Map<string, Tree>>();

  /** A parse of just [start, end) of the script (see parseRange), made once per run. */
  private rangeTree(src: SourceText, start: number, end: number): Tree {
    let trees = this.rangeTrees.get(src);
    if (!trees) this.rangeTrees.set(src, (trees = new Map()));
    const key = `${start}:${end}`;
    let tree = trees.get(key);
    if (!tree) trees.set(key, (tree = parseRange(this.parser, src.text, start, end)));
    return tree;
  }

  /**
   * The statements of the `{ … }` block at [start, end): from the script's tree when tree-sitter read
   * that block cleanly, else from a parse of its inside alone (with the context to run them in).
   */
  blockAt(ctx: Ctx, start: number, end: number): { list: Node | null; ctx: Ctx } {
    const node = ctx.tree.rootNode.smallestSpanning(start, end);
    if (node.type === 'statement_block' && node.startIndex === start && node.endIndex === end && !node.hasError) {
      return { list: node.childForFieldName('statement_list') ?? named(node).find((c) => c.type === 'statement_list') ?? null, ctx };
    }
    const tree = this.rangeTree(ctx.src, start + 1, end - 1);
    return { list: tree.rootNode, ctx: { ...ctx, tree } };
  }

  /** Finds the syntax node for a source range, re-parsing just that range when the main tree is confused. */
  exprNodeAt(ctx: Ctx, start: number, end: number): Node {
    return this.exprAt(ctx, start, end).node;
  }

  private exprAt(ctx: Ctx, start: number, end: number): { node: Node; tree: Tree } {
    let node: Node | null = ctx.tree.rootNode.smallestSpanning(start, end);
    while (node && node.parent && node.parent.startIndex === start && node.parent.endIndex === end && node.parent.type !== 'command_elements') node = node.parent;
    const usable = node && node.startIndex === start && node.endIndex === end && !node.hasError && !['generic_token', 'command_elements', 'command', 'command_name', 'ERROR'].includes(node.type);
    if (usable && node) return { node, tree: ctx.tree };
    const tree = this.rangeTree(ctx.src, start, end);
    const first = tree.rootNode.descendantsOfType('pipeline')[0];
    if (!first) {
      return this.fail(ctx, {
        exceptionTypes: ['System.Management.Automation.ParseException'],
        message: `Unexpected token '${ctx.src.slice(start, end)}' in expression or statement.`,
        category: 'ParserError',
        fullyQualifiedErrorId: 'UnexpectedToken',
        extent: { start, end },
      });
    }
    return { node: first, tree };
  }

  // ---- assignment --------------------------------------------------------------------------------

  private async assign(node: Node, ctx: Ctx): Promise<void> {
    const left = node.children.find((c) => c?.type === 'left_assignment_expression');
    const op = node.children.find((c) => c?.type === 'assignement_operator')?.text ?? '=';
    const valueNode = node.childForFieldName('value');
    if (!left || !valueNode) return this.notSimulated(ctx, node, 'This assignment');
    let value: unknown;
    if (valueNode.type === 'pipeline' || WRAPPERS.has(valueNode.type)) value = collapse(await this.evalPipeline(valueNode, ctx));
    else {
      const collected: unknown[] = [];
      await this.execStatement(valueNode, ctx, (v) => collected.push(v));
      value = collapse(collected);
    }
    let target = left;
    while (WRAPPERS.has(target.type) && named(target).length === 1) target = named(target)[0] as Node;
    if (target.type === 'array_literal_expression') {
      const targets = named(target);
      const values = Array.isArray(value) ? value : [value];
      for (const [i, t] of targets.entries()) {
        const v = i === targets.length - 1 ? collapse(values.slice(i)) : values[i];
        await this.assignTo(t, v ?? null, ctx);
      }
      return;
    }
    if (op !== '=') {
      const current = await this.evalExpr(target, ctx);
      value = await this.guard(ctx, node, () => binaryOp(op.slice(0, -1), current ?? null, value, null));
    }
    await this.assignTo(target, value, ctx);
  }

  private async assignTo(target: Node, value: unknown, ctx: Ctx): Promise<void> {
    while (WRAPPERS.has(target.type) && named(target).length === 1) target = named(target)[0] as Node;
    switch (target.type) {
      case 'variable':
        return this.setVariable(target.text, value, ctx, target);
      case 'expression_with_unary_operator': {
        const cast = named(target)[0];
        if (cast?.type === 'cast_expression') {
          const type = cast.children.find((c) => c?.type === 'type_literal');
          const inner = named(cast).find((c) => c.type !== 'type_literal');
          if (type && inner) {
            const t = await this.evalTypeLiteral(type, ctx);
            return this.assignTo(inner, await this.guard(ctx, target, () => castTo(t.fullName, value)), ctx);
          }
        }
        break;
      }
      case 'member_access': {
        const objNode = named(target)[0] as Node;
        const member = target.children.find((c) => c?.type === 'member_name');
        const obj = await this.evalExpr(objNode, ctx);
        const name = member ? await this.memberName(member, ctx) : '';
        return this.guard(ctx, target, () => setMember(obj, name, value));
      }
      case 'element_access': {
        const objNode = named(target)[0] as Node;
        const idxNode = named(target)[1];
        const obj = await this.evalExpr(objNode, ctx);
        const idx = idxNode ? await this.evalExpr(idxNode, ctx) : null;
        return this.guard(ctx, target, () => {
          if (obj instanceof PSHashtable) obj.set(idx, value);
          else if (Array.isArray(obj)) {
            const i = toNumber(idx);
            const at = i < 0 ? obj.length + i : i;
            if (at < 0 || at >= obj.length) throw new MemberError('Index was outside the bounds of the array.', 'IndexOutOfRange');
            obj[at] = value;
          } else if (obj instanceof PSObject) obj.set(toPsString(idx), value);
          else if (obj === null || obj === undefined) throw new MemberError('Cannot index into a null array.', 'NullArray');
          else throw new MemberError(`Unable to index into an object of type ${typeof obj}.`, 'CannotIndex');
        });
      }
      default:
        break;
    }
    this.fail(ctx, {
      exceptionTypes: ['System.Management.Automation.ParseException'],
      message: 'The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property.',
      category: 'ParserError',
      fullyQualifiedErrorId: 'InvalidLeftHandSide',
      extent: { start: target.startIndex, end: target.endIndex },
    });
  }

  variableName(raw: string): string {
    let name = raw.replace(/^[$@]/, '');
    if (name.startsWith('{') && name.endsWith('}')) name = name.slice(1, -1);
    return name;
  }

  setVariable(raw: string, value: unknown, ctx: Ctx, node: Node): void {
    const name = this.variableName(raw);
    const lower = name.toLowerCase();
    if (lower.startsWith('env:')) {
      this.session.setEnv(name.slice(4), value === null ? null : toPsString(value));
      return;
    }
    // Assigning to $null discards the value.
    if (lower === 'null') return;
    const scoped = /^(global|script|local|private):(.+)$/i.exec(name);
    if (READ_ONLY.has(lower)) {
      this.fail(ctx, {
        exceptionTypes: ['System.Management.Automation.SessionStateUnauthorizedAccessException'],
        message: `Cannot overwrite variable ${name} because it is read-only or constant.`,
        category: 'WriteError',
        targetName: name,
        targetType: '',
        fullyQualifiedErrorId: 'VariableNotWritable',
        extent: { start: node.startIndex, end: node.endIndex },
      });
    }
    if (scoped) {
      const scope = /^(global|script)$/i.test(scoped[1] as string) ? ctx.scope.global : ctx.scope;
      scope.set(scoped[2] as string, value);
      return;
    }
    ctx.scope.set(name, value);
  }

  getVariable(raw: string, ctx: Ctx): unknown {
    const name = this.variableName(raw);
    const lower = name.toLowerCase();
    if (lower.startsWith('env:')) return this.session.getEnv(name.slice(4));
    const scoped = /^(global|script|local|private|variable):(.+)$/i.exec(name);
    const bare = scoped ? (scoped[2] as string) : name;
    const v = ctx.scope.lookup(bare);
    if (v) return v.value;
    const auto = automaticVariable(this, bare.toLowerCase());
    return auto === undefined ? null : auto;
  }

  // ---- expressions -------------------------------------------------------------------------------

  async evalExpr(node: Node, ctx: Ctx): Promise<unknown> {
    this.limits.step();
    node = unwrap(node);
    const kids = named(node);
    if (WRAPPERS.has(node.type)) {
      if (kids.length === 1) return this.evalExpr(kids[0] as Node, ctx);
      return this.evalBinaryChain(node, ctx);
    }
    switch (node.type) {
      case 'pipeline':
      case 'pipeline_chain':
        return collapse(await this.evalPipeline(node, ctx));
      case 'variable':
        return this.getVariable(node.text, ctx);
      case 'integer_literal':
      case 'real_literal':
      case 'decimal_integer_literal':
      case 'hexadecimal_integer_literal':
        return this.numberLiteral(node.text);
      case 'string_literal':
        return this.evalExpr(kids[0] as Node, ctx);
      case 'verbatim_string_characters':
        // 5.1 treats ' ‘ ’ ‚ ‛ alike: two of them in a row stand for one (the second).
        return node.text.slice(1, -1).replace(/['\u2018\u2019\u201A\u201B](['\u2018\u2019\u201A\u201B])/g, '$1');
      case 'verbatim_here_string_characters':
        return node.text.replace(/^@'\r?\n/, '').replace(/\r?\n'@$/, '');
      case 'expandable_string_literal':
      case 'expandable_here_string_literal':
        return this.expandString(node, ctx);
      case 'sub_expression': {
        const out: unknown[] = [];
        await this.execBlock(node.childForFieldName('statements'), ctx, (v) => out.push(v));
        return collapse(out);
      }
      case 'array_expression': {
        const out: unknown[] = [];
        await this.execBlock(node.childForFieldName('statements'), ctx, (v) => out.push(v));
        return out;
      }
      case 'parenthesized_expression': {
        const inner = kids[0];
        if (!inner) return null;
        return collapse(await this.evalPipeline(inner, ctx));
      }
      case 'hash_literal_expression':
        return this.evalHash(node, ctx, false);
      case 'script_block_expression': {
        const body = node.children.find((c) => c?.type === 'script_block') ?? null;
        const text = node.text.slice(1, -1);
        return new ScriptBlock(body, text, this.scriptParams(node), ctx.src, ctx.tree);
      }
      case 'type_literal':
        return this.evalTypeLiteral(node, ctx);
      case 'member_access':
        return this.evalMemberAccess(node, ctx);
      case 'invokation_expression':
        return this.evalInvocation(node, ctx);
      case 'element_access':
        return this.evalElementAccess(node, ctx);
      case 'expression_with_unary_operator':
        return this.evalUnary(node, ctx);
      case 'cast_expression':
        return this.evalCast(node, ctx);
      case 'post_increment_expression':
      case 'post_decrement_expression':
      case 'pre_increment_expression':
      case 'pre_decrement_expression': {
        const target = kids[0] as Node;
        const before = toNumber(await this.evalExpr(target, ctx));
        const after = node.type.includes('increment') ? before + 1 : before - 1;
        await this.assignTo(target, after, ctx);
        // As a statement, `$i++` outputs nothing; inside an expression it yields the value.
        if (this.isStatementLevel(node)) return undefined;
        return node.type.startsWith('post') ? before : after;
      }
      case 'command':
        return collapse(await this.runCommandStage(node, ctx, null));
      case 'assignment_expression':
        await this.assign(node, ctx);
        return undefined;
      case 'generic_token':
      case 'simple_name':
        return node.text;
      default:
        return this.notSimulated(ctx, node, this.describe(node));
    }
  }

  /** True when the expression is the whole statement (so its value is discarded rather than printed). */
  private isStatementLevel(node: Node): boolean {
    let n: Node | null = node;
    while (n && n.type !== 'pipeline') {
      const p: Node | null = n.parent;
      if (!p) return false;
      if (named(p).length !== 1 && p.type !== 'pipeline') return false;
      n = p;
    }
    return n?.parent?.type === 'statement_list';
  }

  numberLiteral(raw: string): number {
    const text = raw.replace(/[ld]$/i, '');
    const n = parseNumber(text);
    return n ?? Number.NaN;
  }

  private scriptParams(body: Node | null): string[] {
    if (!body) return [];
    const params: string[] = [];
    const block = body.descendantsOfType('param_block')[0];
    if (block) for (const p of block.descendantsOfType('script_parameter')) {
      const v = p?.children.find((c) => c?.type === 'variable');
      if (v) params.push(v.text.slice(1));
    }
    return params;
  }

  private async expandString(node: Node, ctx: Ctx): Promise<string> {
    const here = node.type === 'expandable_here_string_literal';
    const text = node.text;
    let innerStart: number;
    let innerEnd: number;
    if (here) {
      const nl = text.indexOf('\n');
      innerStart = nl + 1;
      innerEnd = text.lastIndexOf('\n');
      if (innerEnd > 0 && text[innerEnd - 1] === '\r') innerEnd--;
      if (innerEnd < innerStart) innerEnd = innerStart;
    } else {
      innerStart = 1;
      innerEnd = text.length - 1;
    }
    const base = node.startIndex;
    let out = '';
    let pos = innerStart;
    const literal = (s: string) => unescapeBackticks(here ? s : s.replace(/""/g, '"').replace(/“”|””/g, '"'));
    for (const child of named(node)) {
      // tree-sitter sometimes starts a `$(` token at the whitespace before it.
      const cs = child.startIndex - base + (child.type === 'sub_expression' ? Math.max(0, child.text.indexOf('$(')) : 0);
      const ce = child.endIndex - base;
      if (cs < pos || child.type === 'comment') continue;
      if (child.type !== 'variable' && child.type !== 'sub_expression') continue;
      out += literal(text.slice(pos, cs));
      const value = child.type === 'variable' ? this.getVariable(child.text, ctx) : await this.evalExpr(child, ctx);
      out += toPsString(value);
      pos = ce;
    }
    out += literal(text.slice(pos, Math.max(pos, innerEnd)));
    return out;
  }

  async evalHash(node: Node, ctx: Ctx, ordered: boolean): Promise<PSHashtable> {
    const h = new PSHashtable(ordered);
    const body = node.children.find((c) => c?.type === 'hash_literal_body');
    for (const entry of body ? named(body) : []) {
      if (entry.type !== 'hash_entry') continue;
      const keyNode = entry.children.find((c) => c?.type === 'key_expression');
      const valueNode = named(entry).find((c) => c.type !== 'key_expression');
      const key = keyNode ? await this.hashKey(keyNode, ctx) : '';
      let value: unknown = null;
      if (valueNode) {
        if (valueNode.type === 'pipeline') value = collapse(await this.evalPipeline(valueNode, ctx));
        else {
          const collected: unknown[] = [];
          await this.execStatement(valueNode, ctx, (v) => collected.push(v));
          value = collapse(collected);
        }
      }
      if (h.has(key)) {
        this.fail(ctx, {
          exceptionTypes: ['System.Management.Automation.ParseException'],
          message: `Duplicate keys '${toPsString(key)}' are not allowed in hash literals.`,
          category: 'ParserError',
          fullyQualifiedErrorId: 'DuplicateKeyInHashLiteral',
          extent: { start: entry.startIndex, end: entry.endIndex },
        });
      }
      h.set(key, value);
    }
    return h;
  }

  private async hashKey(keyNode: Node, ctx: Ctx): Promise<unknown> {
    const inner = named(keyNode)[0];
    if (!inner || inner.type === 'simple_name') return keyNode.text.trim();
    return this.evalExpr(inner, ctx);
  }

  async evalTypeLiteral(node: Node, ctx: Ctx): Promise<PSType> {
    const spec = node.children.find((c) => c?.type === 'type_spec');
    const raw = (spec ?? node).text.replace(/^\[|\]$/g, '');
    return this.guard(ctx, node, () => new PSType(resolveTypeName(raw)));
  }

  private async memberName(member: Node, ctx: Ctx): Promise<string> {
    const inner = named(member)[0];
    if (!inner || inner.type === 'simple_name') return member.text.trim();
    return toPsString(await this.evalExpr(inner, ctx));
  }

  private async evalMemberAccess(node: Node, ctx: Ctx): Promise<unknown> {
    const objNode = named(node)[0] as Node;
    const isStatic = node.children.some((c) => c?.type === '::');
    const braced = scriptBlockCall(node);
    if (braced) {
      const target = await this.evalExpr(objNode, ctx);
      return this.invokeMethod(ctx, node, target, braced.name, [await this.evalExpr(braced.block, ctx)]);
    }
    const member = node.children.find((c) => c?.type === 'member_name');
    const name = member ? await this.memberName(member, ctx) : '';
    const obj = await this.evalExpr(objNode, ctx);
    if (isStatic) {
      if (!(obj instanceof PSType)) return null;
      return getStaticProperty(this.staticContext, obj, name);
    }
    const v = getMember(obj, name);
    return v === undefined ? null : v;
  }

  private async evalArguments(node: Node, ctx: Ctx): Promise<unknown[]> {
    const list = node.children.find((c) => c?.type === 'argument_list');
    const exprs = list?.childForFieldName('argument_expression_list');
    const args: unknown[] = [];
    for (const a of exprs ? named(exprs) : []) args.push(await this.evalExpr(a, ctx));
    return args;
  }

  private async evalInvocation(node: Node, ctx: Ctx): Promise<unknown> {
    const objNode = named(node)[0] as Node;
    const isStatic = node.children.some((c) => c?.type === '::');
    const member = node.children.find((c) => c?.type === 'member_name');
    const name = member ? await this.memberName(member, ctx) : '';
    const obj = await this.evalExpr(objNode, ctx);
    const args = await this.evalArguments(node, ctx);
    if (isStatic) {
      if (!(obj instanceof PSType)) return this.guard(ctx, node, () => callMethod(null, name, args));
      const fn = staticMethod(obj, name);
      if (!fn) {
        return this.fail(ctx, {
          exceptionTypes: ['System.Management.Automation.RuntimeException'],
          message: `Method invocation failed because [${obj.fullName}] does not contain a method named '${name}', or the method is not simulated here.`,
          category: 'InvalidOperation',
          fullyQualifiedErrorId: 'MethodNotFound',
          extent: { start: node.startIndex, end: node.endIndex },
        });
      }
      return this.guard(ctx, node, () => fn(this.staticContext, args), name, args.length);
    }
    return this.invokeMethod(ctx, node, obj, name, args);
  }

  /** Calls an instance method; `.ForEach()` / `.Where()` are PowerShell's own, on every value. */
  private invokeMethod(ctx: Ctx, node: Node, obj: unknown, name: string, args: unknown[]): Promise<unknown> {
    const lower = name.toLowerCase();
    if (lower === 'foreach' || lower === 'where') return invokeArrayMethod(this, ctx, node, obj, lower, args);
    return this.guard(ctx, node, () => callMethod(obj, name, args), name, args.length);
  }

  private async evalElementAccess(node: Node, ctx: Ctx): Promise<unknown> {
    const [objNode, idxNode] = named(node);
    const obj = await this.evalExpr(objNode as Node, ctx);
    const idx = idxNode ? await this.evalExpr(idxNode, ctx) : null;
    return this.guard(ctx, node, () => indexInto(obj, idx));
  }

  private async evalUnary(node: Node, ctx: Ctx): Promise<unknown> {
    const first = node.child(0);
    const operand = named(node).find((c) => c !== first) ?? named(node)[0];
    if (first?.type === 'cast_expression') return this.evalCast(first, ctx);
    if (!first || !operand) return null;
    const op = first.type.toLowerCase();
    const v = await this.evalExpr(operand, ctx);
    return this.guard(ctx, node, () => {
      switch (op) {
        case '-not':
        case '!':
          return !toBool(v);
        case '-':
          return -toNumber(v);
        case '+':
          return toNumber(v);
        case ',':
          return [v];
        case '-bnot':
          return ~toNumber(v);
        case '-split':
          return toPsString(v).trim().split(/\s+/);
        case '-join':
          return (Array.isArray(v) ? v : [v]).map(toPsString).join('');
        case '++':
        case '--':
          return v;
        default:
          throw new OperatorError(`The unary operator '${first.text}' is not simulated here.`, 'OperatorNotSimulated');
      }
    });
  }

  private async evalCast(node: Node, ctx: Ctx): Promise<unknown> {
    const typeNode = node.children.find((c) => c?.type === 'type_literal');
    const operand = named(node).find((c) => c.type !== 'type_literal');
    if (!typeNode || !operand) return null;
    const type = await this.evalTypeLiteral(typeNode, ctx);
    let inner = operand;
    while (WRAPPERS.has(inner.type) && named(inner).length === 1) inner = named(inner)[0] as Node;
    if (inner.type === 'hash_literal_expression' && type.fullName === 'System.Collections.Specialized.OrderedDictionary') return this.evalHash(inner, ctx, true);
    const v = await this.evalExpr(operand, ctx);
    return this.guard(ctx, node, () => castTo(type.fullName, v));
  }

  private async evalBinaryChain(node: Node, ctx: Ctx): Promise<unknown> {
    const parts = node.children.filter((c): c is Node => c !== null && c.type !== 'comment');
    let acc = await this.evalExpr(parts[0] as Node, ctx);
    if (node.type === 'array_literal_expression') {
      const items = [acc];
      for (const p of parts.slice(1)) if (p.isNamed) items.push(await this.evalExpr(p, ctx));
      return items;
    }
    for (let i = 1; i < parts.length; i += 2) {
      const opNode = parts[i] as Node;
      const rightNode = parts[i + 1];
      if (!rightNode) break;
      const op = (opNode.isNamed ? opNode.text : opNode.type).trim();
      const lower = op.toLowerCase();
      if (lower === '-and') {
        acc = toBool(acc) ? toBool(await this.evalExpr(rightNode, ctx)) : false;
        continue;
      }
      if (lower === '-or') {
        acc = toBool(acc) ? true : toBool(await this.evalExpr(rightNode, ctx));
        continue;
      }
      const right = await this.evalExpr(rightNode, ctx);
      const left = acc;
      acc = await this.guard(ctx, node, () => {
        if (op === '..') return rangeOp(left, right);
        if (lower === '-f') return binaryOp('-f', left, right, null);
        return binaryOp(op, left ?? null, right ?? null, { setMatches: (m) => (this.session.matches = m) });
      });
    }
    return acc;
  }

  // ---- script blocks -----------------------------------------------------------------------------

  /** Runs a script block; `$_` is set for ForEach-Object / Where-Object style calls. */
  async invokeScriptBlock(
    sb: ScriptBlock,
    ctx: Ctx,
    opts: { dollarUnder?: unknown; args?: unknown[]; newScope?: boolean } = {},
  ): Promise<unknown[]> {
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
    try {
      let body = sb.body as Node | null;
      if (!body && sb.text.trim()) {
        // A script block restored from a snapshot: parse its text on first use.
        const tree = parseToSyntaxTree(this.parser, sb.text);
        inner.src = new SourceText(sb.text);
        inner.tree = tree;
        body = tree.rootNode;
      }
      const list = body?.type === 'program' ? body : (body?.childForFieldName('script_block_body')?.childForFieldName('statement_list') ?? body?.descendantsOfType('statement_list')[0] ?? null);
      await this.execBlock(list, inner, (v) => out.push(v));
    } catch (e) {
      if (!(e instanceof ReturnSignal)) throw e;
    } finally {
      restore?.();
    }
    return out;
  }
}

export function indexInto(obj: unknown, idx: unknown): unknown {
  if (obj === null || obj === undefined) throw new MemberError('Cannot index into a null array.', 'NullArray');
  if (obj instanceof PSHashtable) {
    if (Array.isArray(idx)) return idx.map((k) => obj.get(k) ?? null);
    return obj.get(idx) ?? null;
  }
  if (obj instanceof PSObject) return obj.get(toPsString(idx)) ?? null;
  const seq: ArrayLike<unknown> | null = Array.isArray(obj) || obj instanceof Uint8Array ? (obj as ArrayLike<unknown>) : typeof obj === 'string' ? obj : null;
  const at = (i: unknown): unknown => {
    const n = Math.trunc(toNumber(i));
    const list = seq ?? [obj];
    const k = n < 0 ? list.length + n : n;
    return k >= 0 && k < list.length ? list[k] : null;
  };
  if (Array.isArray(idx)) return idx.map(at);
  return at(idx);
}
