/**
 * Variables: a chain of scopes (global, then one per function or `& { }` call) plus the automatic
 * variables 5.1 defines. `$_` lives in the scope of the script block that received it.
 */
import type { ErrorRecord } from '../errors/error-record';
import { PSHashtable } from '../runtime/values';

export interface Variable {
  name: string;
  value: unknown;
}

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

  get global(): Scope {
    let s: Scope = this;
    while (s.parent) s = s.parent;
    return s;
  }
}

/** Session-wide state that survives between runs. */
export class SessionState {
  readonly globals = new Scope();
  readonly functions = new Map<string, { name: string; params: string[]; body: unknown; text: string }>();
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
