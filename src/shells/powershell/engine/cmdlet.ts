/**
 * The contract between the engine and the modules that bring commands (core, web, Az): a module is a
 * PowerShell module (name, version, cmdlets, format views, native programs); a cmdlet declares its
 * parameters (used for binding, Get-Command and Get-Help) and runs with a call object that holds the
 * engine services it may use. Modules import this file; the engine never imports a module.
 */
import type { ErrorSpec } from '../errors/error-record';
import type { Extent } from '../errors/position-message';
import type { ViewDef } from '../format/views';
import type { ScriptBlock } from '../runtime/values';
import type { CommandHost } from './host';
import type { RunLimits } from './run-limits';

export type { CommandHost, VmFacts } from './host';

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
  /** An enum parameter (with `dotnetType`): the members a value may name, as the binder converts it. */
  enumValues?: string[];
  /** Mandatory in every parameter set (a cmdlet checks set-specific ones itself with missingMandatory). */
  mandatory?: boolean;
  /** ValueFromPipeline: pipeline input satisfies the parameter when it is mandatory. */
  fromPipeline?: boolean;
}

export type ErrorInput = Omit<ErrorSpec, 'activity' | 'invocationName' | 'extent' | 'exceptionTypes'> &
  Partial<Pick<ErrorSpec, 'extent' | 'exceptionTypes' | 'invocationName' | 'activity'>> & {
    /** Keep the FullyQualifiedErrorId as given instead of appending `,<cmdlet class>`. */
    unqualified?: boolean;
    /** Show no `At line:` position (errors attributed to the caller's script block, like Write-Error's). */
    noPosition?: boolean;
  };

/** Session-wide, JSON-serializable state a module keeps between runs (saved in the session snapshot). */
export interface ModuleState {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export interface CmdletCall {
  def: CmdletDef;
  /** The name as typed (alias or full name). */
  invocationName: string;
  extent: Extent;
  bound: Map<string, unknown>;
  /** Pipeline input, or null when the command is first in its pipeline. */
  input: unknown[] | null;
  /** The VM's network, clock and console. */
  host: CommandHost;
  /** This run's budget: count loops with `limits.step()`. */
  limits: RunLimits;
  /** Every command the session knows (Get-Command, Get-Help, Get-Module). */
  commands: CommandCatalog;
  /** State that outlives the run, per module (e.g. Az's signed-in context). */
  state: ModuleState;
  /** The text of the script block that called the cmdlet. */
  scriptText: string;
  /** Runs a script block in the caller's scope; `dollarUnder` sets `$_`. */
  invoke(block: ScriptBlock, options?: { dollarUnder?: unknown }): Promise<unknown[]>;
  /** Throws a statement-terminating error attributed to this cmdlet. */
  fail(spec: ErrorInput): never;
  /** Writes a non-terminating error (honours -ErrorAction). */
  writeError(spec: ErrorInput): void;
  /** Writes a WARNING: line (honours -WarningAction). */
  writeWarning(text: string): void;
}

export interface CmdletDef {
  name: string;
  aliases?: string[];
  /** The .NET class, used in FullyQualifiedErrorId (e.g. Microsoft.PowerShell.Commands.InvokeWebRequestCommand). */
  className: string;
  synopsis: string;
  params: ParamDef[];
  /**
   * The cmdlet only iterates its input once, in order (for…of, counting limits.step() per item), so the
   * engine may hand it a lazy sequence such as a huge range (`1..1e8 | % { $_ }`), as 5.1 streams one.
   */
  streamsInput?: boolean;
  run(call: CmdletCall): Promise<unknown[]>;
}

/** A cmdlet whose code loads on first use (5.1 autoloads modules the same way). */
export interface LazyCmdlet {
  name: string;
  aliases?: string[];
  load(): Promise<CmdletDef>;
}

export interface PowerShellModule {
  name: string;
  version: string;
  /** Where `Get-Module -ListAvailable` says the module lives. */
  path?: string;
  /** 'Manifest' or 'Script' (Get-Module's ModuleType column). */
  moduleType?: string;
  cmdlets: (CmdletDef | LazyCmdlet)[];
  /** Format views for the module's types (what a module's .format.ps1xml gives 5.1). */
  views?: ViewDef[];
  /** Native programs (hostname, whoami): they write straight to the console. */
  natives?: Record<string, (host: CommandHost) => string>;
  /** Commands that exist on a real VM but are not simulated: `Name` or `Name:alias1,alias2`. */
  unsimulated?: string[];
  /** Listed by Get-Module -ListAvailable but not loaded until one of its commands runs. */
  autoload?: boolean;
  /** Modules that share state (every Az module sees Az.Accounts' context) name one key; default: the module name. */
  stateKey?: string;
}

export interface CommandEntry {
  name: string;
  aliases: string[];
  module: PowerShellModule;
  /** Loads (once) and returns the cmdlet. */
  resolve(): Promise<CmdletDef>;
}

export interface CommandCatalog {
  all(): CommandEntry[];
  find(name: string): CommandEntry | undefined;
  modules(): PowerShellModule[];
  /** Modules whose commands have run (or that Import-Module loaded) in this session. */
  loaded(): PowerShellModule[];
  markLoaded(module: PowerShellModule): void;
}

/**
 * The binder's error for mandatory parameters nobody gave. An interactive 5.1 console prompts for them
 * ("Supply values for the following parameters:"); the sandbox's terminal cannot answer a prompt, so it
 * gives the error a non-interactive host (powershell -NonInteractive, a scheduled task) shows.
 */
export function missingMandatory(names: string[]): ErrorInput & { exceptionTypes: string[] } {
  return {
    exceptionTypes: ['System.Management.Automation.ParameterBindingException', 'System.Management.Automation.RuntimeException'],
    message: `Cannot process command because of one or more missing mandatory parameters: ${names.join(' ')}.`,
    category: 'InvalidArgument',
    fullyQualifiedErrorId: 'MissingMandatoryParameter',
  };
}

export function arg<T = unknown>(call: CmdletCall, name: string): T | undefined {
  return call.bound.get(name.toLowerCase()) as T | undefined;
}

export function flag(call: CmdletCall, name: string): boolean {
  return call.bound.get(name.toLowerCase()) === true;
}
