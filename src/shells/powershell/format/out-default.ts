/**
 * Out-Default: turns the objects a script outputs into console text the way 5.1 does. Objects of one
 * kind are grouped so a table is printed once with widths fitted to all its rows (5.1's famous
 * "the first object decides the columns" behaviour included); list views separate objects with a blank
 * line; scalars print one per line. Write-Host and errors flush the pending group first.
 */
import { ErrorRecord } from '../errors/error-record';
import { usLongDate } from '../runtime/conversions';
import { typeInfo } from '../runtime/members';
import { PSDate, PSHashtable, PSObject, PSType } from '../runtime/values';
import { cellText } from './display';
import { formatErrorRecord } from './error-view';
import { renderList } from './list-view';
import { renderTable, type Column } from './table-view';
import { findView, viewValue, type TableViewDef, type ViewDef } from './views';

/** Already-formatted output of Format-Table / Format-List, passed through Out-Default unchanged. */
export class FormattedText extends PSObject {
  constructor(readonly text: string) {
    super(['Microsoft.PowerShell.Commands.Internal.Format.FormatStartData', 'System.Object']);
    this.stringify = () => 'Microsoft.PowerShell.Commands.Internal.Format.FormatStartData';
  }
}

export const MEMBER_DEFINITION = 'Microsoft.PowerShell.Commands.MemberDefinition';

type Kind = 'table' | 'list' | 'custom' | 'hashtable' | 'members';

interface Group {
  kind: Kind;
  key: string;
  props: string[];
  items: unknown[];
  widths?: number[];
  /** A module's registered view (its .format.ps1xml), when the type has one. */
  view?: ViewDef;
}

export function defaultProps(o: PSObject): string[] {
  return o.defaultDisplay ?? [...o.props.values()].map((p) => p.name);
}

export function propertyText(o: PSObject, name: string): string {
  const override = o.displayText?.[name];
  return override ?? cellText(o.get(name));
}

function planOf(v: PSObject): { kind: Kind; props: string[] } {
  if (v.typeNames[0] === MEMBER_DEFINITION) return { kind: 'members', props: ['Name', 'MemberType', 'Definition'] };
  const props = defaultProps(v);
  return { kind: v.view ?? (props.length > 4 ? 'list' : 'table'), props };
}

export function tableColumns(props: string[], widths?: number[]): Column[] {
  return props.map((p, i) => ({
    header: p,
    get: (item: unknown) => (item instanceof PSObject ? (item.displayText?.[p] ?? item.get(p)) : null),
    ...(widths ? { width: widths[i] ?? 0, align: 'left' as const } : {}),
  }));
}

const HASHTABLE_COLUMNS: Column[] = [
  { header: 'Name', get: (e) => (e as { name: unknown }).name, width: 30, align: 'left' },
  { header: 'Value', get: (e) => (e as { value: unknown }).value, width: 0, align: 'left' },
];

export class OutDefault {
  private group: Group | null = null;

  constructor(
    private readonly emit: (text: string) => void,
    private readonly columns: number,
    private readonly views: readonly ViewDef[] = [],
  ) {}

