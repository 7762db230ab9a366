/**
 * Plain-JSON encoding of session variables for snapshot()/restore(). Script blocks keep their text and
 * are re-parsed when next invoked; objects keep their type names and properties (methods of simulated
 * .NET objects, such as a web response's ToString(), are not carried over).
 */
import { toBase64String, fromBase64String } from './runtime/types';
import { PSDate, PSEnum, PSHashtable, PSObject, PSType, ScriptBlock } from './runtime/values';
import { toPsString } from './runtime/conversions';

export type EncodedValue =
  | null
  | boolean
  | number
  | string
  | { $array: EncodedValue[] }
  | { $object: [string, EncodedValue][]; types: string[] }
  | { $hashtable: [string, EncodedValue][]; ordered: boolean }
  | { $date: number }
  | { $bytes: string }
  | { $enum: [string, string, number] }
  | { $scriptblock: string }
  | { $type: string };

export function encodeValue(v: unknown, depth = 0): EncodedValue {
  if (depth > 20) return toPsString(v);
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (Array.isArray(v)) return { $array: v.map((x) => encodeValue(x, depth + 1)) };
  if (v instanceof Uint8Array) return { $bytes: toBase64String(v) };
  if (v instanceof PSDate) return { $date: v.date.getTime() };
  if (v instanceof PSEnum) return { $enum: [v.typeName, v.name, v.value] };
  if (v instanceof ScriptBlock) return { $scriptblock: v.text };
  if (v instanceof PSType) return { $type: v.fullName };
  if (v instanceof PSHashtable) return { $hashtable: [...v.entries.values()].map((e) => [toPsString(e.name), encodeValue(e.value, depth + 1)]), ordered: v.ordered };
  if (v instanceof PSObject) return { $object: [...v.props.values()].map((p) => [p.name, encodeValue(p.value, depth + 1)]), types: v.typeNames };
  return toPsString(v);
}

export function decodeValue(e: EncodedValue): unknown {
  if (e === null || typeof e !== 'object') return e;
  if ('$array' in e) return e.$array.map(decodeValue);
  if ('$bytes' in e) return fromBase64String(e.$bytes);
  if ('$date' in e) return new PSDate(new Date(e.$date));
  if ('$enum' in e) return new PSEnum(...e.$enum);
  if ('$scriptblock' in e) return new ScriptBlock(null, e.$scriptblock);
  if ('$type' in e) return new PSType(e.$type);
  if ('$hashtable' in e) {
    const h = new PSHashtable(e.ordered);
    for (const [k, v] of e.$hashtable) h.set(k, decodeValue(v));
    return h;
  }
  return PSObject.from(
    e.$object.map(([k, v]) => [k, decodeValue(v)] as [string, unknown]),
    e.types,
  );
}
