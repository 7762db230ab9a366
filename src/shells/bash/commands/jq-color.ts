/**
 * jq 1.6's coloured printer (src/jv_print.c, `jv_dump_term`), which is what Ubuntu 22.04's jq
 * writes when its stdout is a terminal. Works on compact JSON text so number and string literals
 * keep the exact spelling jq produced. Colours are jq 1.6's defaults (JQ_COLORS is not read):
 * null 1;30, false/true/numbers 0;39, strings 0;32, arrays/objects 1;39, object keys 34;1.
 */

const ESC = '\x1b';
const col = (c: string) => `${ESC}[${c}m`;
const COLOR_RESET = col('0');
const FIELD_COLOR = col('34;1');
const COLORS = { null: col('1;30'), false: col('0;39'), true: col('0;39'), number: col('0;39'), string: col('0;32'), array: col('1;39'), object: col('1;39') };

export interface PrintStyle {
  /** Indentation per level: a number of spaces, `'\t'`, or 0 for jq -c. */
  indent: number | '\t';
}

type Value =
  | { kind: 'null' | 'false' | 'true' | 'number' | 'string'; text: string }
  | { kind: 'array'; items: Value[] }
  | { kind: 'object'; entries: Array<[string, Value]> };

/** Reads one JSON value from compact JSON text, keeping scalar literals as written. */
function read(text: string, start: number): [Value, number] {
  let i = start;
  while (text[i] === ' ' || text[i] === '\n' || text[i] === '\t' || text[i] === '\r') i++;
  const c = text[i];
  if (c === '"') {
    let j = i + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    return [{ kind: 'string', text: text.slice(i, j + 1) }, j + 1];
  }
  if (c === '[' || c === '{') {
    const close = c === '[' ? ']' : '}';
    const items: Value[] = [];
    const entries: Array<[string, Value]> = [];
    i++;
    for (;;) {
      while (/\s/.test(text[i] ?? '')) i++;
      if (text[i] === close) break;
      if (c === '{') {
        const [key, afterKey] = read(text, i);
        i = afterKey;
        while (/\s/.test(text[i] ?? '')) i++;
        if (text[i] !== ':' || key.kind !== 'string') throw new SyntaxError('bad object');
        const [value, afterValue] = read(text, i + 1);
        entries.push([key.text, value]);
        i = afterValue;
      } else {
        const [item, after] = read(text, i);
        items.push(item);
        i = after;
      }
      while (/\s/.test(text[i] ?? '')) i++;
      if (text[i] === ',') i++;
      else if (text[i] !== close) throw new SyntaxError('bad container');
    }
    return [c === '[' ? { kind: 'array', items } : { kind: 'object', entries }, i + 1];
  }
  const literal = /^(null|true|false|-?\d+(\.\d+)?([eE][-+]?\d+)?)/.exec(text.slice(i));
  if (!literal) throw new SyntaxError(`unexpected ${c}`);
  const word = literal[0];
  const kind = word === 'null' || word === 'true' || word === 'false' ? word : 'number';
  return [{ kind, text: word }, i + word.length];
}

/** Parses compact JSON text into a value the printer walks; throws if it is not one JSON value. */
export function parseCompactJson(text: string): Value {
  const [value, end] = read(text, 0);
  if (text.slice(end).trim() !== '') throw new SyntaxError('trailing text');
  return value;
}

function indentOf(style: PrintStyle, level: number): string {
  return style.indent === '\t' ? '\t'.repeat(level) : ' '.repeat(style.indent * level);
}

/** jv_dump_term: with `colored`, as JV_PRINT_COLOR prints; without, plain JSON in jq's layout. */
export function printValue(v: Value, style: PrintStyle, colored: boolean, level = 0): string {
  const pretty = style.indent !== 0;
  const color = colored ? COLORS[v.kind] : '';
  const RESET = colored ? COLOR_RESET : '';
  const FIELD = colored ? FIELD_COLOR : '';
  let out = color;
  if (v.kind === 'array') {
    if (v.items.length === 0) out += '[]';
    else {
      out += '[';
      if (pretty) out += `\n${indentOf(style, level + 1)}`;
      v.items.forEach((item, i) => {
        if (i > 0) out += pretty ? `,\n${indentOf(style, level + 1)}` : ',';
        out += printValue(item, style, colored, level + 1) + color;
      });
      if (pretty) out += `\n${indentOf(style, level)}`;
      out += `${color}]`;
    }
  } else if (v.kind === 'object') {
    if (v.entries.length === 0) out += '{}';
    else {
      out += '{';
      if (pretty) out += `\n${indentOf(style, level + 1)}`;
      v.entries.forEach(([key, value], i) => {
        if (i > 0) out += pretty ? `,\n${indentOf(style, level + 1)}` : ',';
        out += `${RESET}${FIELD}${key}${RESET}${color}${pretty ? ': ' : ':'}${RESET}`;
        out += printValue(value, style, colored, level + 1) + color;
      });
      if (pretty) out += `\n${indentOf(style, level)}`;
      out += `${color}}`;
    }
  } else {
    out += v.text;
  }
  return out + RESET;
}
