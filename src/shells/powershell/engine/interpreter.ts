/**
 * The evaluator: walks tree-sitter-powershell syntax trees and runs them with Windows PowerShell 5.1
 * semantics (statement-terminating errors, `$?`, pipelines, member enumeration, loose typing). This class
 * holds one run's state (session, host, limits, command table) and wires the parts together: each concern
 * lives in its own file (statements, pipelines, expressions, member access, variables, script blocks,
 * commands) and reaches the others through the `Engine` interface this class implements.
 */
import type { Parser } from 'web-tree-sitter';
import { ErrorRecord, PSThrow, type ErrorSpec } from '../errors/error-record';
import type { Extent } from '../errors/position-message';
import type { ArgValue } from '../parse/command-line';
import type { SyntaxNode as Node } from '../parse/syntax-tree';
import type { StaticContext } from '../runtime/types';
import type { PSHashtable, PSType, ScriptBlock } from '../runtime/values';
import type { SourceText } from '../source-text';
import type { ModuleState } from './cmdlet';
import type { CommandTable } from './command-table';
import { invokePipelineCommand } from './commands';
import type { Engine, ScriptBlockOptions } from './engine';
import { recordAt, toThrow } from './error-conversion';
import * as expressions from './expressions';
import type { CommandHost } from './host';
import type { PipelineInput } from './lazy-range';
import * as members from './member-access';
import * as pipelines from './pipelines';
import type { RunLimits } from './run-limits';
import type { SessionState } from './scope';
import * as scriptBlocks from './script-blocks';
import { BreakSignal, ContinueSignal, type Ctx, type Sink } from './signals';
import * as statements from './statements';
import * as variables from './variables';

/**
 * How deep functions and script blocks may call each other. 5.1 has no fixed number: it throws when the
 * thread's stack runs low (ExecutionContext.CheckStackDepth), a few thousand calls in. The sandbox stops
 * well before the browser's own stack would, with the same error record.
 */
export const MAX_CALL_DEPTH = 1000;

const CONSTRUCT_DESCRIPTIONS: Record<string, string> = {
  trap_statement: 'The trap statement',
  class_statement: 'Class definitions',
  enum_statement: 'Enum definitions',
  data_statement: 'Data sections',
  parallel_statement: 'Workflow parallel blocks',
  sequence_statement: 'Workflow sequence blocks',
  inlinescript_statement: 'Workflow inlinescript blocks',
};

/** 5.1's ScriptCallDepthException record: GetErrorText.resx "ScriptCallDepthException"; ExecutionExceptions.cs (CallDepthOverflow, InvalidOperation, target 0). */
export function callDepthRecord(): ErrorRecord {
  return new ErrorRecord(
    {
      exceptionTypes: ['System.Management.Automation.ParentContainsErrorRecordException', 'System.Management.Automation.ScriptCallDepthException', 'System.SystemException'],
      message: 'The script failed due to call depth overflow.',
      category: 'InvalidOperation',
      targetName: '0',
      targetType: 'Int32',
      fullyQualifiedErrorId: 'CallDepthOverflow',
      targetObject: 0,
    },
    '',
  );
}

export class Interpreter implements Engine {
  private readonly consumed: { src: SourceText; from: number; until: number }[] = [];
  private errorsWritten = 0;
  private callDepth = 0;

  constructor(
    readonly session: SessionState,
    readonly host: CommandHost,
    readonly limits: RunLimits,
    readonly parser: Parser,
    readonly commands: CommandTable,
    readonly moduleState: (module: string) => ModuleState,
  ) {}

  get staticContext(): StaticContext {
    return { now: () => this.host.now(), machineName: this.host.vm.computerName, userName: this.host.vm.adminUsername };
  }

  get errorCount(): number {
    return this.errorsWritten;
  }

  // ---- errors ------------------------------------------------------------------------------------

  record(ctx: Ctx, spec: ErrorSpec): ErrorRecord {
    return recordAt(ctx, spec);
  }

  fail(ctx: Ctx, spec: ErrorSpec): never {
    throw new PSThrow(this.record(ctx, spec));
  }

  toThrow(ctx: Ctx, error: unknown, extent: Extent, methodName?: string, argCount?: number): unknown {
    return toThrow(ctx, error, extent, methodName, argCount);
  }

