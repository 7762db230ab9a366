/**
 * Which language the Real commands panel shows first, and how it talks about each. A learner on a
 * Windows VM works in PowerShell (the Windows lessons, the official quickstarts' Azure PowerShell
 * tab), so Azure PowerShell comes first there; anywhere else, the Azure CLI in bash.
 *
 * "The VM the learner is working with" is read from the request log, which every page has: the
 * newest request made from a VM's shell, or the newest portal request about one VM (opening its
 * blade, changing its identity, its access control).
 */
import { findVm, type World } from '../../sim/index';
import type { RequestLogEntry } from '../request-log';

export type CommandLanguage = 'bash' | 'powershell';

export interface CommandLanguageInfo {
  /** The choice's label. */
  label: string;
  /** Where to run the commands, and how to sign in and pick the subscription first. */
  cloudShell: string;
  localShell: string;
  signIn: string;
  selectSubscription: string;
}

export const COMMAND_LANGUAGES: Record<CommandLanguage, CommandLanguageInfo> = {
  bash: {
    label: 'Azure CLI',
    cloudShell: 'Azure Cloud Shell (Bash)',
    localShell: 'any bash',
    signIn: 'az login',
    selectSubscription: 'az account set --subscription <name>',
  },
  powershell: {
    label: 'Azure PowerShell',
    cloudShell: 'Azure Cloud Shell (PowerShell)',
    localShell: 'any PowerShell with the Az module',
    signIn: 'Connect-AzAccount',
    selectSubscription: 'Set-AzContext -Subscription <name>',
  },
};

export const LANGUAGE_ORDER: readonly CommandLanguage[] = ['bash', 'powershell'];

/** A VM, or anything under one (its IAM, its extensions), in an ARM URL's path. */
const VM_IN_PATH = /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Compute\/virtualMachines\/[^/?]+)(?:\/|$)/i;

function vmIdOf(entry: RequestLogEntry): string | null {
  if (entry.caller.kind === 'vm') return entry.caller.vmId;
  if (entry.caller.kind !== 'portal' || entry.service !== 'arm') return null;
  try {
    return VM_IN_PATH.exec(decodeURIComponent(new URL(entry.request.url).pathname))?.[1] ?? null;
  } catch {
    return null;
  }
}

/** Azure PowerShell when the VM the learner last worked with runs Windows, else the Azure CLI. */
export function preferredLanguage(world: World, entries: readonly RequestLogEntry[]): CommandLanguage {
  for (let i = entries.length - 1; i >= 0; i--) {
    const vmId = vmIdOf(entries[i]!);
    const vm = vmId ? findVm(world, vmId) : null;
    if (vm) return vm.properties.storageProfile.osDisk.osType === 'Windows' ? 'powershell' : 'bash';
  }
  return 'bash';
}
