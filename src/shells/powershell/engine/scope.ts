/**
 * Variables: a chain of scopes (global, then one per function or `& { }` call) plus the automatic
 * variables 5.1 defines. `$_` lives in the scope of the script block that received it.
 */
import type { ErrorRecord } from '../errors/error-record';
import type { SyntaxTree } from '../parse/syntax-tree';
import type { SourceText } from '../source-text';
import { PSHashtable } from '../runtime/values';

export interface Variable {
  name: string;
  value: unknown;
}

const DOLLAR_UNDER = ['_', 'psitem'];

export class Scope {
  readonly vars = new Map<string, Variable>();
  constructor(readonly parent: Scope | null = null) {}

  lookup(name: string): Variable | undefined {
    const key = name.toLowerCase();
    for (let s: Scope | null = this; s; s = s.parent) {
      const v = s.vars.get(key);
      if (v) return v;
    }
    return undefined;
  }

  set(name: string, value: unknown): void {
    const key = name.toLowerCase();
    const existing = this.vars.get(key);
    if (existing) existing.value = value;
    else this.vars.set(key, { name, value });
  }

  /** Sets `$_` and its alias `$PSItem` in this scope. */
  setDollarUnder(value: unknown): void {
    this.set('_', value);
    this.set('PSItem', value);
  }

  /**
   * Remembers this scope's own `$_` / `$PSItem` and returns what puts them back (5.1's
   * AutomaticVarSaver around catch blocks, switch statements and script blocks given `$_`).
   */
  saveDollarUnder(): () => void {
    const saved = DOLLAR_UNDER.map((key) => this.vars.get(key)).map((v) => (v ? { ...v } : undefined));
    return () => {
      DOLLAR_UNDER.forEach((key, i) => {
        const v = saved[i];
        if (v) this.vars.set(key, v);
        else this.vars.delete(key);
      });
    };
  }

  get global(): Scope {
    let s: Scope = this;
    while (s.parent) s = s.parent;
    return s;
  }
}

export interface FunctionDef {
  name: string;
  params: string[];
  body: unknown;
  text: string;
  /** The script that defined it: the body's offsets point into this text, not the caller's. */
  src: SourceText;
  tree: SyntaxTree;
}

/** Session-wide state that survives between runs. */
export class SessionState {
  readonly globals = new Scope();
  readonly functions = new Map<string, FunctionDef>();
  /** `$Error`: newest first, as 5.1's ArrayList. */
  readonly errors: ErrorRecord[] = [];
  lastSuccess = true;
  matches: PSHashtable | null = null;
  readonly env = new Map<string, { name: string; value: string }>();

  setEnv(name: string, value: string | null): void {
    if (value === null) this.env.delete(name.toLowerCase());
    else this.env.set(name.toLowerCase(), { name, value });
  }

  getEnv(name: string): string | null {
    return this.env.get(name.toLowerCase())?.value ?? null;
  }

  recordError(record: ErrorRecord): void {
    this.errors.unshift(record);
    // 5.1's $MaximumErrorCount default.
    if (this.errors.length > 256) this.errors.length = 256;
  }
}

/** Variables that cannot be assigned (5.1: "Cannot overwrite variable … because it is read-only or constant."). */
export const READ_ONLY = new Set(['true', 'false', 'null', '?', 'psversiontable', 'home', 'pshome', 'host', 'pid', 'error']);
