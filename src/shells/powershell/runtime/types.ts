/**
 * Type literals: accelerators (`[int]`, `[pscustomobject]`, `[Convert]` …), casts, and the static .NET
 * members scripts use against IMDS and ARM — base64 and UTF-8 decoding of tokens, URL escaping, Unix-time
 * conversion. Unknown types raise 5.1's "Unable to find type" error; known types without a simulated
 * member raise a clear "not simulated here" one.
 */
import { ConversionError, toBool, toNumber, toPsString, typeNameOf } from './conversions';
import { PSDate, PSHashtable, PSObject, PSType } from './values';

/** An exception thrown by a simulated .NET member; the evaluator wraps it as 5.1 does (MethodInvocationException …). */
export class DotNetException extends Error {
  constructor(
    message: string,
    /** .NET exception type, e.g. System.FormatException; its short name becomes the FullyQualifiedErrorId. */
    readonly typeName: string,
  ) {
    super(message);
  }
}

export class TypeNotFoundError extends Error {
  constructor(readonly typeName: string) {
    super(`Unable to find type [${typeName}].`);
  }
}

const ACCELERATORS: Record<string, string> = {
  string: 'System.String',
  int: 'System.Int32',
  int32: 'System.Int32',
  long: 'System.Int64',
  int64: 'System.Int64',
  double: 'System.Double',
  float: 'System.Single',
  single: 'System.Single',
  decimal: 'System.Decimal',
  bool: 'System.Boolean',
  boolean: 'System.Boolean',
  byte: 'System.Byte',
  'byte[]': 'System.Byte[]',
  char: 'System.Char',
  datetime: 'System.DateTime',
  datetimeoffset: 'System.DateTimeOffset',
  timespan: 'System.TimeSpan',
  pscustomobject: 'System.Management.Automation.PSObject',
  psobject: 'System.Management.Automation.PSObject',
  hashtable: 'System.Collections.Hashtable',
  ordered: 'System.Collections.Specialized.OrderedDictionary',
  array: 'System.Array',
  'object[]': 'System.Object[]',
  'string[]': 'System.String[]',
  'int[]': 'System.Int32[]',
  object: 'System.Object',
  guid: 'System.Guid',
  uri: 'System.Uri',
  regex: 'System.Text.RegularExpressions.Regex',
  xml: 'System.Xml.XmlDocument',
  convert: 'System.Convert',
  math: 'System.Math',
  'text.encoding': 'System.Text.Encoding',
  environment: 'System.Environment',
  scriptblock: 'System.Management.Automation.ScriptBlock',
  void: 'System.Void',
  switch: 'System.Management.Automation.SwitchParameter',
  'net.webutility': 'System.Net.WebUtility',
  'net.webexception': 'System.Net.WebException',
  'net.httpstatuscode': 'System.Net.HttpStatusCode',
  exception: 'System.Exception',
  errorrecord: 'System.Management.Automation.ErrorRecord',
  'io.path': 'System.IO.Path',
  'management.automation.runtimeexception': 'System.Management.Automation.RuntimeException',
  'net.servicepointmanager': 'System.Net.ServicePointManager',
  'net.securityprotocoltype': 'System.Net.SecurityProtocolType',
};

/** Every full name we know about (anything else is "Unable to find type"). */
const KNOWN = new Set(Object.values(ACCELERATORS).map((n) => n.toLowerCase()));
for (const n of [
  'System.InvalidOperationException',
  'System.FormatException',
  'System.ArgumentException',
  'System.Management.Automation.CommandNotFoundException',
  'System.Management.Automation.MethodInvocationException',
  'System.Management.Automation.ParseException',
  'System.Management.Automation.PSCustomObject',
  'System.ValueType',
  'System.Int32[]',
]) {
  KNOWN.add(n.toLowerCase());
}

/** Resolves `[name]` to a full type name, or throws TypeNotFoundError. */
export function resolveTypeName(raw: string): string {
  const name = raw.trim().replace(/\s+/g, '');
  const lower = name.toLowerCase();
  const own = (k: string) => (Object.hasOwn(ACCELERATORS, k) ? ACCELERATORS[k] : undefined);
  const direct = own(lower) ?? own(lower.replace(/^system\./, ''));
  if (direct) return direct;
  if (KNOWN.has(lower)) return name;
  if (KNOWN.has('system.' + lower)) return 'System.' + name;
  throw new TypeNotFoundError(name);
}

