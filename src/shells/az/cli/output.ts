/**
 * knack's output formats (microsoft/knack knack/output.py): json (2-space indent, keys sorted at every
 * level, non-ASCII as is, a trailing newline), jsonc/yamlc (coloured only when colour is on), yaml
 * (PyYAML safe_dump: block style, keys sorted, list items at their key's indent), table (tabulate
 * "simple": scalar columns minus id/type/etag, capitalised headers, each column at least its header
 * plus two wide, lines right-trimmed), tsv (values only; nested list → its length, nested dict → empty)
 * and none. A `None` result prints nothing.
 */
import { stringify as yamlStringify } from 'yaml';
import { AzCliError } from './errors';
import type { TableTransform } from './types';

export const OUTPUT_FORMATS = ['json', 'jsonc', 'yaml', 'yamlc', 'table', 'tsv', 'none'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Objects a `--query` multiselect built (Python OrderedDicts): they keep their key order in table and
 * tsv output, where plain results are sorted. The query runs over null-prototype copies (query.ts), so
 * an object with Object.prototype came from the query.
 */
export function isQueryBuilt(value: object): boolean {
  return Object.getPrototypeOf(value) === Object.prototype;
}

function sortDeep(value: unknown): Json {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (isObject(value)) {
    const out: Record<string, Json> = {};
    for (const key of Object.keys(value).sort(pythonOrder)) out[key] = sortDeep(value[key]);
    return out;
  }
  if (value === undefined) return null;
  return value as Json;
}

/** Python sorts str keys by code point; JS's default sort compares UTF-16 units (same for the BMP). */
function pythonOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Python's json.dumps(indent=2, sort_keys=True, ensure_ascii=False, separators=(',', ': ')). */
export function formatJson(result: unknown): string {
  return `${JSON.stringify(sortDeep(result), null, 2)}\n`;
}

/** pygments' TerminalFormatter over JSON, as `-o jsonc` looks at a terminal. */
function colorJson(text: string): string {
  return text.replace(/("(?:[^"\\]|\\.)*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g, (m, str: string | undefined, colon: string | undefined, word: string | undefined, num: string | undefined) => {
    if (str !== undefined) return colon ? `\x1b[94m${str}\x1b[39;49;00m${colon}` : `\x1b[33m${str}\x1b[39;49;00m`;
    if (word !== undefined) return `\x1b[34m${word}\x1b[39;49;00m`;
    if (num !== undefined) return `\x1b[34m${num}\x1b[39;49;00m`;
    return m;
  });
}

/** PyYAML safe_dump(default_flow_style=False, allow_unicode=True), as closely as the yaml package allows. */
export function formatYaml(result: unknown): string {
  if (result === null || result === undefined) return 'null\n...\n';
  return yamlStringify(sortDeep(result), {
    version: '1.1',
    indentSeq: false,
    singleQuote: true,
    lineWidth: 80,
    minContentWidth: 0,
    nullStr: 'null',
    trueStr: 'true',
    falseStr: 'false',
  });
}

function capitalize(key: string): string {
  return key ? key[0]!.toUpperCase() + key.slice(1) : key;
}

const SKIP_KEYS = new Set(['id', 'type', 'etag']);

function pyStr(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return '';
  return String(value);
}

function tableRow(item: unknown, sortKeys: boolean): Map<string, string> {
  const row = new Map<string, string>();
  if (isObject(item)) {
    const keys = sortKeys ? Object.keys(item).sort(pythonOrder) : Object.keys(item);
    for (const key of keys) {
      if (SKIP_KEYS.has(key)) continue;
      const v = item[key];
      if (v !== null && v !== undefined && typeof v !== 'object') row.set(capitalize(key), pyStr(v));
    }
  } else if (Array.isArray(item)) {
    item.forEach((v, i) => row.set(`Column${i + 1}`, pyStr(v)));
  } else {
    row.set('Result', pyStr(item));
  }
  return row;
}

/** tabulate(rows, headers="keys", tablefmt="simple", disable_numparse=True). */
export function tabulateSimple(rows: readonly Map<string, string>[]): string {
  const headers: string[] = [];
  for (const row of rows) for (const key of row.keys()) if (!headers.includes(key)) headers.push(key);
  if (headers.length === 0) return '';
  const cells = rows.map((row) => headers.map((h) => (row.get(h) ?? '').split('\n')));
  const widths = headers.map((h, c) => Math.max(h.length + 2, ...cells.map((r) => Math.max(...r[c]!.map((l) => l.length)))));
  const line = (values: string[]) => values.map((v, c) => v.padEnd(widths[c]!)).join('  ').replace(/\s+$/, '');
  const out = [line(headers), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const row of cells) {
    const height = Math.max(...row.map((lines) => lines.length));
    for (let i = 0; i < height; i++) out.push(line(row.map((lines) => lines[i] ?? '')));
  }
  return out.join('\n');
}

export function formatTable(result: unknown, transform: TableTransform | undefined, queryActive: boolean): string {
  try {
    let data = result;
    if (transform && !queryActive) data = transform(result);
    const list = Array.isArray(data) ? data : [data];
    const sortKeys = !queryActive && !transform;
    const rows = list.map((item) => tableRow(item, sortKeys && !(isObject(item) && isQueryBuilt(item) && queryActive)));
    return `${tabulateSimple(rows)}\n`;
  } catch {
    throw new AzCliError('Table output unavailable. Use the --query option to specify an appropriate query. Use --debug for more info.');
  }
}

function tsvCell(value: unknown): string {
  if (Array.isArray(value)) return String(value.length);
  if (isObject(value)) return '';
  if (value === null || value === undefined) return 'None';
  return pyStr(value);
}

export function formatTsv(result: unknown, queryActive: boolean): string {
  const list = Array.isArray(result) ? result : [result];
  let out = '';
  for (const item of list) {
    if (isObject(item)) {
      const keys = queryActive && isQueryBuilt(item) ? Object.keys(item) : Object.keys(item).sort(pythonOrder);
      out += keys.map((k) => tsvCell(item[k])).join('\t');
    } else if (Array.isArray(item)) {
      out += item.map(tsvCell).join('\t');
    } else if (typeof item === 'boolean') {
      out += String(item);
    } else {
      out += tsvCell(item);
    }
    out += '\n';
  }
  return out;
}

/** A result printed as is (az rest's non-JSON body), whatever the format. */
export class RawText {
  constructor(readonly text: string) {}
}

export interface FormatOptions {
  format: OutputFormat;
  color: boolean;
  queryActive: boolean;
  tableTransform?: TableTransform;
}

/** What knack prints for a command's result; '' for a result of None. */
export function formatResult(result: unknown, options: FormatOptions): string {
  if (result === undefined || result === null) return '';
  if (result instanceof RawText) return `${result.text}\n`;
  switch (options.format) {
    case 'json':
      return formatJson(result);
    case 'jsonc':
      return options.color ? colorJson(formatJson(result)) : formatJson(result);
    case 'yaml':
    case 'yamlc':
      return formatYaml(result);
    case 'table':
      return formatTable(result, options.tableTransform, options.queryActive);
    case 'tsv':
      return formatTsv(result, options.queryActive);
    case 'none':
      return '';
  }
}
