/**
 * How one value reads inside a table cell or after `Name : ` in a list: collections as `{a, b, c, d...}`
 * (5.1's $FormatEnumerationLimit is 4), custom objects as `@{a=1; b=2}`, dates in en-US short form.
 */
import { customObjectString, dotnetToString, formatNumber, toPsString, usShortDate } from '../runtime/conversions';
import { PSDate, PSEnum, PSHashtable, PSObject, ScriptBlock } from '../runtime/values';

export const ENUMERATION_LIMIT = 4;

function itemText(v: unknown): string {
  if (v instanceof PSHashtable) return 'System.Collections.Hashtable';
  if (Array.isArray(v)) return 'System.Object[]';
  return cellText(v);
}

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (Array.isArray(v) || v instanceof Uint8Array) {
    const items = Array.from(v as ArrayLike<unknown>);
    const shown = items.slice(0, ENUMERATION_LIMIT).map(itemText);
    return '{' + shown.join(', ') + (items.length > ENUMERATION_LIMIT ? '...' : '') + '}';
  }
  if (v instanceof PSHashtable) {
    const entries = [...v.entries.values()];
    const shown = entries.slice(0, ENUMERATION_LIMIT).map((e) => (v.showPairs ? `[${toPsString(e.name)}, ${toPsString(e.value)}]` : toPsString(e.name)));
    return '{' + shown.join(', ') + (entries.length > ENUMERATION_LIMIT ? '...' : '') + '}';
  }
  if (v instanceof PSObject) {
    if (v.stringify) return v.stringify();
    if (v.isCustom || v.typeNames[0]?.startsWith('Selected.')) return customObjectString(v);
    return v.typeNames[0] ?? '';
  }
  if (v instanceof PSDate) return usShortDate(v.date);
  if (v instanceof PSEnum) return v.name;
  if (v instanceof ScriptBlock) return v.text;
  return dotnetToString(v);
}

export function isNumericCell(v: unknown): boolean {
  return typeof v === 'number';
}
