/**
 * JSON as Windows PowerShell 5.1 writes and reads it. ConvertTo-Json serializes with .NET's
 * JavaScriptSerializer (which escapes < > & ' as \u003c … and writes dates as "\/Date(ms)\/"), cuts
 * objects deeper than -Depth (default 2) to their ToString(), then re-indents with 5.1's own pretty
 * printer: four-space indents, `"key":  value` with two spaces, and nested containers indented to the
 * column after their key — the lopsided layout everyone recognises from 5.1.
 */
import { customObjectString, formatNumber, toPsString } from '../runtime/conversions';
import { PSDate, PSEnum, PSHashtable, PSObject, ScriptBlock, SwitchValue } from '../runtime/values';

function escapeString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    switch (ch) {
      case '"':
        out += '\\"';
        break;
      case '\\':
        out += '\\\\';
        break;
      case '\b':
        out += '\\b';
        break;
      case '\f':
        out += '\\f';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      case '<':
      case '>':
      case '&':
      case "'":
        out += '\\u' + c.toString(16).padStart(4, '0');
        break;
      default:
        out += c < 0x20 ? '\\u' + c.toString(16).padStart(4, '0') : ch;
    }
  }
  return out + '"';
}

/** Compact JSON as JavaScriptSerializer produces it, with PowerShell's depth cut-off. */
export function serializeCompact(value: unknown, maxDepth: number, depth = 0): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return escapeString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? formatNumber(value).replace('E+', 'E+') : escapeString(formatNumber(value));
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof SwitchValue) return value.isPresent ? 'true' : 'false';
  if (value instanceof PSEnum) return String(value.value);
  if (value instanceof PSDate) return `"\\/Date(${value.date.getTime()})\\/"`;
  if (value instanceof ScriptBlock) return escapeString(value.text);
  const tooDeep = depth > maxDepth;
  if (Array.isArray(value) || value instanceof Uint8Array) {
    if (tooDeep) return escapeString(value instanceof Uint8Array ? 'System.Byte[]' : toPsString(value));
    return '[' + Array.from(value as ArrayLike<unknown>, (v) => serializeCompact(v, maxDepth, depth + 1)).join(',') + ']';
  }
  if (value instanceof PSHashtable) {
    if (tooDeep) return escapeString(value.ordered ? 'System.Collections.Specialized.OrderedDictionary' : 'System.Collections.Hashtable');
    return '{' + [...value.entries.values()].map((e) => escapeString(toPsString(e.name)) + ':' + serializeCompact(e.value, maxDepth, depth + 1)).join(',') + '}';
  }
  if (value instanceof PSObject) {
    if (tooDeep) return escapeString(value.isCustom ? customObjectString(value) : toPsString(value));
    return '{' + [...value.props.values()].map((p) => escapeString(p.name) + ':' + serializeCompact(p.value, maxDepth, depth + 1)).join(',') + '}';
  }
  return escapeString(toPsString(value));
}

/** Copies a JSON string literal starting after its opening quote; returns the index of the closing quote. */
function appendString(json: string, index: number, out: string[]): number {
  for (let i = index; i < json.length; i++) {
    const c = json[i] as string;
    if (c === '\\') {
      out.push(c, json[i + 1] ?? '');
      i++;
    } else if (c === '"') {
      out.push(c);
      return i;
    } else out.push(c);
  }
  return json.length - 1;
}

const INDENT = '    ';

function convertDictionary(json: string, index: number, out: string[], padString: string, numberOfSpaces: number): number {
  out.push('\r\n');
  const newPad = padString + ' '.repeat(numberOfSpaces) + INDENT;
  let beforeQuote = true;
  let numberOfChars = 0;
  let lastSpaceCount = 0;
  for (let i = index; i < json.length; i++) {
    const c = json[i] as string;
    switch (c) {
      case '{':
        out.push(c);
        i = convertDictionary(json, i + 1, out, newPad, lastSpaceCount);
        break;
      case '[':
        out.push(c);
        i = convertList(json, i + 1, out, newPad, lastSpaceCount);
        break;
      case '}':
        out.push('\r\n', padString, ' '.repeat(numberOfSpaces), c);
        return i;
      case '"': {
        if (beforeQuote) {
          out.push(newPad, c);
          numberOfChars = 1;
        } else out.push(c);
        const end = appendString(json, i + 1, out);
        if (beforeQuote) numberOfChars += end - i;
        i = end;
        beforeQuote = false;
        break;
      }
      case ':':
        out.push(c, '  ');
        lastSpaceCount = numberOfChars + 3;
        break;
      case ',':
        out.push(c, '\r\n');
        beforeQuote = true;
        numberOfChars = 0;
        break;
      default:
        out.push(c);
    }
  }
  return json.length;
}

