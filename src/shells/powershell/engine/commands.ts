/**
 * Running one command of a pipeline: resolve the name (alias → function → cmdlet → native program),
 * bind parameters the way PowerShell's binder does (prefix matching, positional arguments, switches,
 * splatting, type conversion with 5.1's binding errors), then run it.
 */
import { PSThrow } from '../errors/error-record';
import type { ArgValue, CommandElement } from '../parse/command-line';
import { tokenizeCommand } from '../parse/recovery';
import type { SyntaxNode as Node } from '../parse/syntax-tree';
import { toPsString } from '../runtime/conversions';
import { PSHashtable, ScriptBlock } from '../runtime/values';
import { missingMandatory, type CmdletCall, type CmdletDef, type ErrorInput } from './cmdlet';
import type { Engine } from './engine';
import { bind } from './parameter-binding';
import { Scope, type FunctionDef } from './scope';
import { LazyRange, materialize, type PipelineInput } from './lazy-range';
import { collapse, ReturnSignal, type Ctx } from './signals';

/** Evaluates what tree-sitter took for a command name but is really a number or range (`1..3`, `10L`). */
function numericCommand(name: string): unknown[] | LazyRange | undefined {
  const range = /^(-?\d+)\.\.(-?\d+)$/.exec(name);
  if (range) return new LazyRange(Number(range[1]), Number(range[2]));
  const n = /^-?(\d+\.?\d*|0x[0-9a-f]+)(kb|mb|gb|tb|pb)?[ld]?$/i.test(name) ? Number.NaN : undefined;
  if (n === undefined) return undefined;
  const text = name.replace(/[ld]$/i, '');
  const units: Record<string, number> = { kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4, pb: 1024 ** 5 };
  const m = /^(.*?)(kb|mb|gb|tb|pb)?$/i.exec(text);
  const base = Number(m?.[1]);
  return [base * (m?.[2] ? (units[m[2].toLowerCase()] ?? 1) : 1)];
}

export async function invokePipelineCommand(interp: Engine, ctx: Ctx, node: Node, input: PipelineInput | null): Promise<PipelineInput> {
  const text = ctx.src.text;
  const invokeOp = node.children.find((c) => c?.type === 'command_invokation_operator');
  const extent = { start: node.startIndex, end: node.endIndex };
  const tokens = tokenizeCommand(text, node);
  if (tokens.end > node.endIndex) interp.markConsumed(ctx.src, node.endIndex, tokens.end);
  const discardOutput = tokens.elements.some((e) => e.kind === 'redirect' && /^(1)?>>?$/.test(e.op) && e.target?.kind === 'expr' && /^\$null$/i.test(text.slice(e.target.start, e.target.end)));
  const discardErrors = tokens.elements.some((e) => e.kind === 'redirect' && /^2>>?$/.test(e.op) && e.target?.kind === 'expr' && /^\$null$/i.test(text.slice(e.target.start, e.target.end)));
  const fileRedirect = tokens.elements.find((e) => e.kind === 'redirect' && e.target && !(e.target.kind === 'expr' && /^\$null$/i.test(text.slice(e.target.start, e.target.end))));
  if (fileRedirect) interp.notSimulated(ctx, node, 'Redirecting output to a file');

  let result: PipelineInput;
  if (invokeOp) {
    const target = node.children.find((c) => c?.type === 'command_name_expr');
    let value: unknown = null;
    if (target) {
      const inner = target.namedChildren[0];
      if (inner?.type === 'script_block_expression') value = await interp.evalExpr(inner, ctx);
      else if (inner?.type === 'path_command_name' && inner.namedChildren[0]?.type === 'variable') value = interp.getVariable(inner.namedChildren[0].text, ctx);
      else value = inner ? (inner.type === 'path_command_name' ? inner.text : await interp.evalExpr(inner, ctx)) : null;
    }
    if (value instanceof ScriptBlock) {
      const args: unknown[] = [];
      for (const el of tokens.elements) if (el.kind === 'arg') args.push(await interp.evalArg(el.value, ctx));
      result = await interp.invokeScriptBlock(value, ctx, { args, newScope: invokeOp.text === '&', ...(input ? { dollarUnder: collapse(materialize(input)) } : {}) });
    } else {
      result = await runNamed(interp, ctx, toPsString(value), extent, tokens.elements, input, extent, discardErrors);
    }
  } else {
    const name = node.childForFieldName('command_name')?.text ?? node.child(0)?.text ?? '';
    const numeric = /^-?[\d.]/.test(name) ? numericCommand(name) : undefined;
    if (numeric) result = numeric;
    else {
      const nameNode = node.childForFieldName('command_name') ?? node.child(0);
      const nameExtent = nameNode ? { start: nameNode.startIndex, end: nameNode.endIndex } : extent;
      result = await runNamed(interp, ctx, name, nameExtent, tokens.elements, input, extent, discardErrors);
    }
  }
  return discardOutput ? [] : result;
}