  write(value: unknown): void {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const item of value) this.write(item);
      return;
    }
    if (value instanceof Uint8Array) {
      for (const b of value) this.write(b);
      return;
    }
    if (value instanceof FormattedText) {
      this.flush();
      this.emit(value.text);
      return;
    }
    if (value instanceof ErrorRecord) {
      this.flush();
      this.emit(formatErrorRecord(value, this.columns));
      return;
    }
    if (value instanceof PSDate) {
      this.flush();
      this.emit(`\n${usLongDate(value.date)}\n\n\n`);
      return;
    }
    if (value instanceof PSType) {
      this.write(typeInfo(value.fullName));
      return;
    }
    if (value instanceof PSHashtable) {
      // A Dictionary<string,string> (response headers) enumerates KeyValuePairs: Key/Value columns sized to fit.
      if (value.showPairs) this.add({ kind: 'table', key: 'KeyValuePair', props: ['Key', 'Value'], items: [...value.entries.values()].map((e) => PSObject.from([['Key', e.name], ['Value', e.value]])) });
      else this.add({ kind: 'hashtable', key: 'hashtable', props: ['Name', 'Value'], items: [...value.entries.values()] });
      return;
    }
    if (value instanceof PSObject) {
      const view = findView(this.views, value);
      if (view) {
        const header = view.kind === 'table' ? (view.groupBy?.(value) ?? '') : '';
        this.add({ kind: view.kind, key: `view:${view.typeName}:${header}`, props: [], items: [value], view });
        return;
      }
      if (value.props.size === 0 && value.stringify) {
        // An object with no property to show prints as its ToString(), as 5.1 does (a SecureString's type name).
        this.flush();
        this.emit(value.stringify() + '\n');
        return;
      }
      const plan = planOf(value);
      const key = plan.kind === 'members' ? String(value.get('TypeName')) : (value.typeNames[0] ?? '');
      this.add({ kind: plan.kind, key, props: plan.props, items: [value], ...(value.tableWidths ? { widths: value.tableWidths } : {}) });
      return;
    }
    this.flush();
    this.emit(cellText(value) + '\n');
  }

  private add(g: Group): void {
    if (this.group && this.group.kind === g.kind && this.group.key === g.key) {
      this.group.items.push(...g.items);
      return;
    }
    this.flush();
    this.group = g;
  }

  flush(): void {
    const g = this.group;
    if (!g) return;
    this.group = null;
    this.emit(renderGroup(g, this.columns));
  }
}

function viewColumns(view: TableViewDef): Column[] {
  return view.columns.map((c) => ({
    header: c.label,
    get: (item: unknown) => (item instanceof PSObject ? viewValue(c, item) : null),
    ...(c.width !== undefined ? { width: c.width } : {}),
    ...(c.align ? { align: c.align } : {}),
  }));
}

function renderView(g: Group & { view: ViewDef }, columns: number): string {
  const view = g.view;
  // A custom control writes its text for each object with no group header or footer; 5.1 ends the
  // group with one blank line.
  if (view.kind === 'custom') return g.items.map((item) => view.render(item as PSObject)).join('') + '\n';
  if (view.kind === 'list') {
    const body = g.items.map((item) => '\n' + renderList(view.entries.map((e) => ({ name: e.label, text: cellText(viewValue(e, item as PSObject)) })), columns).join('\n') + '\n');
    return '\n' + body.join('') + '\n\n';
  }
  const header = view.groupBy ? view.groupBy(g.items[0] as PSObject) : '\n';
  return header + renderTable(g.items, viewColumns(view), columns).join('\n') + '\n\n\n';
}

function renderGroup(g: Group, columns: number): string {
  if (g.view) return renderView(g as Group & { view: ViewDef }, columns);
  switch (g.kind) {
    case 'custom':
      // Only a registered view makes a custom group (handled above).
      return '';
    case 'hashtable':
      return '\n' + renderTable(g.items, HASHTABLE_COLUMNS, columns).join('\n') + '\n\n\n';
    case 'members':
      return `\n   TypeName: ${String((g.items[0] as PSObject).get('TypeName'))}\n\n` + renderTable(g.items, tableColumns(g.props), columns).join('\n') + '\n\n\n';
    case 'table':
      return '\n' + renderTable(g.items, tableColumns(g.props, g.widths), columns).join('\n') + '\n\n\n';
    case 'list':
      return '\n' + g.items.map((item) => '\n' + renderObjectList(item as PSObject, g.props, columns).join('\n') + '\n').join('') + '\n\n';
  }
}

export function renderObjectList(o: PSObject, props: string[], columns: number): string[] {
  return renderList(
    props.map((p) => ({ name: o.props.get(p.toLowerCase())?.name ?? p, text: propertyText(o, p) })),
    columns,
  );
}

/** Formats values to text as Out-String does. */
export function formatToString(values: unknown[], columns: number): string {
  let text = '';
  const od = new OutDefault((t) => (text += t), columns);
  for (const v of values) od.write(v);
  od.flush();
  return text;
}