function convertList(json: string, index: number, out: string[], padString: string, numberOfSpaces: number): number {
  out.push('\r\n');
  const newPad = padString + ' '.repeat(numberOfSpaces) + INDENT;
  let headChar = true;
  for (let i = index; i < json.length; i++) {
    const c = json[i] as string;
    switch (c) {
      case '{':
        out.push(newPad, c);
        i = convertDictionary(json, i + 1, out, newPad, 0);
        headChar = false;
        break;
      case '[':
        out.push(newPad, c);
        i = convertList(json, i + 1, out, newPad, 0);
        headChar = false;
        break;
      case ']':
        out.push('\r\n', padString, ' '.repeat(numberOfSpaces), c);
        return i;
      case '"':
        if (headChar) out.push(newPad);
        out.push(c);
        i = appendString(json, i + 1, out);
        headChar = false;
        break;
      case ',':
        out.push(c, '\r\n');
        headChar = true;
        break;
      default:
        if (headChar) out.push(newPad);
        out.push(c);
        headChar = false;
    }
  }
  return json.length;
}

/** 5.1's ConvertToPrettyJsonString, line endings normalised to \n for the terminal. */
export function prettyJson(compact: string): string {
  const out: string[] = [];
  if (compact.startsWith('{')) {
    out.push('{');
    convertDictionary(compact, 1, out, '', 0);
  } else if (compact.startsWith('[')) {
    out.push('[');
    convertList(compact, 1, out, '', 0);
  } else return compact;
  return out.join('').replace(/\r\n/g, '\n');
}

export function convertToJson(value: unknown, depth = 2, compress = false): string {
  const compact = serializeCompact(value, depth);
  return compress ? compact : prettyJson(compact);
}

// ---- ConvertFrom-Json ------------------------------------------------------------------------------

export class JsonParseError extends Error {}

/**
 * Parses JSON the way 5.1's ConvertFrom-Json does: objects become PSCustomObjects (property order kept),
 * integers Int32/Int64, other numbers Decimal (shown the same), and a failure reports
 * JavaScriptSerializer's "Invalid JSON primitive: …" message.
 */
export function parseJson(text: string): unknown {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  const primitiveError = (): never => {
    const m = /^[^\s,\]}:]*/.exec(text.slice(i));
    throw new JsonParseError(`Invalid JSON primitive: ${m?.[0] ?? ''}.`);
  };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const o = new PSObject();
      ws();
      if (text[i] === '}') {
        i++;
        return o;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') throw new JsonParseError('Invalid object passed in, member name expected.');
        const key = str();
        ws();
        if (text[i] !== ':') throw new JsonParseError(`Invalid object passed in, ':' or '}' expected. (${i}): ${text.slice(0, 200)}`);
        i++;
        o.set(key, value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return o;
        }
        throw new JsonParseError(`Invalid object passed in, ':' or '}' expected. (${i}): ${text.slice(0, 200)}`);
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        throw new JsonParseError(`Invalid array passed in, ',' expected. (${i}): ${text.slice(0, 200)}`);
      }
    }
    if (c === '"') {
      const s = str();
      const date = /^\/Date\((-?\d+)\)\/$/.exec(s);
      return date ? new PSDate(new Date(Number(date[1]))) : s;
    }
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i));
    if (!m) return primitiveError();
    const after = text[i + m[0].length];
    if (after !== undefined && !/[\s,\]}]/.test(after)) return primitiveError();
    i += m[0].length;
    if (m[0] === 'true') return true;
    if (m[0] === 'false') return false;
    if (m[0] === 'null') return null;
    return Number(m[0]);
  };
  const str = (): string => {
    i++;
    let out = '';
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        const e = text[i + 1];
        i += 2;
        if (e === 'u') {
          out += String.fromCharCode(Number.parseInt(text.slice(i, i + 4), 16));
          i += 4;
        } else out += { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' }[e as string] ?? e ?? '';
      } else out += text[i++];
    }
    if (text[i] !== '"') throw new JsonParseError('Unterminated string passed in. (' + i + '): ' + text.slice(0, 200));
    i++;
    return out;
  };
  ws();
  if (i >= text.length) return null;
  const result = value();
  ws();
  if (i < text.length) primitiveError();
  return result;
}
