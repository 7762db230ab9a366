/**
 * The command table, as azure-cli's core sees it: groups and commands with argument definitions.
 * Command modules (../commands) fill it; the core parses, dispatches, formats and reports errors the
 * same way for all of them.
 */
import type { AzContext } from './context';

export interface ArgDef {
  /** The key the command's handler reads. */
  dest: string;
  /** Option strings as azure-cli registers them, long first (`--name`, `-n`). */
  options: readonly string[];
  help: string;
  required?: boolean;
  /** A switch (`store_true`): takes no value. */
  flag?: boolean;
  /** Takes one or more values (`nargs='+'`). */
  many?: boolean;
  choices?: readonly string[];
  /** Help group other than "Arguments" (e.g. "Managed Identity Arguments"). */
  group?: string;
  /** Shown in help as `Default: …`. */
  defaultText?: string;
  /** Hidden from help (deprecated aliases). */
  hidden?: boolean;
}

export interface Example {
  summary: string;
  command: string;
}

export type ArgValues = Record<string, string | string[] | boolean | undefined>;

/** A table transformer for `-o table` (azure-cli's `table_transformer`). */
export type TableTransform = (result: unknown) => unknown;

export interface CommandDef {
  /** Words after `az`, e.g. `role assignment create`. */
  name: string;
  summary: string;
  /** Further help lines (shown indented under the summary). */
  long?: string;
  args: readonly ArgDef[];
  examples?: readonly Example[];
  tableTransform?: TableTransform;
  /** azure-cli adds `resourceGroup` to results from resource ids; `az rest` turns that off. */
  noResourceGroupTransform?: boolean;
  /** Commands that need no signed-in account accept no `--subscription`. */
  noSubscription?: boolean;
  run(ctx: AzContext, args: ArgValues): Promise<unknown>;
}

export interface GroupDef {
  name: string;
  summary: string;
}

export interface CommandTable {
  groups: Map<string, GroupDef>;
  commands: Map<string, CommandDef>;
}

/** What each command module exports: it registers its groups and commands. */
export type CommandLoader = (table: CommandTable) => void;

export function addGroup(table: CommandTable, name: string, summary: string): void {
  table.groups.set(name, { name, summary });
}

export function addCommand(table: CommandTable, def: CommandDef): void {
  table.commands.set(def.name, def);
}