  async guard<T>(ctx: Ctx, node: Node, fn: () => Promise<T> | T, methodName?: string, argCount?: number): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw this.toThrow(ctx, error, { start: node.startIndex, end: node.endIndex }, methodName, argCount);
    }
  }

  reportError(record: ErrorRecord): void {
    this.errorsWritten++;
    this.session.recordError(record);
    this.session.lastSuccess = false;
    this.host.writeError(record);
  }

  describe(node: Node): string {
    return CONSTRUCT_DESCRIPTIONS[node.type] ?? `This syntax (${node.type.replace(/_/g, ' ')})`;
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

  // ---- statements and limits -----------------------------------------------------------------------

  execBlock(list: Node | null | undefined, ctx: Ctx, out: Sink): Promise<void> {
    return statements.execBlock(this, list, ctx, out);
  }

  execStatement(node: Node, ctx: Ctx, out: Sink): Promise<void> {
    return statements.execStatement(this, node, ctx, out);
  }

  execStatementBlock(block: Node | null, ctx: Ctx, out: Sink): Promise<void> {
    return statements.execStatementBlock(this, block, ctx, out);
  }

  async tick(): Promise<void> {
    this.limits.step();
    if (this.limits.needsYield) await this.limits.yieldToEventLoop();
  }

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

  markConsumed(src: SourceText, from: number, until: number): void {
    this.consumed.push({ src, from, until });
  }

  isConsumed(src: SourceText, offset: number): boolean {
    return this.consumed.length > 0 && this.consumed.some((c) => c.src === src && offset >= c.from && offset < c.until);
  }

  enterCall(ctx: Ctx): () => void {
    void ctx;
    if (this.callDepth >= MAX_CALL_DEPTH) throw new PSThrow(callDepthRecord(), { scriptTerminating: true });
    this.callDepth++;
    return () => {
      this.callDepth--;
    };
  }

  // ---- pipelines ---------------------------------------------------------------------------------

  evalPipeline(node: Node, ctx: Ctx): Promise<unknown[]> {
    return pipelines.evalPipeline(this, node, ctx);
  }

  evalPipelines(node: Node, ctx: Ctx): Promise<unknown[]> {
    return pipelines.evalPipelines(this, node, ctx);
  }

  runCommand(node: Node, ctx: Ctx, input: PipelineInput | null): Promise<PipelineInput> {
    return invokePipelineCommand(this, ctx, node, input);
  }

  evalArg(arg: ArgValue, ctx: Ctx): Promise<unknown> {
    return pipelines.evalArg(this, arg, ctx);
  }

  evalRange(ctx: Ctx, start: number, end: number): Promise<unknown[]> {
    return pipelines.evalRange(this, ctx, start, end);
  }

  blockAt(ctx: Ctx, start: number, end: number): { list: Node | null; ctx: Ctx } {
    return pipelines.blockAt(this, ctx, start, end);
  }

  exprNodeAt(ctx: Ctx, start: number, end: number): Node {
    return pipelines.exprNodeAt(this, ctx, start, end);
  }

  // ---- expressions -------------------------------------------------------------------------------

  evalExpr(node: Node, ctx: Ctx): Promise<unknown> {
    return expressions.evalExpr(this, node, ctx);
  }

  evalHash(node: Node, ctx: Ctx, ordered: boolean): Promise<PSHashtable> {
    return expressions.evalHash(this, node, ctx, ordered);
  }

  evalTypeLiteral(node: Node, ctx: Ctx): Promise<PSType> {
    return expressions.evalTypeLiteral(this, node, ctx);
  }

  memberName(member: Node, ctx: Ctx): Promise<string> {
    return members.memberName(this, member, ctx);
  }

  numberLiteral(raw: string): number {
    return expressions.numberLiteral(raw);
  }

  // ---- variables ---------------------------------------------------------------------------------

  assign(node: Node, ctx: Ctx): Promise<void> {
    return variables.assign(this, node, ctx);
  }

  assignTo(target: Node, value: unknown, ctx: Ctx): Promise<void> {
    return variables.assignTo(this, target, value, ctx);
  }

  variableName(raw: string): string {
    return variables.variableName(raw);
  }

  setVariable(raw: string, value: unknown, ctx: Ctx, node: Node): void {
    variables.setVariable(this, raw, value, ctx, node);
  }

  getVariable(raw: string, ctx: Ctx): unknown {
    return variables.getVariable(this, raw, ctx);
  }

  // ---- script blocks -----------------------------------------------------------------------------

  invokeScriptBlock(sb: ScriptBlock, ctx: Ctx, opts: ScriptBlockOptions = {}): Promise<unknown[]> {
    return scriptBlocks.invokeScriptBlock(this, sb, ctx, opts);
  }

  scriptParams(body: Node | null): string[] {
    return scriptBlocks.scriptParams(body);
  }
}
