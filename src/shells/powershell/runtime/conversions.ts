/**
 * PowerShell's implicit conversions (LanguagePrimitives): to string for `"$x"` and display, to bool for
 * `if`, to number for arithmetic. Numbers follow the invariant culture, as 5.1 does for string expansion.
 */
import { PSDate, PSEnum, PSHashtable, PSObject, PSType, ScriptBlock, SwitchValue } from './values';

/** .NET's default double formatting ("R"): 1E+20, 1E-05, 0.1. */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-4) && !Number.isInteger(n)) {
    return n.toExponential().replace('e', 'E').replace(/E([+-])(\d)$/, 'E$10$2');
  }
  if (abs >= 1e15 && Number.isInteger(n) && abs > Number.MAX_SAFE_INTEGER) {
    return n.toExponential().replace('e', 'E');
  }
  return String(n);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Invariant-culture DateTime (what `"$date"` prints): MM/dd/yyyy HH:mm:ss. */
export function invariantDate(d: Date): string {
  return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** en-US DateTime.ToString(): 11/27/2026 7:33:52 AM (the VM's culture; its clock is UTC). */
export function usShortDate(d: Date): string {
  const h = d.getUTCHours();
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** How Out-Default shows a DateTime in en-US: Friday, November 27, 2026 7:33:52 AM. */
export function usLongDate(d: Date): string {
  const h = d.getUTCHours();
  return `${DAYS[d.getUTCDay()]}, ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

/** The `@{a=1; b=2}` form PowerShell uses when a PSCustomObject becomes a string. */
export function customObjectString(o: PSObject): string {
  return '@{' + [...o.props.values()].map((p) => `${p.name}=${dotnetToString(p.value)}`).join('; ') + '}';
}

/** .NET `ToString()` of a value: collections print their type name, not their items. */
export function dotnetToString(v: unknown): string {
  if (Array.isArray(v)) return 'System.Object[]';
  if (v instanceof Uint8Array) return 'System.Byte[]';
  if (v instanceof PSDate) return usShortDate(v.date);
  return toPsString(v);
}

/** PowerShell string conversion, as used by string expansion and `[string]` casts. */
export function toPsString(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return formatNumber(v);
  if (Array.isArray(v)) return v.map(toPsString).join(' ');
  if (v instanceof Uint8Array) return Array.from(v).join(' ');
  if (v instanceof PSObject) {
    if (v.stringify) return v.stringify();
    if (v.isCustom) return customObjectString(v);
    return v.typeNames[0] ?? 'System.Object';
  }
  if (v instanceof PSHashtable) return v.ordered ? 'System.Collections.Specialized.OrderedDictionary' : 'System.Collections.Hashtable';
  if (v instanceof PSEnum) return v.name;
  if (v instanceof PSDate) return invariantDate(v.date);
  if (v instanceof ScriptBlock) return v.text;
  if (v instanceof PSType) return v.fullName;
  if (v instanceof SwitchValue) return v.isPresent ? 'True' : 'False';
  return String(v);
}

/** LanguagePrimitives.IsTrue. */
export function toBool(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length === 0 ? false : v.length === 1 ? toBool(v[0]) : true;
  if (v instanceof SwitchValue) return v.isPresent;
  return true;
}

/** Parses a string the way PowerShell's numeric conversion does; undefined when it is not a number. */
export function parseNumber(text: string): number | undefined {
  const s = text.trim();
  if (s === '') return 0;
  if (/^[+-]?0x[0-9a-f]+$/i.test(s)) return Number.parseInt(s.replace(/^([+-]?)0x/i, '$1'), 16);
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return Number(s);
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(kb|mb|gb|tb|pb)$/i.exec(s);
  if (m) {
    const mult = { kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4, pb: 1024 ** 5 }[(m[2] as string).toLowerCase()] as number;
    return Number(m[1]) * mult;
  }
  return undefined;
}

export class ConversionError extends Error {
  constructor(
    readonly value: unknown,
    readonly targetType: string,
    readonly reason: string,
  ) {
    super(`Cannot convert value "${toPsString(value)}" to type "${targetType}". Error: "${reason}"`);
  }
}

export function toNumber(v: unknown, targetType = 'System.Int32'): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof PSEnum) return v.value;
  if (typeof v === 'string') {
    const n = parseNumber(v);
    if (n === undefined) throw new ConversionError(v, targetType, 'Input string was not in a correct format.');
    return n;
  }
  if (Array.isArray(v) && v.length === 1) return toNumber(v[0], targetType);
  if (v instanceof PSDate) return v.date.getTime();
  throw new ConversionError(v, targetType, `Invalid cast from '${typeNameOf(v)}' to '${targetType}'.`);
}

/** The .NET type name of a value, as `$x.GetType().FullName` would print it. */
export function typeNameOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return 'System.String';
  if (typeof v === 'boolean') return 'System.Boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? (Math.abs(v) <= 2147483647 ? 'System.Int32' : 'System.Int64') : 'System.Double';
  if (Array.isArray(v)) return 'System.Object[]';
  if (v instanceof Uint8Array) return 'System.Byte[]';
  if (v instanceof PSObject) return v.typeNames[0] ?? 'System.Object';
  if (v instanceof PSHashtable) return v.ordered ? 'System.Collections.Specialized.OrderedDictionary' : 'System.Collections.Hashtable';
  if (v instanceof PSEnum) return v.typeName;
  if (v instanceof PSDate) return 'System.DateTime';
  if (v instanceof ScriptBlock) return 'System.Management.Automation.ScriptBlock';
  if (v instanceof PSType) return 'System.RuntimeType';
  if (v instanceof SwitchValue) return 'System.Management.Automation.SwitchParameter';
  return 'System.Object';
}

/** Type names a value is an instance of, most derived first (for `-is` and `Get-Member`'s TypeName). */
export function typeChainOf(v: unknown): string[] {
  if (v instanceof PSObject) return v.typeNames;
  const name = typeNameOf(v);
  if (name === 'System.Int32' || name === 'System.Int64' || name === 'System.Double') return [name, 'System.ValueType', 'System.Object'];
  if (name === 'System.Object[]' || name === 'System.Byte[]') return [name, 'System.Array', 'System.Object'];
  return [name, 'System.Object'];
}
