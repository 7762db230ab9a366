/**
 * How an Azure CLI command names things so it runs in someone else's subscription: by resource
 * group and name, with the id looked up by `az … show` when the command runs, never with this
 * sandbox's GUIDs. Also bash quoting, so every value printed is safe to paste.
 *
 * Flags used (checked against learn.microsoft.com/cli/azure and the azure-cli sources):
 * `az vm show|identity show|group show -g/-n`, `az resource show --resource-type`,
 * `az account show`, `az ad group show --group`, each with `--query … -o tsv`.
 */
import { armId } from '../../sim/index';

/** Characters bash never treats specially in a word (no globbing, expansion or splitting). */
const PLAIN = /^[A-Za-z0-9_.:/@%+=,-]+$/;
const isPlain = (value: string): boolean => PLAIN.test(value);

/** One bash word: bare when nothing in it is special, single-quoted otherwise. */
export function shq(value: string): string {
  return isPlain(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export type Flag = readonly [flag: string, value?: string];

const ONE_LINE_MAX = 100;

/** `az …` with its flags: one line when short, else a flag per line continued with `\`. */
export function azCommand(words: string, flags: readonly Flag[]): string {
  const parts = flags.map(([flag, value]) => (value === undefined ? flag : `${flag} ${value}`));
  const line = [words, ...parts].join(' ');
  return line.length <= ONE_LINE_MAX ? line : [words, ...parts].join(' \\\n  ');
}

/** A resource by resource group, type and name; `child` is the rest of the id below it (or ''). */
export interface ResourceRef {
  resourceGroup: string;
  /** `Microsoft.Compute/virtualMachines` */
  type: string;
  name: string;
  child: string;
}

const RESOURCE = /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/[^/]+\/[^/]+\/[^/]+)((?:\/[^/]+\/[^/]+)*)$/i;

/** A resource id (top-level or a child under one) as a reference; null for anything else. */
export function resourceRef(id: string): ResourceRef | null {
  const m = RESOURCE.exec(id);
  const top = m ? armId.parseResourceId(m[1]!) : null;
  if (!m || !top) return null;
  return { resourceGroup: top.resourceGroup, type: top.providerType, name: top.name, child: m[2] ?? '' };
}

const sameText = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** `az … show` for a top-level resource, printing one property. */
export function showCommand(ref: Pick<ResourceRef, 'resourceGroup' | 'type' | 'name'>, query: string): string {
  const at = `-g ${shq(ref.resourceGroup)} -n ${shq(ref.name)}`;
  if (sameText(ref.type, armId.VM_TYPE)) return `az vm show ${at} --query ${query} -o tsv`;
  if (sameText(ref.type, armId.UAI_TYPE)) return `az identity show ${at} --query ${query} -o tsv`;
  return `az resource show ${at} --resource-type ${shq(ref.type)} --query ${query} -o tsv`;
}

/** `"$(az … show …)"`: what the command prints, as one argument. */
export const lookup = (command: string): string => `"$(${command})"`;

/** The value for `--scope`: the root, a management group, the signed-in subscription, a group or a resource. */
export function scopeArg(scope: string): string | null {
  const s = scope.replace(/\/+$/, '');
  if (s === '') return '/';
  const mg = /^\/providers\/Microsoft\.Management\/managementGroups\/([^/]+)$/i.exec(s);
  if (mg) return shq(armId.managementGroupId(mg[1]!));
  if (/^\/subscriptions\/[^/]+$/i.test(s)) return '"/subscriptions/$(az account show --query id -o tsv)"';
  const rg = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)$/i.exec(s);
  if (rg) return lookup(`az group show -n ${shq(rg[1]!)} --query id -o tsv`);
  const ref = resourceRef(s);
  // A child (a blob container, a secret) is its parent's id plus the rest of the path, verbatim.
  if (!ref || (ref.child && !isPlain(ref.child))) return null;
  return `"$(${showCommand(ref, 'id')})${ref.child}"`;
}

/** A group's object id, looked up by its display name. */
export const groupObjectId = (displayName: string): string => lookup(`az ad group show --group ${shq(displayName)} --query id -o tsv`);