function bankersRound(n: number): number {
  const r = Math.round(n);
  return Math.abs(n % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function toInteger(v: unknown, type: string, bits: number): number {
  if (typeof v === 'string' && v.trim() === '') return 0;
  const n = bankersRound(toNumber(v, type));
  const limit = bits === 32 ? 2147483647 : Number.MAX_SAFE_INTEGER;
  if (n > limit || n < -limit - 1) {
    throw new ConversionError(v, type, `Value was either too large or too small for an ${type.replace('System.', '')}.`);
  }
  return n;
}

function parseDate(text: string): PSDate {
  const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) || !/\d:\d/.test(text) ? text : text + 'Z');
  if (Number.isNaN(t)) throw new ConversionError(text, 'System.DateTime', 'String was not recognized as a valid DateTime.');
  return new PSDate(new Date(t));
}

export function makeUri(text: string): PSObject {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new ConversionError(text, 'System.Uri', 'Invalid URI: The format of the URI could not be determined.');
  }
  const o = new PSObject(['System.Uri', 'System.Object']);
  const path = u.pathname || '/';
  o.set('AbsolutePath', path)
    .set('AbsoluteUri', u.href)
    .set('LocalPath', decodeURIComponent(path))
    .set('Authority', u.host)
    .set('HostNameType', /^\d+\.\d+\.\d+\.\d+$/.test(u.hostname) ? 'IPv4' : 'Dns')
    .set('IsDefaultPort', u.port === '')
    .set('IsFile', false)
    .set('IsLoopback', u.hostname === 'localhost' || u.hostname.startsWith('127.'))
    .set('PathAndQuery', path + u.search)
    .set('Segments', path.split(/(?<=\/)/))
    .set('IsUnc', false)
    .set('Host', u.hostname)
    .set('Port', u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80)
    .set('Query', u.search)
    .set('Fragment', u.hash)
    .set('Scheme', u.protocol.replace(':', ''))
    .set('OriginalString', text)
    .set('DnsSafeHost', u.hostname)
    .set('IsAbsoluteUri', true)
    .set('UserInfo', u.username);
  o.stringify = () => text;
  o.view = 'list';
  return o;
}

/** Converts `value` for a `[type]value` cast. */
export function castTo(typeName: string, value: unknown): unknown {
  const t = typeName.toLowerCase();
  switch (t) {
    case 'system.string':
      return value === null || value === undefined ? '' : toPsString(value);
    case 'system.int32':
      return toInteger(value, 'System.Int32', 32);
    case 'system.int64':
    case 'system.byte':
      return toInteger(value, typeName, 64);
    case 'system.double':
    case 'system.single':
    case 'system.decimal':
      return toNumber(value, typeName);
    case 'system.boolean':
      return toBool(value);
    case 'system.char': {
      if (typeof value === 'string' && value.length === 1) return value;
      if (typeof value === 'number') return String.fromCharCode(value);
      throw new ConversionError(value, 'System.Char', 'String must be exactly one character long.');
    }
    case 'system.datetime':
      if (value instanceof PSDate) return value;
      if (typeof value === 'string') return parseDate(value);
      throw new ConversionError(value, 'System.DateTime', `Invalid cast from '${typeNameOf(value)}' to 'DateTime'.`);
    case 'system.byte[]':
      if (value instanceof Uint8Array) return value;
      return Uint8Array.from((Array.isArray(value) ? value : [value]).map((x) => toInteger(x, 'System.Byte', 64) & 0xff));
    case 'system.array':
    case 'system.object[]':
      if (Array.isArray(value)) return value;
      if (value instanceof Uint8Array) return Array.from(value);
      return value === null || value === undefined ? [] : [value];
    case 'system.string[]':
      return (Array.isArray(value) ? value : [value]).map((x) => toPsString(x));
    case 'system.int32[]':
      return (Array.isArray(value) ? value : [value]).map((x) => toInteger(x, 'System.Int32', 32));
    case 'system.management.automation.psobject':
      if (value instanceof PSHashtable) return PSObject.from([...value.entries.values()].map((e) => [toPsString(e.name), e.value]));
      return value;
    case 'system.collections.hashtable':
      if (value instanceof PSHashtable) return value;
      throw new ConversionError(value, 'System.Collections.Hashtable', `Invalid cast from '${typeNameOf(value)}' to 'Hashtable'.`);
    case 'system.collections.specialized.ordereddictionary':
      if (value instanceof PSHashtable) {
        const h = new PSHashtable(true);
        for (const e of value.entries.values()) h.set(e.name, e.value);
        return h;
      }
      throw new ConversionError(value, 'System.Collections.Specialized.OrderedDictionary', 'The ordered attribute can be specified only on a hash literal node.');
    case 'system.uri':
      return makeUri(toPsString(value));
    case 'system.guid': {
      const s = toPsString(value);
      if (!/^[{(]?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}[)}]?$/i.test(s)) {
        throw new ConversionError(value, 'System.Guid', 'Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).');
      }
      return s.replace(/[{}()]/g, '').toLowerCase();
    }
    case 'system.object':
    case 'system.void':
      return t === 'system.void' ? null : value;
    default:
      throw new DotNetException(`Conversion to [${typeName}] is not simulated here.`, 'System.NotSupportedException');
  }
}

