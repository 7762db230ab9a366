/**
 * 5.1's parameter binder for simulated cmdlets: names by unique prefix or alias (and the common
 * parameters), switches, positional arguments, splatting, conversion to the parameter's type, and the
 * binder's own error texts (NamedParameterNotFound, AmbiguousParameter, MissingArgument, …).
 */
import type { ArgValue, CommandElement } from '../parse/command-line';
import { toBool, toNumber, toPsString } from '../runtime/conversions';
import { PSHashtable, ScriptBlock, SwitchValue } from '../runtime/values';
import type { CmdletDef, ParamDef } from './cmdlet';
import type { Engine } from './engine';
import type { Ctx } from './signals';

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

export interface BindError {
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
  if (p.enumValues && value !== null && value !== undefined) {
    const text = toPsString(value);
    const member = p.enumValues.find((x) => x.toLowerCase() === text.trim().toLowerCase());
    if (member) return { ok: true, value: member };
    return {
      ok: false,
      message: `Cannot bind parameter '${p.name}'. Cannot convert value "${text}" to type "${typeName}". Error: "Unable to match the identifier name ${text} to a valid enumerator name. Specify one of the following enumerator names and try again:\r\n${p.enumValues.join(', ')}"`,
    };
  }
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

export interface Bound {
  bound: Map<string, unknown>;
  errorAction: string;
}

export async function bind(interp: Engine, ctx: Ctx, def: CmdletDef, elements: CommandElement[]): Promise<Bound | BindError> {
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

