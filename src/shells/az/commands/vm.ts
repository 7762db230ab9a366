/**
 * `az vm show | list` and `az vm identity show | assign | remove` (azure-cli
 * command_modules/vm/custom.py `assign_vm_identity`, `remove_vm_identity`, `_remove_identities`,
 * `_construct_identity_info`, `_build_identities_info`; _format.py `transform_vm_list`). Identity
 * changes are a PATCH of the VM's `identity`, as `patch_vm` sends.
 */
import type { AzContext } from '../cli/context';
import { AzCliError } from '../cli/errors';
import { API, armGet, armList, armRequest, subscriptionId } from '../cli/arm';
import { addCommand, addGroup, type ArgValues, type CommandLoader } from '../cli/types';
import { groupPath, OPTIONAL_RESOURCE_GROUP, RESOURCE_GROUP } from './common';

const MSI_LOCAL_ID = '[system]';
const VM_NAME = { dest: 'name', options: ['--name', '-n'], required: true, help: "The name of the Virtual Machine. You can configure the default using `az configure --defaults vm=<name>`." } as const;

type Vm = { identity?: { type?: string; principalId?: string; userAssignedIdentities?: Record<string, { principalId: string; clientId: string }> | null } | null } & Record<string, unknown>;

async function vmPath(ctx: AzContext, a: ArgValues): Promise<string> {
  return `${await groupPath(ctx, String(a.resource_group))}/providers/Microsoft.Compute/virtualMachines/${encodeURIComponent(String(a.name))}`;
}

/** A bare identity name is taken from the VM's resource group (vm/_validators.py `_get_resource_id`). */
async function identityIds(ctx: AzContext, resourceGroup: string, names: readonly string[]): Promise<string[]> {
  const sub = await subscriptionId(ctx);
  return names.map((n) =>
    n === MSI_LOCAL_ID || n.startsWith('/') ? n : `/subscriptions/${sub}/resourceGroups/${resourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${n}`,
  );
}

async function assign(ctx: AzContext, a: ArgValues): Promise<unknown> {
  const requested = Array.isArray(a.identities) ? a.identities : [];
  const identities = await identityIds(ctx, String(a.resource_group), requested);
  const external = identities.filter((i) => i !== MSI_LOCAL_ID);
  const local = requested.length === 0 || identities.includes(MSI_LOCAL_ID);
  const path = await vmPath(ctx, a);
  const vm = (await armGet(ctx, path, API.compute)) as Vm;
  const current = vm.identity?.type ?? 'None';
  const type =
    current === 'SystemAssigned, UserAssigned' || (current === 'SystemAssigned' && external.length) || (current === 'UserAssigned' && local) || (external.length && local)
      ? 'SystemAssigned, UserAssigned'
      : external.length
        ? 'UserAssigned'
        : 'SystemAssigned';
  const identity: Record<string, unknown> = { type };
  if (external.length) identity.userAssignedIdentities = Object.fromEntries(external.map((e) => [e, {}]));
  await armRequest(ctx, { method: 'PATCH', path, apiVersion: API.compute, body: { identity } });
  const after = (await armGet(ctx, path, API.compute)) as Vm;
  const info: Record<string, unknown> = {};
  if (typeof a.scope === 'string') {
    info.scope = a.scope;
    info.role = typeof a.role === 'string' ? a.role : 'Contributor';
  }
  info.userAssignedIdentities = after.identity?.userAssignedIdentities ?? {};
  info.systemAssignedIdentity = after.identity?.principalId ?? '';
  return info;
}

async function remove(ctx: AzContext, a: ArgValues): Promise<unknown> {
  const requested = Array.isArray(a.identities) ? [...a.identities] : [MSI_LOCAL_ID];
  const removeSystem = requested.includes(MSI_LOCAL_ID);
  const named = await identityIds(ctx, String(a.resource_group), requested.filter((i) => i !== MSI_LOCAL_ID));
  const path = await vmPath(ctx, a);
  const vm = (await armGet(ctx, path, API.compute)) as Vm;
  if (!vm.identity) return null;
  let type = vm.identity.type ?? 'None';
  const toRemove = new Set(named.map((x) => x.toLowerCase()));
  if (toRemove.size) {
    const existing = new Set(Object.keys(vm.identity.userAssignedIdentities ?? {}).map((x) => x.toLowerCase()));
    const missing = [...toRemove].filter((x) => !existing.has(x));
    if (missing.length) throw new AzCliError(`'${missing.join(',')}' are not associated with '${String(a.name)}'`);
    if ([...existing].every((x) => toRemove.has(x))) {
      if (type === 'UserAssigned') type = 'None';
      else if (type === 'SystemAssigned, UserAssigned') type = 'SystemAssigned';
    }
  }
  if (removeSystem) type = type === 'SystemAssigned' ? 'None' : 'UserAssigned';
  const identity: Record<string, unknown> = { type };
  if (toRemove.size && type !== 'None' && type !== 'SystemAssigned') identity.userAssignedIdentities = Object.fromEntries([...toRemove].map((x) => [x, null]));
  const { body } = await armRequest(ctx, { method: 'PATCH', path, apiVersion: API.compute, body: { identity } });
  return (body as Vm | null)?.identity ?? null;
}

