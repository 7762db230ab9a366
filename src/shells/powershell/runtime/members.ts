/**
 * Instance members: property reads and writes (with PowerShell 3+ member enumeration over arrays and the
 * intrinsic `.Count`/`.Length` on scalars), and the .NET methods scripts call on strings, arrays,
 * hashtables, numbers, dates and our PSObjects. The intrinsic `.ForEach()` / `.Where()` run script
 * blocks, so they live with the evaluator (engine/array-methods.ts).
 */
import { dotnetToString, formatNumber, toNumber, toPsString, typeChainOf, typeNameOf, usShortDate } from './conversions';
import { scalarEquals } from './operators';
import { checkStringLength } from './size-limit';
import { DotNetException } from './types';
import { PSDate, PSEnum, PSHashtable, PSObject, PSType } from './values';

export class MemberError extends Error {
  constructor(
    message: string,
    readonly errorId: string,
  ) {
    super(message);
  }
}

export function typeInfo(fullName: string): PSObject {
  const name = fullName.split('.').pop() ?? fullName;
  const base =
    fullName.endsWith('[]') ? 'System.Array' : ['System.Int32', 'System.Int64', 'System.Double', 'System.Boolean', 'System.DateTime', 'System.Char', 'System.Byte'].includes(fullName) ? 'System.ValueType' : fullName === 'System.Object' ? '' : 'System.Object';
  const o = PSObject.from(
    [
      ['IsPublic', true],
      ['IsSerial', true],
      ['Name', name],
      ['BaseType', base],
      ['FullName', fullName],
      ['Namespace', fullName.split('.').slice(0, -1).join('.')],
    ],
    ['System.RuntimeType', 'System.Type', 'System.Object'],
  );
  o.defaultDisplay = ['IsPublic', 'IsSerial', 'Name', 'BaseType'];
  o.view = 'table';
  o.tableWidths = [8, 8, 40, 0];
  o.stringify = () => fullName;
  o.method('ToString', () => fullName);
  return o;
}

function psobjectView(v: unknown): PSObject {
  const o = new PSObject(['System.Management.Automation.PSMemberSet', 'System.Object']);
  const props: PSObject[] = [];
  if (v instanceof PSObject) {
    for (const p of v.props.values()) {
      props.push(
        PSObject.from(
          [
            ['Value', p.value],
            ['MemberType', 'NoteProperty'],
            ['IsSettable', true],
            ['IsGettable', true],
            ['TypeNameOfValue', typeNameOf(p.value) === 'null' ? 'System.Object' : typeNameOf(p.value)],
            ['Name', p.name],
            ['IsInstance', true],
          ],
          ['System.Management.Automation.PSNoteProperty', 'System.Object'],
        ),
      );
    }
  }
  o.set('Properties', props).set('TypeNames', typeChainOf(v)).set('BaseObject', v);
  return o;
}

function dateProperty(d: Date, name: string): unknown {
  switch (name) {
    case 'year':
      return d.getUTCFullYear();
    case 'month':
      return d.getUTCMonth() + 1;
    case 'day':
      return d.getUTCDate();
    case 'hour':
      return d.getUTCHours();
    case 'minute':
      return d.getUTCMinutes();
    case 'second':
      return d.getUTCSeconds();
    case 'millisecond':
      return d.getUTCMilliseconds();
    case 'dayofweek':
      return new PSEnum('System.DayOfWeek', ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][d.getUTCDay()] as string, d.getUTCDay());
    case 'dayofyear':
      return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
    case 'ticks':
      return d.getTime() * 10_000 + 621_355_968_000_000_000;
    case 'date':
      return new PSDate(new Date(Math.floor(d.getTime() / 86_400_000) * 86_400_000));
    case 'kind':
      return new PSEnum('System.DateTimeKind', 'Local', 2);
    default:
      return undefined;
  }
}

