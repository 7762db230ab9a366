/**
 * Az.Compute's custom view for a single VM: `[VirtualMachineBaseCmdlet]::FormatObject($_)`
 * (Azure/azure-powershell src/Compute/Compute/VirtualMachine/VirtualMachineBaseCmdlet.cs, selected by
 * Compute.generated.format.ps1xml). Null properties are left out; labels are padded to the longest
 * label + 1, then `: `. Compact (the default DisplayHint) shows a nested object as the names of its
 * non-null properties (`{VmSize}`), a list as its items' names, a dictionary as JSON; Expand (-DisplayHint
 * Expand) writes nested objects out, two spaces deeper per level, and list items as `Name[i]`.
 */
import { toPsString } from '../../runtime/conversions';
import { PSEnum, PSHashtable, PSObject } from '../../runtime/values';
import { wireOf } from './wire-objects';

type Row = [label: string, value: string, depth: number];
const SKIPPED = new Set(['requestid', 'statuscode', 'displayhint']);

function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v instanceof PSEnum) return v.name;
  return undefined;
}

/** GetChildProperties: `{A, B}` of the non-null properties, or (for a list item) its Name. */
function childNames(o: PSObject, onlyName: boolean): string {
  const names: string[] = [];
  for (const p of o.props.values()) {
    if (p.value === null || p.value === undefined) continue;
    if (onlyName) {
      if (p.name === 'Name') return toPsString(p.value);
    } else names.push(p.name);
  }
  return onlyName ? ' ' : `{${names.join(', ')}}`;
}

function collect(o: PSObject, depth: number, rows: Row[], expand: boolean, max: number): number {
  for (const p of o.props.values()) {
    if (depth === 0 && SKIPPED.has(p.name.toLowerCase())) continue;
    const v = p.value;
    if (v === null || v === undefined) continue;
    const scalar = scalarText(v);
    if (scalar !== undefined) {
      rows.push([p.name, scalar, depth]);
      max = Math.max(max, depth * 2 + p.name.length);
    } else if (v instanceof PSHashtable) {
      rows.push([p.name, JSON.stringify(wireOf(v)), depth]);
      max = Math.max(max, depth * 2 + p.name.length);
    } else if (Array.isArray(v)) {
      if (v.length === 0) continue;
      max = Math.max(max, depth * 2 + p.name.length + (expand ? 4 : 0));
      if (!expand) {
        rows.push([p.name, `{${v.map((e) => scalarText(e) ?? (e instanceof PSObject ? childNames(e, true) : ' ')).join(', ')}}`, depth]);
        continue;
      }
      v.forEach((e, i) => {
        const text = scalarText(e);
        if (text !== undefined || !(e instanceof PSObject)) rows.push([`${p.name}[${i}]`, text ?? '', depth]);
        else {
          rows.push([`${p.name}[${i}]`, '', depth]);
          max = Math.max(max, collect(e, depth + 1, rows, expand, max));
        }
      });
    } else if (v instanceof PSObject) {
      if (expand) {
        rows.push([p.name, '', depth]);
        max = Math.max(max, collect(v, depth + 1, rows, expand, max));
      } else {
        rows.push([p.name, childNames(v, false), depth]);
        max = Math.max(max, p.name.length);
      }
    }
  }
  return max;
}

export function formatVm(vm: PSObject): string {
  const hint = vm.get('DisplayHint');
  const expand = hint instanceof PSEnum ? hint.name === 'Expand' : toPsString(hint) === 'Expand';
  const rows: Row[] = [];
  const total = collect(vm, 0, rows, expand, 0) + 1;
  let out = '\n';
  for (const [label, value, depth] of rows) {
    // C# would throw on a negative pad (a nested label longer than every measured one); never seen, so clamp.
    out += ' '.repeat(depth * 2) + label + ' '.repeat(Math.max(0, total - depth * 2 - label.length)) + ': ' + value + '\n';
  }
  return out;
}