export const loadVm: CommandLoader = (t) => {
  addGroup(t, 'vm', 'Manage Linux or Windows virtual machines.');
  addGroup(t, 'vm identity', 'Manage service identities of a VM.');
  addCommand(t, {
    name: 'vm show',
    summary: 'Get the details of a VM.',
    args: [RESOURCE_GROUP, VM_NAME],
    examples: [{ summary: "Show information about a VM.", command: 'az vm show -g MyResourceGroup -n MyVm' }],
    run: async (ctx, a) => armGet(ctx, await vmPath(ctx, a), API.compute),
  });
  addCommand(t, {
    name: 'vm list',
    summary: 'List details of Virtual Machines.',
    args: [OPTIONAL_RESOURCE_GROUP],
    tableTransform: (result) =>
      (result as Record<string, unknown>[]).map((r) => ({ Name: r.name, ResourceGroup: r.resourceGroup, Location: r.location, Zones: Array.isArray(r.zones) ? r.zones.join(',') : '' })),
    run: async (ctx, a) => {
      const base = typeof a.resource_group === 'string' ? await groupPath(ctx, a.resource_group) : `/subscriptions/${await subscriptionId(ctx)}`;
      return armList(ctx, `${base}/providers/Microsoft.Compute/virtualMachines`, API.compute);
    },
  });
  addCommand(t, {
    name: 'vm identity show',
    summary: "Display VM's managed identity info.",
    args: [RESOURCE_GROUP, VM_NAME],
    // The SDK's VirtualMachineIdentity model: userAssignedIdentities is None when ARM omits it (C-thm capture).
    run: async (ctx, a) => {
      const identity = ((await armGet(ctx, await vmPath(ctx, a), API.compute)) as Vm).identity;
      return identity ? { userAssignedIdentities: null, ...identity } : null;
    },
  });
  addCommand(t, {
    name: 'vm identity assign',
    summary: 'Enable managed service identity on a VM.',
    long: 'This is required to authenticate and interact with other Azure services using bearer tokens.',
    args: [
      RESOURCE_GROUP,
      VM_NAME,
      { dest: 'identities', options: ['--identities'], many: true, help: "Space-separated identities to assign. Use '[system]' to refer to the system assigned identity. Default: '[system]'." },
      { dest: 'role', options: ['--role'], help: 'Role name or id the system assigned identity will have.' },
      { dest: 'scope', options: ['--scope'], help: 'Scope that the system assigned identity can access.' },
    ],
    examples: [
      { summary: "Enable the system assigned identity on a VM with the 'Reader' role.", command: 'az vm identity assign -g MyResourceGroup -n MyVm --role Reader --scope /subscriptions/db5eb68e-73e2-4fa8-b18a-0123456789999/resourceGroups/MyResourceGroup' },
      { summary: 'Enable the system assigned identity and a user assigned identity on a VM.', command: 'az vm identity assign -g MyResourceGroup -n MyVm --role Reader --identities [system] myAssignedId' },
    ],
    run: assign,
  });
  addCommand(t, {
    name: 'vm identity remove',
    summary: 'Remove managed service identities from a VM.',
    args: [
      RESOURCE_GROUP,
      VM_NAME,
      { dest: 'identities', options: ['--identities'], many: true, help: "Space-separated identities to remove. Use '[system]' to refer to the system assigned identity. Default: '[system]'." },
    ],
    examples: [
      { summary: 'Remove the system assigned identity', command: 'az vm identity remove -g MyResourceGroup -n MyVm' },
      { summary: 'Remove a user assigned identity', command: 'az vm identity remove -g MyResourceGroup -n MyVm --identities readerId' },
    ],
    run: remove,
  });
};