// ---- static members ------------------------------------------------------------------------------

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Convert.FromBase64String with .NET Framework's checks, in its order: length first, then characters. */
export function fromBase64String(input: string): Uint8Array {
  const s = input.replace(/[ \t\r\n]/g, '');
  if (s.length % 4 !== 0) throw new DotNetException('Invalid length for a Base-64 char array or string.', 'System.FormatException');
  const bad = () => new DotNetException('The input is not a valid Base-64 string as it contains a non-base 64 character, more than two padding characters, or an illegal character among the padding characters. ', 'System.FormatException');
  const padding = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  const body = s.slice(0, s.length - padding);
  if (body.includes('=')) throw bad();
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of body) {
    const v = BASE64.indexOf(ch);
    if (v < 0) throw bad();
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

export function toBase64String(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += BASE64[(n >> 18) & 63] as string;
    out += BASE64[(n >> 12) & 63] as string;
    out += b === undefined ? '=' : (BASE64[(n >> 6) & 63] as string);
    out += c === undefined ? '=' : (BASE64[n & 63] as string);
  }
  return out;
}

function toBytes(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (Array.isArray(v)) return Uint8Array.from(v.map((x) => toNumber(x) & 0xff));
  throw new DotNetException(`Cannot convert argument "bytes", with value: "${toPsString(v)}", for "GetString" to type "System.Byte[]".`, 'System.ArgumentException');
}

function encoding(name: string, bodyName: string, decode: (b: Uint8Array) => string, encode: (s: string) => Uint8Array): PSObject {
  const o = new PSObject([`System.Text.${name}`, 'System.Text.Encoding', 'System.Object']);
  o.set('BodyName', bodyName).set('EncodingName', name === 'UTF8Encoding' ? 'Unicode (UTF-8)' : name).set('WebName', bodyName).set('CodePage', name === 'UTF8Encoding' ? 65001 : 1200);
  o.method('GetString', (args) => decode(toBytes(args[0])));
  o.method('GetBytes', (args) => encode(toPsString(args[0])));
  o.stringify = () => `System.Text.${name}`;
  return o;
}

const utf8 = encoding('UTF8Encoding', 'utf-8', (b) => new TextDecoder('utf-8').decode(b), (s) => new TextEncoder().encode(s));
const ascii = encoding('ASCIIEncoding', 'us-ascii', (b) => Array.from(b, (c) => (c < 128 ? String.fromCharCode(c) : '?')).join(''), (s) => Uint8Array.from(Array.from(s, (c) => (c.charCodeAt(0) < 128 ? c.charCodeAt(0) : 63))));
const unicode = encoding(
  'UnicodeEncoding',
  'utf-16',
  (b) => new TextDecoder('utf-16le').decode(b),
  (s) => {
    const out = new Uint8Array(s.length * 2);
    for (let i = 0; i < s.length; i++) {
      out[i * 2] = s.charCodeAt(i) & 0xff;
      out[i * 2 + 1] = s.charCodeAt(i) >> 8;
    }
    return out;
  },
);

export function unixDateTimeOffset(seconds: number): PSObject {
  const d = new PSDate(new Date(seconds * 1000));
  const o = new PSObject(['System.DateTimeOffset', 'System.ValueType', 'System.Object']);
  o.set('DateTime', d).set('UtcDateTime', d).set('LocalDateTime', d).set('Offset', '00:00:00');
  o.stringify = () => `${toPsString(d)} +00:00`;
  o.method('ToUnixTimeSeconds', () => seconds);
  return o;
}

export interface StaticContext {
  now(): Date;
  machineName: string;
  userName: string;
}

type StaticMember = (ctx: StaticContext, args: unknown[]) => unknown;

