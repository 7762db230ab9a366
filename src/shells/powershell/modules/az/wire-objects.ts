/**
 * ARM JSON ↔ the .NET model objects the Az SDKs deserialize it into: camelCase wire names become the
 * models' PascalCase properties (with the SDKs' own spellings such as OSProfile), nested objects carry
 * their model type names, dictionaries (tags, userAssignedIdentities) become IDictionary values. The
 * way back (`wireOf`) is what the SDK serializes when a cmdlet sends a model it was given (Update-AzVM
 * -VM $vm), so a `$vm` kept in a variable, or restored from a session snapshot, still round-trips.
 */
import { PSHashtable, PSObject } from '../../runtime/values';

/** Wire names whose model property is not simply the name with a capital first letter. */
const PROPERTY_NAMES: Record<string, string> = { osProfile: 'OSProfile', osDisk: 'OsDisk', vmId: 'VmId', vmSize: 'VmSize' };
const WIRE_NAMES: Record<string, string> = Object.fromEntries(Object.entries(PROPERTY_NAMES).map(([w, p]) => [p, w]));

export const propertyName = (wire: string): string => PROPERTY_NAMES[wire] ?? wire.charAt(0).toUpperCase() + wire.slice(1);
export const wireName = (property: string): string => WIRE_NAMES[property] ?? property.charAt(0).toLowerCase() + property.slice(1);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One wire value as a model value. `typeOf(path)` names the model type of the object at a dotted wire
 * path (`properties` is flattened away by the SDK, so `hardwareProfile`, not `properties.hardwareProfile`);
 * `dictionaries` lists the paths that are IDictionary properties.
 */
export function modelOf(value: unknown, path: string, typeOf: (path: string) => string | undefined, dictionaries: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => modelOf(v, `${path}[]`, typeOf, dictionaries));
  if (!isRecord(value)) return value ?? null;
  if (dictionaries.includes(path)) {
    const h = new PSHashtable();
    for (const [k, v] of Object.entries(value)) h.set(k, modelOf(v, `${path}{}`, typeOf, dictionaries));
    return h;
  }
  const type = typeOf(path);
  const o = new PSObject(type ? [type, 'System.Object'] : undefined);
  for (const [k, v] of Object.entries(value)) o.set(propertyName(k), modelOf(v, path ? `${path}.${k}` : k, typeOf, dictionaries));
  if (type) o.stringify = () => type;
  return o;
}

/** A model value back on the wire; nulls are left out, as the SDKs' serializers do. */
export function wireOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(wireOf);
  if (value instanceof PSHashtable) {
    const out: Record<string, unknown> = {};
    for (const e of value.entries.values()) out[String(e.name)] = wireOf(e.value);
    return out;
  }
  if (value instanceof PSObject) {
    const out: Record<string, unknown> = {};
    for (const p of value.props.values()) if (p.value !== null && p.value !== undefined) out[wireName(p.name)] = wireOf(p.value);
    return out;
  }
  return value;
}
