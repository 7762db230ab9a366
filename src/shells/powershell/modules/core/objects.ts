/** Object cmdlets: Select-Object, Where-Object, ForEach-Object, Sort-Object, Measure-Object, Get-Member. */
import { toBool, toNumber, toPsString, typeChainOf, typeNameOf } from '../../runtime/conversions';
import { getMember } from '../../runtime/members';
import { binaryOp, wildcardToRegExp } from '../../runtime/operators';
import { PSHashtable, PSObject, ScriptBlock } from '../../runtime/values';
import { arg, flag, type CmdletCall, type CmdletDef } from '../../engine/cmdlet';
import { collapse } from '../../engine/signals';
import { MEMBER_DEFINITION } from '../../format/out-default';

export function propertyNames(item: unknown): string[] {
  if (item instanceof PSObject) return [...item.props.values()].map((p) => p.name);
  if (typeof item === 'string') return ['Length'];
  return [];
}

interface PropSpec {
  name: string;
  get(item: unknown): Promise<unknown>;
}

/** Expands -Property values: names, wildcards and calculated properties (@{Name=…; Expression=…}). */
export function propertySpecs(call: CmdletCall, specs: unknown[], sample: unknown): PropSpec[] {
  const out: PropSpec[] = [];
  for (const spec of specs) {
    if (spec instanceof PSHashtable) {
      const name = spec.get('Name') ?? spec.get('N') ?? spec.get('Label') ?? spec.get('L');
      const expr = spec.get('Expression') ?? spec.get('E');
      const label = toPsString(name ?? (expr instanceof ScriptBlock ? expr.text.trim() : expr));
      out.push({
        name: label,
        get: async (item) => {
          if (expr instanceof ScriptBlock) return collapse(await call.invoke(expr, { dollarUnder: item }));
          return getMember(item, toPsString(expr)) ?? null;
        },
      });
      continue;
    }
    const text = toPsString(spec);
    if (/[*?[]/.test(text)) {
      const re = wildcardToRegExp(text);
      for (const n of propertyNames(sample)) if (re.test(n)) out.push({ name: n, get: async (item) => getMember(item, n) ?? null });
      continue;
    }
    const actual = propertyNames(sample).find((n) => n.toLowerCase() === text.toLowerCase()) ?? text;
    out.push({ name: actual, get: async (item) => getMember(item, text) ?? null });
  }
  return out;
}

function inputOf(call: CmdletCall): unknown[] {
  const given = call.bound.get('inputobject');
  if (given !== undefined) return [given];
  return call.input ?? [];
}

const COMMON_INPUT = { name: 'InputObject', type: 'object' as const };

export const selectObject: CmdletDef = {
  name: 'Select-Object',
  aliases: ['select'],
  className: 'Microsoft.PowerShell.Commands.SelectObjectCommand',
  synopsis: 'Selects objects or object properties.',
  params: [
    { name: 'Property', type: 'objects', position: 0 },
    { name: 'ExpandProperty', type: 'string' },
    { name: 'First', type: 'int' },
    { name: 'Last', type: 'int' },
    { name: 'Skip', type: 'int' },
    { name: 'Unique', type: 'switch' },
    { name: 'Index', type: 'objects' },
    { name: 'ExcludeProperty', type: 'strings' },
    COMMON_INPUT,
  ],
  async run(call) {
    let items = inputOf(call);
    const skip = arg<number>(call, 'Skip') ?? 0;
    const first = arg<number>(call, 'First');
    const last = arg<number>(call, 'Last');
    items = items.slice(skip);
    if (first !== undefined) items = items.slice(0, first);
    if (last !== undefined) items = items.slice(Math.max(0, items.length - last));
    const index = arg<unknown[]>(call, 'Index');
    if (index) items = index.map((i) => items[toNumber(i)]).filter((x) => x !== undefined);
    const props = arg<unknown[]>(call, 'Property');
    const expand = arg<string>(call, 'ExpandProperty');
    const out: unknown[] = [];
    for (const item of items) {
      call.limits.step();
      if (props) {
        const o = new PSObject(['Selected.' + (typeChainOf(item)[0] ?? 'System.Object'), 'System.Management.Automation.PSCustomObject', 'System.Object']);
        for (const spec of propertySpecs(call, props, item)) o.set(spec.name, await spec.get(item));
        if (!expand) {
          out.push(o);
          continue;
        }
      }
      if (expand) {
        const v = getMember(item, expand);
        if (v === undefined) {
          call.writeError({
            exceptionTypes: ['System.Management.Automation.PSArgumentException', 'System.ArgumentException'],
            message: `Property "${expand}" cannot be found.`,
            category: 'InvalidArgument',
            targetName: toPsString(item),
            targetType: item instanceof PSObject ? 'PSObject' : typeNameOf(item).split('.').pop() ?? '',
            fullyQualifiedErrorId: 'ExpandPropertyNotFound',
          });
          continue;
        }
        if (Array.isArray(v)) out.push(...v);
        else out.push(v);
        continue;
      }
      out.push(item);
    }
    if (flag(call, 'Unique')) {
      const seen = new Set<string>();
      return out.filter((v) => {
        const k = toPsString(v);
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
    }
    return out;
  },
};

const WHERE_OPS = ['EQ', 'NE', 'GT', 'GE', 'LT', 'LE', 'Like', 'NotLike', 'Match', 'NotMatch', 'Contains', 'NotContains', 'In', 'NotIn', 'CEQ', 'CNE', 'CLike', 'CMatch'];

export const whereObject: CmdletDef = {
  name: 'Where-Object',
  aliases: ['where', '?'],
  className: 'Microsoft.PowerShell.Commands.WhereObjectCommand',
  streamsInput: true,
  synopsis: 'Selects objects from a collection based on their property values.',
  params: [{ name: 'FilterScript', type: 'object', position: 0 }, { name: 'Value', type: 'object', position: 1 }, ...WHERE_OPS.map((n) => ({ name: n, type: 'switch' as const })), COMMON_INPUT],
  async run(call) {
    const filter = call.bound.get('filterscript');
    const items = inputOf(call);
    const out: unknown[] = [];
    if (filter instanceof ScriptBlock) {
      for (const item of items) {
        call.limits.step();
        if (toBool(collapse(await call.invoke(filter, { dollarUnder: item })))) out.push(item);
      }
      return out;
    }
    const prop = toPsString(filter);
    const op = WHERE_OPS.find((o) => call.bound.get(o.toLowerCase()) === true);
    const value = call.bound.get('value');
    for (const item of items) {
      const v = getMember(item, prop) ?? null;
      const keep = op ? toBool(binaryOp('-' + op.toLowerCase(), v, value ?? null, null)) : toBool(v);
      if (keep) out.push(item);
    }
    return out;
  },
};

export const forEachObject: CmdletDef = {
  name: 'ForEach-Object',
  aliases: ['foreach', '%'],
  className: 'Microsoft.PowerShell.Commands.ForEachObjectCommand',
  streamsInput: true,
  synopsis: 'Performs an operation against each item in a collection of input objects.',
  params: [
    { name: 'Process', type: 'objects', position: 0, remaining: true },
    { name: 'Begin', type: 'scriptblock' },
    { name: 'End', type: 'scriptblock' },
    { name: 'MemberName', type: 'string' },
    COMMON_INPUT,
  ],
  async run(call) {
    const out: unknown[] = [];
    const begin = arg<ScriptBlock>(call, 'Begin');
    const end = arg<ScriptBlock>(call, 'End');
    const processArg = arg<unknown[]>(call, 'Process') ?? [];
    const memberName = arg<string>(call, 'MemberName') ?? (processArg.length === 1 && typeof processArg[0] === 'string' ? processArg[0] : undefined);
    if (begin) out.push(...(await call.invoke(begin)));
    for (const item of inputOf(call)) {
      call.limits.step();
      if (memberName !== undefined) {
        const v = getMember(item, memberName);
        if (v !== undefined && v !== null) out.push(v);
        continue;
      }
      for (const sb of processArg) {
        if (sb instanceof ScriptBlock) out.push(...(await call.invoke(sb, { dollarUnder: item })));
      }
    }
    if (end) out.push(...(await call.invoke(end)));
    return out;
  },
};

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = toPsString(a).toLowerCase();
  const y = toPsString(b).toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

export const sortObject: CmdletDef = {
  name: 'Sort-Object',
  aliases: ['sort'],
  className: 'Microsoft.PowerShell.Commands.SortObjectCommand',
  synopsis: 'Sorts objects by property values.',
  params: [{ name: 'Property', type: 'objects', position: 0 }, { name: 'Descending', type: 'switch' }, { name: 'Unique', type: 'switch' }, COMMON_INPUT],
  async run(call) {
    const items = [...inputOf(call)];
    const props = arg<unknown[]>(call, 'Property');
    const keyed: { item: unknown; keys: unknown[] }[] = [];
    for (const item of items) {
      const keys = props ? await Promise.all(propertySpecs(call, props, item).map((s) => s.get(item))) : [item];
      keyed.push({ item, keys });
    }
    const dir = flag(call, 'Descending') ? -1 : 1;
    keyed.sort((a, b) => {
      for (let i = 0; i < a.keys.length; i++) {
        const c = compareValues(a.keys[i], b.keys[i]);
        if (c !== 0) return c * dir;
      }
      return 0;
    });
    let out = keyed.map((k) => k.item);
    if (flag(call, 'Unique')) out = out.filter((v, i) => i === 0 || compareValues(v, out[i - 1]) !== 0);
    return out;
  },
};

export const measureObject: CmdletDef = {
  name: 'Measure-Object',
  aliases: ['measure'],
  className: 'Microsoft.PowerShell.Commands.MeasureObjectCommand',
  synopsis: 'Calculates the numeric properties of objects.',
  params: [{ name: 'Property', type: 'strings', position: 0 }, { name: 'Sum', type: 'switch' }, { name: 'Average', type: 'switch' }, { name: 'Maximum', type: 'switch' }, { name: 'Minimum', type: 'switch' }, COMMON_INPUT],
  async run(call) {
    const items = inputOf(call);
    const prop = arg<string[]>(call, 'Property')?.[0];
    const values = items.map((i) => (prop ? getMember(i, prop) : i)).filter((v) => v !== null && v !== undefined);
    const nums = () => values.map((v) => toNumber(v));
    const o = new PSObject(['Microsoft.PowerShell.Commands.GenericMeasureInfo', 'Microsoft.PowerShell.Commands.MeasureInfo', 'System.Object']);
    o.set('Count', values.length)
      .set('Average', flag(call, 'Average') && values.length ? nums().reduce((a, b) => a + b, 0) / values.length : null)
      .set('Sum', flag(call, 'Sum') ? nums().reduce((a, b) => a + b, 0) : null)
      .set('Maximum', flag(call, 'Maximum') && values.length ? Math.max(...nums()) : null)
      .set('Minimum', flag(call, 'Minimum') && values.length ? Math.min(...nums()) : null)
      .set('Property', prop ?? null);
    o.view = 'list';
    return [o];
  },
};

const OBJECT_METHODS: [string, string][] = [
  ['Equals', 'bool Equals(System.Object obj)'],
  ['GetHashCode', 'int GetHashCode()'],
  ['GetType', 'type GetType()'],
  ['ToString', 'string ToString()'],
];

const STRING_METHODS: [string, string][] = [
  ['Clone', 'System.Object Clone(), System.Object ICloneable.Clone()'],
  ['CompareTo', 'int CompareTo(System.Object value), int CompareTo(string strB)'],
  ['Contains', 'bool Contains(string value)'],
  ['EndsWith', 'bool EndsWith(string value)'],
  ['Equals', 'bool Equals(System.Object obj), bool Equals(string value)'],
  ['GetHashCode', 'int GetHashCode()'],
  ['GetType', 'type GetType()'],
  ['IndexOf', 'int IndexOf(char value), int IndexOf(string value)'],
  ['Insert', 'string Insert(int startIndex, string value)'],
  ['LastIndexOf', 'int LastIndexOf(char value), int LastIndexOf(string value)'],
  ['PadLeft', 'string PadLeft(int totalWidth), string PadLeft(int totalWidth, char paddingChar)'],
  ['PadRight', 'string PadRight(int totalWidth), string PadRight(int totalWidth, char paddingChar)'],
  ['Remove', 'string Remove(int startIndex, int count), string Remove(int startIndex)'],
  ['Replace', 'string Replace(char oldChar, char newChar), string Replace(string oldValue, string newValue)'],
  ['Split', 'string[] Split(Params char[] separator)'],
  ['StartsWith', 'bool StartsWith(string value)'],
  ['Substring', 'string Substring(int startIndex), string Substring(int startIndex, int length)'],
  ['ToCharArray', 'char[] ToCharArray()'],
  ['ToLower', 'string ToLower()'],
  ['ToString', 'string ToString()'],
  ['ToUpper', 'string ToUpper()'],
  ['Trim', 'string Trim(Params char[] trimChars), string Trim()'],
  ['TrimEnd', 'string TrimEnd(Params char[] trimChars)'],
  ['TrimStart', 'string TrimStart(Params char[] trimChars)'],
];

function shortType(v: unknown): string {
  const t = typeNameOf(v === null || v === undefined ? {} : v);
  const map: Record<string, string> = { 'System.String': 'string', 'System.Int32': 'int', 'System.Int64': 'long', 'System.Double': 'double', 'System.Boolean': 'bool', 'System.Object[]': 'Object[]', 'System.Collections.Hashtable': 'hashtable', 'System.Byte[]': 'byte[]', 'System.DateTime': 'datetime' };
  if (v === null || v === undefined) return 'object';
  return map[t] ?? t;
}

function memberDefinition(typeName: string, name: string, memberType: string, definition: string): PSObject {
  return PSObject.from(
    [
      ['TypeName', typeName],
      ['Name', name],
      ['MemberType', memberType],
      ['Definition', definition],
    ],
    [MEMBER_DEFINITION, 'System.Object'],
  );
}

export function membersOf(item: unknown): PSObject[] {
  const typeName = typeChainOf(item)[0] ?? 'System.Object';
  const out: PSObject[] = [];
  if (typeof item === 'string') {
    for (const [n, d] of STRING_METHODS) out.push(memberDefinition(typeName, n, 'Method', d));
    out.push(memberDefinition(typeName, 'Chars', 'ParameterizedProperty', 'char Chars(int index) {get;}'));
    out.push(memberDefinition(typeName, 'Length', 'Property', 'int Length {get;}'));
    return out;
  }
  const methods = new Map<string, string>(OBJECT_METHODS);
  if (item instanceof PSObject) for (const m of item.methods.values()) if (!methods.has(m.name)) methods.set(m.name, `${m.name}()`);
  for (const [n, d] of [...methods].sort((a, b) => a[0].localeCompare(b[0]))) out.push(memberDefinition(typeName, n, 'Method', d));
  if (item instanceof PSObject) {
    const props = [...item.props.values()].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
    for (const p of props) {
      if (item.isCustom) out.push(memberDefinition(typeName, p.name, 'NoteProperty', `${shortType(p.value)} ${p.name}=${toPsString(p.value)}`));
      else out.push(memberDefinition(typeName, p.name, 'Property', `${shortType(p.value)} ${p.name} {get;}`));
    }
  }
  if (item instanceof PSHashtable) {
    out.push(memberDefinition(typeName, 'Count', 'Property', 'int Count {get;}'));
    out.push(memberDefinition(typeName, 'Keys', 'Property', 'System.Collections.ICollection Keys {get;}'));
    out.push(memberDefinition(typeName, 'Values', 'Property', 'System.Collections.ICollection Values {get;}'));
  }
  return out;
}

export const getMemberCmdlet: CmdletDef = {
  name: 'Get-Member',
  aliases: ['gm'],
  className: 'Microsoft.PowerShell.Commands.GetMemberCommand',
  synopsis: 'Gets the properties and methods of objects.',
  params: [{ name: 'Name', type: 'strings', position: 0 }, { name: 'MemberType', type: 'string' }, COMMON_INPUT],
  async run(call) {
    const items = inputOf(call);
    if (items.length === 0) {
      return call.fail({
        exceptionTypes: ['System.InvalidOperationException'],
        message: 'You must specify an object for the Get-Member cmdlet.',
        category: 'CloseError',
        fullyQualifiedErrorId: 'NoObjectInGetMember',
      });
    }
    const seen = new Set<string>();
    const out: PSObject[] = [];
    const names = arg<string[]>(call, 'Name');
    const kind = arg<string>(call, 'MemberType');
    for (const item of items) {
      const t = typeChainOf(item)[0] ?? '';
      if (seen.has(t)) continue;
      seen.add(t);
      for (const m of membersOf(item)) {
        if (names && !names.some((n) => wildcardToRegExp(n).test(String(m.get('Name'))))) continue;
        if (kind && !wildcardToRegExp(kind).test(String(m.get('MemberType'))) && !(kind.toLowerCase() === 'properties' && /Property/.test(String(m.get('MemberType'))))) continue;
        out.push(m);
      }
    }
    return out;
  },
};
