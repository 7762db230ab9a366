/**
 * Running one command of a pipeline: resolve the name (alias → function → cmdlet → native program),
 * bind parameters the way PowerShell's binder does (prefix matching, positional arguments, switches,
 * splatting, type conversion with 5.1's binding errors), then run it.
 */
import type { SyntaxNode as Node } from '../parse/syntax-tree';
import { toBool, toNumber, toPsString } from '../runtime/conversions';
import { PSHashtable, ScriptBlock, SwitchValue } from '../runtime/values';
import type { ArgValue, CommandElement } from '../parse/command-line';
import { tokenizeCommand } from '../parse/recovery';
import type { ErrorInput, CmdletCall, CmdletDef, ParamDef, CommandHost } from './cmdlet';
import { collapse, ReturnSignal, type Ctx, type Interpreter } from './interpreter';
import { findCmdlet, KNOWN_UNSIMULATED, nativeCommand } from '../cmdlets/registry';
import { Scope, type FunctionDef } from './scope';
import { PSThrow } from '../errors/error-record';

export type { CommandHost };

const COMMON_PARAMS: ParamDef[] = [
  { name: 'Verbose', type: 'switch', aliases: ['vb'] },
  { name: 'Debug', type: 'switch', aliases: ['db'] },
  { name: 'ErrorAction', type: 'string', aliases: ['ea'] },
  { name: 'WarningAction', type: 'string', aliases: ['wa'] },
  { name: 'InformationAction', type: 'string', aliases: ['infa'] },
  { name: 'ErrorVariable', type: 'string', aliases: ['ev'] },
  { name: 'WarningVariable', type: 'string', aliases: ['wv'] },
  { name: 'InformationVariable', type: 'string', aliases: ['iv'] },
  { name: 'OutVariable', type: 'string', aliases: ['ov'] },
  { name: 'OutBuffer', type: 'int', aliases: ['ob'] },
  { name: 'PipelineVariable', type: 'string', aliases: ['pv'] },
];


const WEB_METHODS = ['Default', 'Get', 'Head', 'Post', 'Put', 'Delete', 'Trace', 'Options', 'Merge', 'Patch'];

interface BindError {
  message: string;
  fqid: string;
  start: number;
  end: number;
}

function resolveParam(def: CmdletDef, name: string): { param?: ParamDef; ambiguous?: ParamDef[] } {
  const all = [...def.params, ...COMMON_PARAMS];
  const lower = name.toLowerCase();
  const exact = all.find((p) => p.name.toLowerCase() === lower || p.aliases?.some((a) => a.toLowerCase() === lower));
  if (exact) return { param: exact };
  const matches = all.filter((p) => p.name.toLowerCase().startsWith(lower));
  if (matches.length === 1) return { param: matches[0] };
  if (matches.length > 1) return { ambiguous: matches };
  return {};
}

function convertForParam(def: CmdletDef, p: ParamDef, value: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  const typeName = p.dotnetType ?? { string: 'System.String', strings: 'System.String[]', int: 'System.Int32', switch: 'System.Management.Automation.SwitchParameter', object: 'System.Object', objects: 'System.Object[]', dictionary: 'System.Collections.IDictionary', scriptblock: 'System.Management.Automation.ScriptBlock', uri: 'System.Uri', webmethod: 'Microsoft.PowerShell.Commands.WebRequestMethod' }[p.type];
  switch (p.type) {
    case 'string':
    case 'uri':
      return { ok: true, value: Array.isArray(value) ? value.map(toPsString).join(' ') : toPsString(value) };
    case 'strings':
      return { ok: true, value: (Array.isArray(value) ? value : [value]).map((v) => (v instanceof PSHashtable ? v : toPsString(v))) };
    case 'objects':
      return { ok: true, value: Array.isArray(value) ? value : [value] };
    case 'int':
      try {
        return { ok: true, value: Math.round(toNumber(value)) };
      } catch {
        return { ok: false, message: `Cannot bind parameter '${p.name}'. Cannot convert value "${toPsString(value)}" to type "${typeName}". Error: "Input string was not in a correct format."` };
      }
    case 'switch':
      return { ok: true, value: value instanceof SwitchValue ? value.isPresent : toBool(value) };
    case 'dictionary':
      if (value instanceof PSHashtable) return { ok: true, value };
      return { ok: false, message: `Cannot bind parameter '${p.name}'. Cannot convert the "${toPsString(value)}" value of type "${typeof value === 'string' ? 'System.String' : 'System.Object'}" to type "System.Collections.IDictionary".` };
    case 'scriptblock':
      if (value instanceof ScriptBlock) return { ok: true, value };
      return { ok: false, message: `Cannot bind parameter '${p.name}'. Cannot convert the "${toPsString(value)}" value of type "System.String" to type "System.Management.Automation.ScriptBlock".` };
    case 'webmethod': {
      const m = WEB_METHODS.find((x) => x.toLowerCase() === toPsString(value).toLowerCase());
      if (m) return { ok: true, value: m };
      return {
        ok: false,
        message: `Cannot bind parameter '${p.name}'. Cannot convert value "${toPsString(value)}" to type "${typeName}". Error: "Unable to match the identifier name ${toPsString(value)} to a valid enumerator name. Specify one of the following enumerator names and try again:\r\n${WEB_METHODS.join(', ')}"`,
      };
    }
    default:
      return { ok: true, value };
  }
  void def;
}