/** Reads `value.name`. Returns undefined for "no such member" (PowerShell then yields $null). */
export function getMember(value: unknown, name: string): unknown {
  const lower = name.toLowerCase();
  if (lower === 'psobject' && value !== null && value !== undefined) return psobjectView(value);
  if (value instanceof PSObject) {
    if (value.has(name)) return value.get(name);
    if (lower === 'count' || lower === 'length') return 1;
    return undefined;
  }
  if (value instanceof PSHashtable) {
    if (value.has(name)) return value.get(name);
    if (lower === 'keys') return value.keys;
    if (lower === 'values') return value.values;
    if (lower === 'count') return value.size;
    return undefined;
  }
  if (Array.isArray(value)) {
    if (lower === 'count' || lower === 'length' || lower === 'longlength') return value.length;
    if (lower === 'rank') return 1;
    const out: unknown[] = [];
    for (const item of value) {
      const v = getMember(item, name);
      if (v === undefined || v === null) continue;
      if (Array.isArray(v)) out.push(...v);
      else out.push(v);
    }
    return out.length === 0 ? undefined : out.length === 1 ? out[0] : out;
  }
  if (value instanceof Uint8Array) return lower === 'count' || lower === 'length' ? value.length : undefined;
  if (typeof value === 'string') {
    if (lower === 'length') return value.length;
    if (lower === 'count') return 1;
    return undefined;
  }
  if (value instanceof PSEnum) {
    if (lower === 'value__') return value.value;
    return lower === 'count' ? 1 : undefined;
  }
  if (value instanceof PSDate) return dateProperty(value.date, lower) ?? (lower === 'count' ? 1 : undefined);
  if (value instanceof PSType) {
    if (lower === 'name') return value.fullName.split('.').pop();
    if (lower === 'fullname') return value.fullName;
    return undefined;
  }
  if (value === null || value === undefined) return lower === 'count' || lower === 'length' ? 0 : undefined;
  if (lower === 'count' || lower === 'length') return 1;
  return undefined;
}

/** Writes `target.name = value`. */
export function setMember(target: unknown, name: string, value: unknown): void {
  if (target instanceof PSHashtable) {
    target.set(name, value);
    return;
  }
  if (target instanceof PSObject) {
    if (!target.has(name) && !target.isCustom) {
      throw new MemberError(`The property '${name}' cannot be found on this object. Verify that the property exists and can be set.`, 'PropertyAssignmentException');
    }
    target.set(name, value);
    return;
  }
  if (target === null || target === undefined) {
    throw new MemberError('The property \'' + name + "' cannot be found on this object. Verify that the property exists and can be set.", 'PropertyNotFound');
  }
  throw new MemberError(`'${name}' is a ReadOnly property.`, 'PropertyAssignmentException');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** .NET DateTime.ToString(format) for the standard and custom specifiers people use in scripts (en-US). */
export function formatDate(d: Date, format: string): string {
  const standard: Record<string, string> = {
    d: 'M/d/yyyy',
    D: 'dddd, MMMM d, yyyy',
    f: 'dddd, MMMM d, yyyy h:mm tt',
    F: 'dddd, MMMM d, yyyy h:mm:ss tt',
    g: 'M/d/yyyy h:mm tt',
    G: 'M/d/yyyy h:mm:ss tt',
    s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
    t: 'h:mm tt',
    T: 'h:mm:ss tt',
    u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
  };
  if (format === 'o' || format === 'O') return d.toISOString().replace('Z', '0000Z');
  if (format === 'r' || format === 'R') return d.toUTCString();
  const f = (Object.hasOwn(standard, format) ? standard[format] : undefined) ?? format;
  return f.replace(/'([^']*)'|yyyy|yy|MMMM|MMM|MM|M|dddd|ddd|dd|d|HH|H|hh|h|mm|m|ss|s|fff|ff|f|tt|K|zzz/g, (tok, lit?: string) => {
    if (lit !== undefined) return lit;
    const h = d.getUTCHours();
    switch (tok) {
      case 'yyyy':
        return String(d.getUTCFullYear());
      case 'yy':
        return pad(d.getUTCFullYear() % 100);
      case 'MMMM':
        return MONTHS[d.getUTCMonth()] as string;
      case 'MMM':
        return (MONTHS[d.getUTCMonth()] as string).slice(0, 3);
      case 'MM':
        return pad(d.getUTCMonth() + 1);
      case 'M':
        return String(d.getUTCMonth() + 1);
      case 'dddd':
        return DAYS[d.getUTCDay()] as string;
      case 'ddd':
        return (DAYS[d.getUTCDay()] as string).slice(0, 3);
      case 'dd':
        return pad(d.getUTCDate());
      case 'd':
        return String(d.getUTCDate());
      case 'HH':
        return pad(h);
      case 'H':
        return String(h);
      case 'hh':
        return pad(h % 12 === 0 ? 12 : h % 12);
      case 'h':
        return String(h % 12 === 0 ? 12 : h % 12);
      case 'mm':
        return pad(d.getUTCMinutes());
      case 'm':
        return String(d.getUTCMinutes());
      case 'ss':
        return pad(d.getUTCSeconds());
      case 's':
        return String(d.getUTCSeconds());
      case 'fff':
        return pad(d.getUTCMilliseconds(), 3);
      case 'ff':
        return pad(d.getUTCMilliseconds(), 3).slice(0, 2);
      case 'f':
        return pad(d.getUTCMilliseconds(), 3).slice(0, 1);
      case 'tt':
        return h < 12 ? 'AM' : 'PM';
      case 'K':
        return 'Z';
      default:
        return '+00:00';
    }
  });
}

