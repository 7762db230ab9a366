/**
 * The evaluator as its parts see each other. Statements, expressions, pipelines, variables, commands
 * and script blocks each live in their own file and call one another only through this interface, which
 * `Interpreter` implements, so no part imports another and the import graph stays one-way.
 */
import type { Parser } from 'web-tree-sitter';
import type { ErrorRecord, ErrorSpec } from '../errors/error-record';
import type { Extent } from '../errors/position-message';
import type { ArgValue } from '../parse/command-line';
import type { SyntaxNode as Node } from '../parse/syntax-tree';
import type { StaticContext } from '../runtime/types';
import type { PSHashtable, PSType, ScriptBlock } from '../runtime/values';
import type { SourceText } from '../source-text';
import type { ModuleState } from './cmdlet';
import type { CommandTable } from './command-table';
import type { CommandHost } from './host';
import type { PipelineInput } from './lazy-range';
import type { RunLimits } from './run-limits';
import type { SessionState } from './scope';
import type { Ctx, Sink } from './signals';

export interface ScriptBlockOptions {
  dollarUnder?: unknown;
  args?: unknown[];
  newScope?: boolean;
}

export interface Engine {
  readonly session: SessionState;
  readonly host: CommandHost;
  readonly limits: RunLimits;
  readonly parser: Parser;
  readonly commands: CommandTable;
  readonly moduleState: (module: string) => ModuleState;
  readonly staticContext: StaticContext;

  // errors
  record(ctx: Ctx, spec: ErrorSpec): ErrorRecord;
  fail(ctx: Ctx, spec: ErrorSpec): never;
  /** Turns a JS-level failure from the runtime helpers into the error record 5.1 would show. */
  toThrow(ctx: Ctx, error: unknown, extent: Extent, methodName?: string, argCount?: number): unknown;
  guard<T>(ctx: Ctx, node: Node, fn: () => Promise<T> | T, methodName?: string, argCount?: number): Promise<T>;
  /** Writes a non-terminating or unhandled error: `$Error`, `$?`, and the error stream. */
  reportError(record: ErrorRecord): void;
  notSimulated(ctx: Ctx, node: Node, what: string): never;
  describe(node: Node): string;
  /** How many errors have been written so far (a statement's `$?` compares before and after). */
  readonly errorCount: number;

  // statements
  execBlock(list: Node | null | undefined, ctx: Ctx, out: Sink): Promise<void>;
  execStatement(node: Node, ctx: Ctx, out: Sink): Promise<void>;
  execStatementBlock(block: Node | null, ctx: Ctx, out: Sink): Promise<void>;
  /** Counts one unit of looping work against the run limits, letting Ctrl+C in when it is due. */
  tick(): Promise<void>;
  /** Runs one iteration of a loop (or switch) body; returns false when the loop should stop (break). */
  iteration(body: () => Promise<void>): Promise<boolean>;
  /** Marks [from, until) of `src` as already run by a command's own argument tokenizer. */
  markConsumed(src: SourceText, from: number, until: number): void;
  isConsumed(src: SourceText, offset: number): boolean;

  // pipelines
  evalPipeline(node: Node, ctx: Ctx): Promise<unknown[]>;
  evalPipelines(node: Node, ctx: Ctx): Promise<unknown[]>;
  /** Runs one command of a pipeline; a range at a pipeline's head stays lazy (see lazy-range.ts). */
  runCommand(node: Node, ctx: Ctx, input: PipelineInput | null): Promise<PipelineInput>;
  evalArg(arg: ArgValue, ctx: Ctx): Promise<unknown>;
  evalRange(ctx: Ctx, start: number, end: number): Promise<unknown[]>;
  blockAt(ctx: Ctx, start: number, end: number): { list: Node | null; ctx: Ctx };
  exprNodeAt(ctx: Ctx, start: number, end: number): Node;

  // expressions
  evalExpr(node: Node, ctx: Ctx): Promise<unknown>;
  evalHash(node: Node, ctx: Ctx, ordered: boolean): Promise<PSHashtable>;
  evalTypeLiteral(node: Node, ctx: Ctx): Promise<PSType>;
  memberName(member: Node, ctx: Ctx): Promise<string>;
  numberLiteral(raw: string): number;

  // variables
  assign(node: Node, ctx: Ctx): Promise<void>;
  assignTo(target: Node, value: unknown, ctx: Ctx): Promise<void>;
  variableName(raw: string): string;
  setVariable(raw: string, value: unknown, ctx: Ctx, node: Node): void;
  getVariable(raw: string, ctx: Ctx): unknown;

  // script blocks
  invokeScriptBlock(sb: ScriptBlock, ctx: Ctx, opts?: ScriptBlockOptions): Promise<unknown[]>;
  scriptParams(body: Node | null): string[];
  /** Enters a function or script-block scope; throws 5.1's call-depth error past the limit. */
  enterCall(ctx: Ctx): () => void;
}