interface Bound {
  bound: Map<string, unknown>;
  errorAction: string;
}

async function bind(interp: Interpreter, ctx: Ctx, def: CmdletDef, elements: CommandElement[]): Promise<Bound | BindError> {
  const bound = new Map<string, unknown>();
  const positional: { value: unknown; start: number; end: number }[] = [];
  const set = (p: ParamDef, raw: unknown, start: number, end: number): BindError | null => {
    const conv = convertForParam(def, p, raw);
    if (!conv.ok) return { message: conv.message, fqid: 'CannotConvertArgumentNoMessage', start, end };
    if (bound.has(p.name.toLowerCase()) && !p.remaining) {
      return { message: `Cannot bind parameter because parameter '${p.name}' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, "-parameter value1,value2,value3".`, fqid: 'ParameterAlreadyBound', start, end };
    }
    bound.set(p.name.toLowerCase(), conv.value);
    return null;
  };

  for (let i = 0; i < elements.length; i++) {
    const el = elements[i] as CommandElement;
    if (el.kind === 'redirect') continue;
    if (el.kind === 'splat') {
      const v = interp.getVariable(el.name, ctx);
      if (v instanceof PSHashtable) {
        for (const e of v.entries.values()) {
          const { param } = resolveParam(def, toPsString(e.name));
          if (!param) return { message: `A parameter cannot be found that matches parameter name '${toPsString(e.name)}'.`, fqid: 'NamedParameterNotFound', start: el.start, end: el.end };
          const err = set(param, param.type === 'switch' ? toBool(e.value) : e.value, el.start, el.end);
          if (err) return err;
        }
      } else if (Array.isArray(v)) for (const x of v) positional.push({ value: x, start: el.start, end: el.end });
      else if (v !== null) positional.push({ value: v, start: el.start, end: el.end });
      continue;
    }
    if (el.kind === 'arg') {
      positional.push({ value: await interp.evalArg(el.value, ctx), start: el.start, end: el.end });
      continue;
    }
    const { param, ambiguous } = resolveParam(def, el.name);
    if (ambiguous) {
      return { message: `Parameter cannot be processed because the parameter name '${el.name}' is ambiguous. Possible matches include: ${ambiguous.map((p) => '-' + p.name).join(' ')}.`, fqid: 'AmbiguousParameter', start: el.start, end: el.end };
    }
    if (!param) {
      return { message: `A parameter cannot be found that matches parameter name '${el.name}'.`, fqid: 'NamedParameterNotFound', start: el.start, end: el.end };
    }
    if (param.type === 'switch') {
      const err = set(param, el.value ? await interp.evalArg(el.value, ctx) : true, el.start, el.end);
      if (err) return err;
      continue;
    }
    let valueArg: ArgValue | undefined = el.value;
    if (!valueArg) {
      const next = elements[i + 1];
      if (next?.kind === 'arg') {
        valueArg = next.value;
        i++;
      }
    }
    if (!valueArg) {
      const typeName = param.dotnetType ?? { string: 'System.String', strings: 'System.String[]', int: 'System.Int32', object: 'System.Object', objects: 'System.Object[]', dictionary: 'System.Collections.IDictionary', scriptblock: 'System.Management.Automation.ScriptBlock', uri: 'System.Uri', webmethod: 'Microsoft.PowerShell.Commands.WebRequestMethod', switch: '' }[param.type];
      return { message: `Missing an argument for parameter '${param.name}'. Specify a parameter of type '${typeName}' and try again.`, fqid: 'MissingArgument', start: el.start, end: el.end };
    }
    const err = set(param, await interp.evalArg(valueArg, ctx), el.start, valueArg.end);
    if (err) return err;
  }

  const remaining = def.params.find((p) => p.remaining);
  const byPosition = def.params.filter((p) => p.position !== undefined && !bound.has(p.name.toLowerCase())).sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  for (const pos of positional) {
    const p = byPosition.shift();
    if (p && !(remaining && p === remaining)) {
      const err = set(p, pos.value, pos.start, pos.end);
      if (err) return err;
      continue;
    }
    if (remaining) {
      const list = (bound.get(remaining.name.toLowerCase()) as unknown[] | undefined) ?? [];
      list.push(pos.value);
      bound.set(remaining.name.toLowerCase(), list);
      continue;
    }
    return { message: `A positional parameter cannot be found that accepts argument '${toPsString(pos.value)}'.`, fqid: 'PositionalParameterNotFound', start: pos.start, end: pos.end };
  }
  const ea = bound.get('erroraction');
  return { bound, errorAction: ea === undefined ? 'Continue' : toPsString(ea) };
}

