/** The free sandbox's preset worlds, in menu order, with what each one starts with. */
import type { PresetName } from '../../sim/index';

export const SANDBOX_PRESETS = ['quickstart', 'empty', 'user-assigned', 'data'] as const satisfies readonly PresetName[];
export type SandboxPreset = (typeof SANDBOX_PRESETS)[number];

export const PRESET_DESCRIPTIONS: Record<SandboxPreset, string> = {
  quickstart: 'myResourceGroup with myLinuxVM and myWindowsVM, identities off; you are Owner of the subscription.',
  empty: 'A subscription you own and nothing else.',
  'user-assigned': 'The quickstart plus myUserAssignedIdentity attached to both VMs, and myLinuxVM’s system-assigned identity on.',
  data: 'The quickstart plus a storage account with a container and a blob, and a key vault (RBAC mode) with a secret.',
};
