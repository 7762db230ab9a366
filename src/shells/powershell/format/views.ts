/**
 * Format views a module registers for its types, as a module's .format.ps1xml does for 5.1: a table
 * (columns with labels, widths and alignment, optionally grouped under a header line), a list, or a
 * custom control (text the view computes). Out-Default
 * picks the view registered for the object's first matching type name.
 */
import type { PSObject } from '../runtime/values';

export interface ViewColumn {
  label: string;
  /** The value shown: a property name, or a function of the object (a view's script block). */
  value: string | ((o: PSObject) => unknown);
  /** Fixed width; 0 = the rest of the line; absent = sized to fit. */
  width?: number;
  align?: 'left' | 'right';
}

export interface TableViewDef {
  kind: 'table';
  typeName: string;
  columns: ViewColumn[];
  /**
   * A GroupBy: the text printed before each run of objects with the same key, blank lines included
   * (`\n   Tenant: …\n\n`, or Get-Module's `\n\n    Directory: …\n\n\n`).
   */
  groupBy?: (o: PSObject) => string;
}

export interface ListViewDef {
  kind: 'list';
  typeName: string;
  entries: ViewColumn[];
}

/** A CustomControl whose one entry is a script block that returns the whole text (Az.Compute's FormatObject). */
export interface CustomViewDef {
  kind: 'custom';
  typeName: string;
  render(o: PSObject): string;
}

export type ViewDef = TableViewDef | ListViewDef | CustomViewDef;

export function viewValue(column: ViewColumn, o: PSObject): unknown {
  return typeof column.value === 'string' ? o.get(column.value) : column.value(o);
}

export function findView(views: readonly ViewDef[], o: PSObject): ViewDef | undefined {
  for (const t of o.typeNames) {
    const v = views.find((x) => x.typeName === t);
    if (v) return v;
  }
  return undefined;
}
