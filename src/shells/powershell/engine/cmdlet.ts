/**
 * The contract between the evaluator and simulated cmdlets: parameter declarations (used for binding,
 * Get-Command and Get-Help) and the call object a cmdlet runs with.
 */
import type { ErrorRecord, ErrorSpec } from '../errors/error-record';
import type { Extent } from '../errors/position-message';
import type { Ctx, Interpreter } from './interpreter';

export type ParamType = 'string' | 'strings' | 'int' | 'switch' | 'object' | 'objects' | 'dictionary' | 'scriptblock' | 'uri' | 'webmethod';

export interface ParamDef {
  name: string;
  type: ParamType;
  /** Positional index, when the parameter can be given without its name. */
  position?: number;
  aliases?: string[];
  /** Collects every remaining positional argument (Write-Host's -Object). */
  remaining?: boolean;
  /** .NET type shown in Get-Help / binding errors. */
  dotnetType?: string;
}

export interface VmFacts {
  vmName: string;
  computerName: string;
  adminUsername: string;
  vmId: string;
  [key: string]: unknown;
}

/** What the session gives the evaluator: the VM's network and clock, and the output streams. */
export interface CommandHost {
  vm: VmFacts;
  fetch(request: Request): Promise<Response>;
  now(): Date;
  columns: number;
  /** Host output (Write-Host, native commands): flushes pending formatted objects first. */
  writeHost(text: string): void;
  writeError(record: ErrorRecord): void;
  writeWarning(text: string): void;
  clearHost(): void;
}

export type ErrorInput = Omit<ErrorSpec, 'activity' | 'invocationName' | 'extent' | 'exceptionTypes'> &
  Partial<Pick<ErrorSpec, 'extent' | 'exceptionTypes' | 'invocationName'>> & {
    /** Keep the FullyQualifiedErrorId as given instead of appending `,<cmdlet class>`. */
    unqualified?: boolean;
    /** Show no `At line:` position (errors attributed to the caller's script block, like Write-Error's). */
    noPosition?: boolean;
  };

export interface CmdletCall {
  interp: Interpreter;
  ctx: Ctx;
  def: CmdletDef;
  /** The name as typed (alias or full name). */
  invocationName: string;
  extent: Extent;
  bound: Map<string, unknown>;
  /** Pipeline input, or null when the command is first in its pipeline. */
  input: unknown[] | null;
  /** Throws a statement-terminating error attributed to this cmdlet. */
  fail(spec: ErrorInput): never;
  /** Writes a non-terminating error (honours -ErrorAction). */
  writeError(spec: ErrorInput): void;
}

export interface CmdletDef {
  name: string;
  aliases?: string[];
  /** The .NET class, used in FullyQualifiedErrorId (e.g. Microsoft.PowerShell.Commands.InvokeWebRequestCommand). */
  className: string;
  synopsis: string;
  params: ParamDef[];
  run(call: CmdletCall): Promise<unknown[]>;
}

export function arg<T = unknown>(call: CmdletCall, name: string): T | undefined {
  return call.bound.get(name.toLowerCase()) as T | undefined;
}

export function flag(call: CmdletCall, name: string): boolean {
  return call.bound.get(name.toLowerCase()) === true;
}