/** Static properties (no arguments) and methods, keyed by `type::member` in lower case. */
const STATIC_PROPERTIES: Record<string, (ctx: StaticContext) => unknown> = {
  'system.text.encoding::utf8': () => utf8,
  'system.text.encoding::ascii': () => ascii,
  'system.text.encoding::unicode': () => unicode,
  'system.text.encoding::default': () => utf8,
  'system.math::pi': () => Math.PI,
  'system.math::e': () => Math.E,
  'system.datetime::now': (c) => new PSDate(c.now()),
  'system.datetime::utcnow': (c) => new PSDate(c.now()),
  'system.datetime::today': (c) => new PSDate(new Date(Math.floor(c.now().getTime() / 86_400_000) * 86_400_000)),
  'system.datetimeoffset::now': (c) => unixDateTimeOffset(Math.floor(c.now().getTime() / 1000)),
  'system.datetimeoffset::utcnow': (c) => unixDateTimeOffset(Math.floor(c.now().getTime() / 1000)),
  'system.string::empty': () => '',
  'system.int32::maxvalue': () => 2147483647,
  'system.int32::minvalue': () => -2147483648,
  'system.environment::machinename': (c) => c.machineName.toUpperCase(),
  'system.environment::username': (c) => c.userName,
  'system.environment::newline': () => '\r\n',
  'system.environment::is64bitprocess': () => true,
  'system.io.path::directoryseparatorchar': () => '\\',
};

const STATIC_METHODS: Record<string, StaticMember> = {
  'system.convert::frombase64string': (_c, a) => fromBase64String(toPsString(a[0])),
  'system.convert::tobase64string': (_c, a) => toBase64String(toBytes(a[0])),
  'system.convert::toint32': (_c, a) => (a[1] === undefined ? castTo('System.Int32', a[0]) : Number.parseInt(toPsString(a[0]), toNumber(a[1]))),
  'system.convert::tostring': (_c, a) => toPsString(a[0]),
  'system.math::round': (_c, a) => (a[1] === undefined ? bankersRound(toNumber(a[0])) : Number(toNumber(a[0]).toFixed(toNumber(a[1])))),
  'system.math::floor': (_c, a) => Math.floor(toNumber(a[0])),
  'system.math::ceiling': (_c, a) => Math.ceil(toNumber(a[0])),
  'system.math::abs': (_c, a) => Math.abs(toNumber(a[0])),
  'system.math::max': (_c, a) => Math.max(toNumber(a[0]), toNumber(a[1])),
  'system.math::min': (_c, a) => Math.min(toNumber(a[0]), toNumber(a[1])),
  'system.math::pow': (_c, a) => Math.pow(toNumber(a[0]), toNumber(a[1])),
  'system.math::sqrt': (_c, a) => Math.sqrt(toNumber(a[0])),
  'system.math::truncate': (_c, a) => Math.trunc(toNumber(a[0])),
  'system.uri::escapedatastring': (_c, a) => encodeURIComponent(toPsString(a[0])).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()),
  'system.uri::unescapedatastring': (_c, a) => decodeURIComponent(toPsString(a[0])),
  'system.net.webutility::urlencode': (_c, a) => encodeURIComponent(toPsString(a[0])).replace(/%20/g, '+'),
  'system.net.webutility::urldecode': (_c, a) => decodeURIComponent(toPsString(a[0]).replace(/\+/g, ' ')),
  'system.guid::newguid': () => crypto.randomUUID(),
  'system.string::isnullorempty': (_c, a) => a[0] === null || a[0] === undefined || toPsString(a[0]) === '',
  'system.string::isnullorwhitespace': (_c, a) => a[0] === null || a[0] === undefined || toPsString(a[0]).trim() === '',
  'system.string::join': (_c, a) => (Array.isArray(a[1]) ? a[1] : a.slice(1)).map(toPsString).join(toPsString(a[0])),
  'system.datetime::parse': (_c, a) => parseDate(toPsString(a[0])),
  'system.datetimeoffset::fromunixtimeseconds': (_c, a) => unixDateTimeOffset(toNumber(a[0])),
  'system.text.regularexpressions.regex::escape': (_c, a) => toPsString(a[0]).replace(/[\\*+?|{[()^$.# ]/g, (c) => (c === ' ' ? '\\ ' : '\\' + c)),
  'system.environment::getenvironmentvariable': () => null,
};

export function getStaticProperty(ctx: StaticContext, type: PSType, name: string): unknown {
  const key = `${type.fullName}::${name}`.toLowerCase();
  const fn = Object.hasOwn(STATIC_PROPERTIES, key) ? STATIC_PROPERTIES[key] : undefined;
  // 5.1 returns $null for a static property that does not exist; with strict mode off that is not an error.
  return fn ? fn(ctx) : null;
}

export function staticMethod(type: PSType, name: string): StaticMember | undefined {
  const key = `${type.fullName}::${name}`.toLowerCase();
  return Object.hasOwn(STATIC_METHODS, key) ? STATIC_METHODS[key] : undefined;
}