function argString(args: unknown[], i: number): string {
  return toPsString(args[i]);
}

function outOfRange(param: string, message: string): DotNetException {
  return new DotNetException(`${message}\r\nParameter name: ${param}`, 'System.ArgumentOutOfRangeException');
}

function stringMethod(s: string, name: string, args: unknown[]): unknown {
  switch (name) {
    case 'toupper':
    case 'toupperinvariant':
      return s.toUpperCase();
    case 'tolower':
    case 'tolowerinvariant':
      return s.toLowerCase();
    case 'trim':
    case 'trimstart':
    case 'trimend': {
      const chars = args.length ? args.map(toPsString).join('') : ' \t\r\n\v\f';
      const set = new Set(chars);
      let a = 0;
      let b = s.length;
      if (name !== 'trimend') while (a < b && set.has(s[a] as string)) a++;
      if (name !== 'trimstart') while (b > a && set.has(s[b - 1] as string)) b--;
      return s.slice(a, b);
    }
    case 'split': {
      // String.Split(char[]) splits on any of the characters, not on the whole string.
      const seps = args.length ? (Array.isArray(args[0]) ? args[0] : [args[0]]).map(toPsString).join('') : ' ';
      const parts: string[] = [];
      let cur = '';
      for (const ch of s) {
        if (seps.includes(ch)) {
          parts.push(cur);
          cur = '';
        } else cur += ch;
      }
      parts.push(cur);
      return parts;
    }
    case 'replace':
      if (args.length < 2) break;
      return s.split(argString(args, 0)).join(argString(args, 1));
    case 'substring': {
      const start = toNumber(args[0]);
      if (start > s.length || start < 0) throw outOfRange('startIndex', 'startIndex cannot be larger than length of string.');
      if (args.length > 1) {
        const len = toNumber(args[1]);
        if (start + len > s.length || len < 0) throw outOfRange('length', 'Index and length must refer to a location within the string.');
        return s.substr(start, len);
      }
      return s.slice(start);
    }
    case 'indexof':
      return s.indexOf(argString(args, 0), args[1] === undefined ? 0 : toNumber(args[1]));
    case 'lastindexof':
      return s.lastIndexOf(argString(args, 0));
    case 'contains':
      return s.includes(argString(args, 0));
    case 'startswith':
      return s.startsWith(argString(args, 0));
    case 'endswith':
      return s.endsWith(argString(args, 0));
    case 'padleft':
      checkStringLength(toNumber(args[0]));
      return s.padStart(toNumber(args[0]), args[1] === undefined ? ' ' : argString(args, 1));
    case 'padright':
      checkStringLength(toNumber(args[0]));
      return s.padEnd(toNumber(args[0]), args[1] === undefined ? ' ' : argString(args, 1));
    case 'insert':
      return s.slice(0, toNumber(args[0])) + argString(args, 1) + s.slice(toNumber(args[0]));
    case 'remove':
      return args.length > 1 ? s.slice(0, toNumber(args[0])) + s.slice(toNumber(args[0]) + toNumber(args[1])) : s.slice(0, toNumber(args[0]));
    case 'tochararray':
      return [...s];
    case 'equals':
      return s === argString(args, 0);
    case 'compareto':
      return s < argString(args, 0) ? -1 : s > argString(args, 0) ? 1 : 0;
    case 'tostring':
      return s;
    case 'normalize':
      return s.normalize();
    default:
      break;
  }
  return undefined;
}

