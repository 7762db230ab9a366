/**
 * The values a Windows PowerShell 5.1 script handles, modelled in plain JS. Strings, numbers, booleans,
 * `null` and arrays are themselves; everything with .NET identity (PSCustomObject, Hashtable, enums,
 * DateTime, byte[], script blocks, type literals) gets a small class so formatting and member access can
 * tell them apart the way PowerShell's type system does.
 */
export interface Property {
  name: string;
  value: unknown;
}

export type MethodFn = (args: unknown[]) => unknown;

/** A PSObject: ordered, case-insensitive properties plus a type-name chain (most derived first). */
export class PSObject {
  readonly props = new Map<string, Property>();
  readonly methods = new Map<string, { name: string; fn: MethodFn }>();
  /** What `"$obj"` / `.ToString()` prints; PSCustomObject uses the `@{a=1; b=2}` form when unset. */
  stringify?: () => string;
  /** Properties shown by default formatting when the type has a registered view (e.g. the IWR response). */
  defaultDisplay?: string[];
  /** Forces list or table view, as a 5.1 format.ps1xml view would. */
  view?: 'list' | 'table';
  /** Column widths of a registered table view (e.g. System.Version, System.RuntimeType); 0 = the rest. */
  tableWidths?: number[];
  /** Display text that differs from the value (a view's script block, e.g. the truncated IWR Content). */
  displayText?: Record<string, string>;

  constructor(readonly typeNames: string[] = ['System.Management.Automation.PSCustomObject', 'System.Object']) {}

  get(name: string): unknown {
    return this.props.get(name.toLowerCase())?.value;
  }

  has(name: string): boolean {
    return this.props.has(name.toLowerCase());
  }

  set(name: string, value: unknown): this {
    const key = name.toLowerCase();
    const existing = this.props.get(key);
    if (existing) existing.value = value;
    else this.props.set(key, { name, value });
    return this;
  }

  method(name: string, fn: MethodFn): this {
    this.methods.set(name.toLowerCase(), { name, fn });
    return this;
  }

  get isCustom(): boolean {
    return this.typeNames.includes('System.Management.Automation.PSCustomObject');
  }

  static from(entries: Iterable<[string, unknown]>, typeNames?: string[]): PSObject {
    const o = new PSObject(typeNames);
    for (const [k, v] of entries) o.set(k, v);
    return o;
  }
}

/**
 * System.Collections.Hashtable: case-insensitive string keys. Real hashtables enumerate in hash-bucket
 * order, which looks random; we keep insertion order (the same as `[ordered]@{}`) so output is stable.
 */
export class PSHashtable {
  readonly entries = new Map<string, Property>();
  /** A Dictionary<string,string> (e.g. response headers) shows its entries as `[key, value]` in a cell. */
  showPairs = false;
  constructor(readonly ordered = false) {}

  static keyOf(key: unknown): string {
    if (typeof key === 'string') return 's:' + key.toLowerCase();
    if (typeof key === 'number') return 'n:' + key;
    return 'o:' + String(key);
  }

  get(key: unknown): unknown {
    return this.entries.get(PSHashtable.keyOf(key))?.value;
  }

  has(key: unknown): boolean {
    return this.entries.has(PSHashtable.keyOf(key));
  }

  set(key: unknown, value: unknown): void {
    const k = PSHashtable.keyOf(key);
    const existing = this.entries.get(k);
    if (existing) existing.value = value;
    else this.entries.set(k, { name: key as string, value });
  }

  remove(key: unknown): void {
    this.entries.delete(PSHashtable.keyOf(key));
  }

  get keys(): unknown[] {
    return [...this.entries.values()].map((e) => e.name);
  }

  get values(): unknown[] {
    return [...this.entries.values()].map((e) => e.value);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** A `{ ... }` script block: the parsed body plus its source text. */
export class ScriptBlock {
  constructor(
    /** The parsed body (a syntax node), kept opaque here: the runtime does not depend on the parser. */
    readonly body: unknown,
    readonly text: string,
    readonly params: string[] = [],
    /** The SourceText and Tree the body belongs to (kept opaque here to avoid an import cycle). */
    readonly src: unknown = null,
    readonly tree: unknown = null,
  ) {}
}

/** A type literal such as `[Convert]` used as a value (static member access, `-is`, casts). */
export class PSType {
  constructor(readonly fullName: string) {}
}

/** A .NET enum value, e.g. HttpStatusCode.Forbidden: prints its name, compares and casts as its number. */
export class PSEnum {
  constructor(
    readonly typeName: string,
    readonly name: string,
    readonly value: number,
  ) {}
}

/** System.DateTime. The VM's time zone is UTC, so local and UTC times are the same instant. */
export class PSDate {
  constructor(readonly date: Date) {}
}

/** A `switch` parameter value passed explicitly or present, e.g. `-Compress`. */
export class SwitchValue {
  constructor(readonly isPresent: boolean) {}
}