/** Evaluates what tree-sitter took for a command name but is really a number or range (`1..3`, `10L`). */
function numericCommand(name: string): unknown[] | undefined {
  const range = /^(-?\d+)\.\.(-?\d+)$/.exec(name);
  if (range) {
    const a = Number(range[1]);
    const b = Number(range[2]);
    if (Math.abs(b - a) > 10_000_000) return undefined;
    const out: number[] = [];
    if (a <= b) for (let i = a; i <= b; i++) out.push(i);
    else for (let i = a; i >= b; i--) out.push(i);
    return out;
  }
  const n = /^-?(\d+\.?\d*|0x[0-9a-f]+)(kb|mb|gb|tb|pb)?[ld]?$/i.test(name) ? Number.NaN : undefined;
  if (n === undefined) return undefined;
  const text = name.replace(/[ld]$/i, '');
  const units: Record<string, number> = { kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4, pb: 1024 ** 5 };
  const m = /^(.*?)(kb|mb|gb|tb|pb)?$/i.exec(text);
  const base = Number(m?.[1]);
  return [base * (m?.[2] ? (units[m[2].toLowerCase()] ?? 1) : 1)];
}

export async function invokePipelineCommand(interp: Interpreter, ctx: Ctx, node: Node, input: unknown[] | null): Promise<unknown[]> {
  const text = ctx.src.text;
  const invokeOp = node.children.find((c) => c?.type === 'command_invokation_operator');
  const extent = { start: node.startIndex, end: node.endIndex };
  const tokens = tokenizeCommand(text, node);
  if (tokens.end > node.endIndex) interp.markConsumed(ctx.src, node.endIndex, tokens.end);
  const discardOutput = tokens.elements.some((e) => e.kind === 'redirect' && /^(1)?>>?$/.test(e.op) && e.target?.kind === 'expr' && /^\$null$/i.test(text.slice(e.target.start, e.target.end)));
  const discardErrors = tokens.elements.some((e) => e.kind === 'redirect' && /^2>>?$/.test(e.op) && e.target?.kind === 'expr' && /^\$null$/i.test(text.slice(e.target.start, e.target.end)));
  const fileRedirect = tokens.elements.find((e) => e.kind === 'redirect' && e.target && !(e.target.kind === 'expr' && /^\$null$/i.test(text.slice(e.target.start, e.target.end))));
  if (fileRedirect) interp.notSimulated(ctx, node, 'Redirecting output to a file');

  let result: unknown[];
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
      result = await interp.invokeScriptBlock(value, ctx, { args, newScope: invokeOp.text === '&', ...(input ? { dollarUnder: collapse(input) } : {}) });
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

function commandNotFound(interp: Interpreter, ctx: Ctx, name: string, extent: { start: number; end: number }): never {
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
  interp: Interpreter,
  ctx: Ctx,
  name: string,
  nameExtent: { start: number; end: number },
  elements: CommandElement[],
  input: unknown[] | null,
  extent: { start: number; end: number },
  discardErrors: boolean,
): Promise<unknown[]> {
  const fn = interp.session.functions.get(name.toLowerCase());
  if (fn) return runFunction(interp, ctx, fn, elements, input);
  const def = findCmdlet(name);
  if (def) return runCmdlet(interp, ctx, def, name, elements, input, extent, discardErrors);
  const native = nativeCommand(name);
  if (native) {
    const text = native(interp.host);
    interp.host.writeHost(text);
    return [];
  }
  const known = KNOWN_UNSIMULATED.get(name.toLowerCase());
  if (known) {
    interp.fail(ctx, {
      exceptionTypes: ['System.NotSupportedException'],
      message: `'${known}' exists in Windows PowerShell 5.1 but is not simulated here. This sandbox simulates the commands used with IMDS and Azure Resource Manager; see Get-Command for the list.`,
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
  interp: Interpreter,
  ctx: Ctx,
  fn: FunctionDef,
  elements: CommandElement[],
  input: unknown[] | null,
): Promise<unknown[]> {
  const scope = new Scope(ctx.scope);
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
  interp: Interpreter,
  ctx: Ctx,
  def: CmdletDef,
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
  const errorAction = result.errorAction.toLowerCase();
  const spec = ({ unqualified, noPosition, ...s }: ErrorInput) => ({
    exceptionTypes: ['System.Exception'],
    ...s,
    activity: def.name,
    invocationName: s.invocationName ?? invocationName,
    ...(noPosition ? {} : { extent: s.extent ?? extent }),
    fullyQualifiedErrorId: unqualified || s.fullyQualifiedErrorId.includes(',') ? s.fullyQualifiedErrorId : errorId(s.fullyQualifiedErrorId),
  });
  const call: CmdletCall = {
    interp,
    ctx,
    def,
    invocationName,
    extent,
    bound: result.bound,
    input,
    fail: (s) => interp.fail(ctx, spec(s)),
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