function commandNotFound(interp: Engine, ctx: Ctx, name: string, extent: { start: number; end: number }): never {
  interp.fail(ctx, {
    exceptionTypes: ['System.Management.Automation.CommandNotFoundException', 'System.Management.Automation.RuntimeException'],
    message: `The term '${name}' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.`,
    category: 'ObjectNotFound',
    targetName: name,
    targetType: 'String',
    fullyQualifiedErrorId: 'CommandNotFoundException',
    invocationName: name,
    extent,
    targetObject: name,
  });
}

export async function runNamed(
  interp: Engine,
  ctx: Ctx,
  name: string,
  nameExtent: { start: number; end: number },
  elements: CommandElement[],
  input: PipelineInput | null,
  extent: { start: number; end: number },
  discardErrors: boolean,
): Promise<unknown[]> {
  const fn = interp.session.functions.get(name.toLowerCase());
  if (fn) return runFunction(interp, ctx, fn, elements, materialize(input));
  const entry = interp.commands.find(name);
  if (entry) {
    const def = await entry.resolve();
    interp.commands.markLoaded(entry.module);
    // Only a cmdlet that streams its input sees a lazy range; the rest get an array (within the memory limit).
    const given = def.streamsInput ? (input as unknown[] | null) : materialize(input);
    return runCmdlet(interp, ctx, def, entry.module.stateKey ?? entry.module.name, name, elements, given, extent, discardErrors);
  }
  const native = interp.commands.native(name);
  if (native) {
    const text = native(interp.host);
    interp.host.writeHost(text);
    return [];
  }
  const known = interp.commands.notSimulated(name);
  if (known) {
    interp.fail(ctx, {
      exceptionTypes: ['System.NotSupportedException'],
      message: known.module.name.startsWith('Az')
        ? `'${known.display}' exists in ${known.module.name} ${known.module.version} but is not simulated here. This sandbox simulates the Az cmdlets used with managed identities; see Get-Command -Module Az.* for the list.`
        : `'${known.display}' exists in Windows PowerShell 5.1 but is not simulated here. This sandbox simulates the commands used with IMDS and Azure Resource Manager; see Get-Command for the list.`,
      category: 'NotImplemented',
      targetName: name,
      targetType: 'String',
      fullyQualifiedErrorId: 'NotSimulated',
      invocationName: name,
      extent: nameExtent,
    });
  }
  return commandNotFound(interp, ctx, name, nameExtent);
}

async function runFunction(
  interp: Engine,
  ctx: Ctx,
  fn: FunctionDef,
  elements: CommandElement[],
  input: unknown[] | null,
): Promise<unknown[]> {
  const scope = new Scope(ctx.scope);
  const leave = interp.enterCall(ctx);
  try {
    // A fresh microtask per call: deep recursion then grows the call depth, not the browser's stack.
    await undefined;
    return await runFunctionIn(interp, ctx, fn, elements, input, scope);
  } finally {
    leave();
  }
}