function hashtableMethod(h: PSHashtable, name: string, args: unknown[]): unknown {
  switch (name) {
    case 'containskey':
    case 'contains':
      return h.has(args[0]);
    case 'containsvalue':
      return h.values.some((v) => scalarEquals(v, args[0], false));
    case 'add':
      if (h.has(args[0])) {
        throw new DotNetException(`Item has already been added. Key in dictionary: '${toPsString(args[0])}'  Key being added: '${toPsString(args[0])}'`, 'System.ArgumentException');
      }
      h.set(args[0], args[1]);
      return null;
    case 'remove':
      h.remove(args[0]);
      return null;
    case 'clear':
      for (const k of h.keys) h.remove(k);
      return null;
    case 'clone': {
      const c = new PSHashtable(h.ordered);
      for (const e of h.entries.values()) c.set(e.name, e.value);
      return c;
    }
    case 'getenumerator':
      return [...h.entries.values()].map((e) => {
        const o = PSObject.from([['Name', e.name], ['Key', e.name], ['Value', e.value]], ['System.Collections.DictionaryEntry', 'System.ValueType', 'System.Object']);
        o.defaultDisplay = ['Name', 'Value'];
        return o;
      });
    default:
      return undefined;
  }
}

/** Calls `target.name(args)`; throws MemberError when the method does not exist. */
export function callMethod(target: unknown, name: string, args: unknown[]): unknown {
  const lower = name.toLowerCase();
  if (target === null || target === undefined) {
    throw new MemberError('You cannot call a method on a null-valued expression.', 'InvokeMethodOnNull');
  }
  if (lower === 'gettype' && args.length === 0) return typeInfo(typeNameOf(target));
  let result: unknown;
  if (typeof target === 'string') result = stringMethod(target, lower, args);
  else if (target instanceof PSHashtable) result = hashtableMethod(target, lower, args);
  else if (target instanceof PSObject) {
    const m = target.methods.get(lower);
    if (m) return m.fn(args);
  } else if (Array.isArray(target) || target instanceof Uint8Array) {
    const items = Array.from(target as ArrayLike<unknown>);
    if (lower === 'contains') return items.some((x) => scalarEquals(x, args[0], true));
    if (lower === 'indexof') return items.findIndex((x) => scalarEquals(x, args[0], true));
    if (lower === 'add') throw new DotNetException('Collection was of a fixed size.', 'System.NotSupportedException');
    // $Error is an ArrayList; Clear() is the one mutation scripts commonly call on it.
    if (lower === 'clear' && Array.isArray(target)) {
      target.length = 0;
      return null;
    }
  } else if (target instanceof PSDate) {
    const t = target.date.getTime();
    const add = (ms: number) => new PSDate(new Date(t + toNumber(args[0]) * ms));
    const table: Record<string, () => unknown> = {
      addseconds: () => add(1000),
      addminutes: () => add(60_000),
      addhours: () => add(3_600_000),
      adddays: () => add(86_400_000),
      addmilliseconds: () => add(1),
      touniversaltime: () => target,
      tolocaltime: () => target,
      tostring: () => (args.length ? formatDate(target.date, toPsString(args[0])) : usShortDate(target.date)),
      tofiletime: () => t * 10_000 + 116_444_736_000_000_000,
    };
    const fn = Object.hasOwn(table, lower) ? table[lower] : undefined;
    if (fn) return fn();
  } else if (typeof target === 'number' && lower === 'tostring' && args.length === 1) {
    const fmt = toPsString(args[0]);
    const m = /^([NnFfDdXx])(\d*)$/.exec(fmt);
    if (m) {
      const digits = m[2] ? Number(m[2]) : undefined;
      switch ((m[1] as string).toUpperCase()) {
        case 'N':
          return target.toLocaleString('en-US', { minimumFractionDigits: digits ?? 2, maximumFractionDigits: digits ?? 2 });
        case 'F':
          return target.toFixed(digits ?? 2);
        case 'D':
          return String(Math.trunc(target)).padStart(digits ?? 0, '0');
        default: {
          const hex = Math.trunc(target).toString(16).padStart(digits ?? 0, '0');
          return m[1] === 'X' ? hex.toUpperCase() : hex;
        }
      }
    }
    return formatNumber(target);
  }
  if (result !== undefined) return result;
  if (lower === 'tostring' && args.length === 0) return dotnetToString(target);
  if (lower === 'equals' && args.length === 1) return scalarEquals(target, args[0], true);
  throw new MemberError(`Method invocation failed because [${typeNameOf(target)}] does not contain a method named '${name}'.`, 'MethodNotFound');
}