async function runFunctionIn(interp: Engine, ctx: Ctx, fn: FunctionDef, elements: CommandElement[], input: unknown[] | null, scope: Scope): Promise<unknown[]> {
  const positional: unknown[] = [];
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i] as CommandElement;
    if (el.kind === 'param') {
      const p = fn.params.find((x) => x.toLowerCase().startsWith(el.name.toLowerCase()));
      let value: unknown = true;
      if (el.value) value = await interp.evalArg(el.value, ctx);
      else if (elements[i + 1]?.kind === 'arg') value = await interp.evalArg((elements[++i] as { value: ArgValue }).value, ctx);
      if (p) scope.set(p, value);
    } else if (el.kind === 'arg') positional.push(await interp.evalArg(el.value, ctx));
    else if (el.kind === 'splat') {
      // `Fn @params`: a hashtable binds by name (as -Name value would), an array by position.
      const v = interp.getVariable(el.name, ctx);
      if (v instanceof PSHashtable) {
        for (const e of v.entries.values()) {
          const key = toPsString(e.name).toLowerCase();
          const p = fn.params.find((x) => x.toLowerCase() === key) ?? fn.params.find((x) => x.toLowerCase().startsWith(key));
          if (p) scope.set(p, e.value);
        }
      } else if (Array.isArray(v)) positional.push(...v);
      else if (v !== null) positional.push(v);
    }
  }
  const unbound = fn.params.filter((p) => !scope.vars.has(p.toLowerCase()));
  unbound.forEach((p, i) => scope.set(p, positional[i] ?? null));
  scope.set('args', positional.slice(unbound.length));
  scope.set('input', input ?? []);
  const out: unknown[] = [];
  const body = fn.body as Node | null;
  const list = body?.childForFieldName('script_block_body')?.childForFieldName('statement_list') ?? body?.descendantsOfType('statement_list')[0] ?? null;
  try {
    await interp.execBlock(list, { ...ctx, scope, src: fn.src, tree: fn.tree }, (v) => out.push(v));
  } catch (e) {
    if (!(e instanceof ReturnSignal)) throw e;
  }
  return out;
}

async function runCmdlet(
  interp: Engine,
  ctx: Ctx,
  def: CmdletDef,
  stateKey: string,
  invocationName: string,
  elements: CommandElement[],
  input: unknown[] | null,
  extent: { start: number; end: number },
  discardErrors: boolean,
): Promise<unknown[]> {
  const result = await bind(interp, ctx, def, elements);
  const errorId = (id: string) => `${id},${def.className}`;
  if (!('bound' in result)) {
    interp.fail(ctx, {
      exceptionTypes: ['System.Management.Automation.ParameterBindingException', 'System.Management.Automation.RuntimeException'],
      message: result.message,
      category: 'InvalidArgument',
      activity: def.name,
      fullyQualifiedErrorId: errorId(result.fqid),
      invocationName,
      extent: { start: result.start, end: result.end },
    });
  }
  const missing = def.params.filter((p) => p.mandatory && !result.bound.has(p.name.toLowerCase()) && !(p.fromPipeline && input !== null));
  if (missing.length > 0) {
    interp.fail(ctx, { ...missingMandatory(missing.map((p) => p.name)), activity: def.name, fullyQualifiedErrorId: errorId('MissingMandatoryParameter'), invocationName, extent });
  }
  const errorAction = result.errorAction.toLowerCase();
  const spec = ({ unqualified, noPosition, ...s }: ErrorInput) => ({
    exceptionTypes: ['System.Exception'],
    ...s,
    activity: s.activity ?? def.name,
    invocationName: s.invocationName ?? invocationName,
    ...(noPosition ? {} : { extent: s.extent ?? extent }),
    fullyQualifiedErrorId: unqualified || s.fullyQualifiedErrorId.includes(',') ? s.fullyQualifiedErrorId : errorId(s.fullyQualifiedErrorId),
  });
  const warningAction = (result.bound.get('warningaction') === undefined ? 'continue' : toPsString(result.bound.get('warningaction'))).toLowerCase();
  const call: CmdletCall = {
    def,
    invocationName,
    extent,
    bound: result.bound,
    input,
    host: interp.host,
    limits: interp.limits,
    commands: interp.commands,
    state: interp.moduleState(stateKey),
    scriptText: ctx.src.text,
    invoke: (block, options = {}) => interp.invokeScriptBlock(block, ctx, options),
    fail: (s) => interp.fail(ctx, spec(s)),
    writeWarning: (text) => {
      if (warningAction === 'silentlycontinue' || warningAction === 'ignore') return;
      interp.host.writeWarning(`WARNING: ${text}`);
    },
    writeError: (s) => {
      const record = interp.record(ctx, spec(s));
      if (errorAction === 'stop') throw new PSThrow(record);
      interp.session.lastSuccess = false;
      if (errorAction === 'silentlycontinue' || errorAction === 'ignore' || discardErrors) {
        if (errorAction !== 'ignore') interp.session.recordError(record);
        return;
      }
      interp.reportError(record);
    },
  };
  const out = await def.run(call);
  const ov = result.bound.get('outvariable');
  if (typeof ov === 'string') ctx.scope.set(ov, collapse(out));
  return out;
}
