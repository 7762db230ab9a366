/**
 * The identity view's model: VMs → their identities (principal id, client id, lifecycle state from
 * the identity machines) → each identity's role assignments (role, scope, the assignment machine's
 * state). User-assigned identities attached to no VM, and identities a VM used to have (soft-deleted,
 * their assignments orphaned), are kept so the view shows what the portal shows as "Identity not
 * found".
 */
import {
  assignmentState,
  attachmentsOf,
  findRoleDefinition,
  systemAssignedState,
  userAssignedState,
  type World,
} from '../../sim/index';
import type { AssignmentState } from '../../sim/index';
import { scopeLabel } from './names';

export interface AssignmentNode {
  name: string;
  roleName: string;
  scope: string;
  scopePhrase: string;
  state: AssignmentState;
}

export interface IdentityNode {
  key: string;
  kind: 'SystemAssigned' | 'UserAssigned';
  name: string;
  resourceId: string;
  principalId: string | null;
  clientId: string | null;
  /** Machine state: system-assigned on/off, user-assigned attached/detached/deleted, or softDeleted for a retired principal. */
  state: 'on' | 'off' | 'removed' | 'attached' | 'detached' | 'deleted' | 'softDeleted';
  assignments: AssignmentNode[];
}

export interface VmNode {
  id: string;
  name: string;
  vmId: string;
  osType: string;
  identities: IdentityNode[];
}

export interface IdentityGraph {
  vms: VmNode[];
  /** User-assigned identities attached to no VM. */
  unattached: IdentityNode[];
  /** Counts for the polite announcement when something changes. */
  totals: { vms: number; identities: number; assignments: number };
}

function assignmentsOf(world: World, principalId: string | null): AssignmentNode[] {
  if (!principalId) return [];
  const id = principalId.toLowerCase();
  return Object.values(world.data.roleAssignments)
    .filter((a) => a.principalId.toLowerCase() === id)
    .map((a) => ({
      name: a.name,
      roleName: findRoleDefinition(world, a.roleDefinitionId)?.roleName ?? `Unknown role ${a.roleDefinitionId.split('/').pop()}`,
      scope: a.scope,
      scopePhrase: scopeLabel(world, a.scope).phrase,
      state: assignmentState(world, a),
    }))
    .sort((x, y) => x.scope.length - y.scope.length || x.roleName.localeCompare(y.roleName));
}

export function identityGraph(world: World): IdentityGraph {
  const uaiNode = (id: string): IdentityNode => {
    const uai = world.data.userAssignedIdentities[id.toLowerCase()];
    const principalId = uai?.properties.principalId ?? null;
    return {
      key: `ua:${id.toLowerCase()}`,
      kind: 'UserAssigned',
      name: uai?.name ?? id.split('/').pop() ?? id,
      resourceId: uai?.id ?? id,
      principalId,
      clientId: uai?.properties.clientId ?? null,
      state: userAssignedState(world, id),
      assignments: assignmentsOf(world, principalId),
    };
  };

  const attached = new Set<string>();
  const vms: VmNode[] = Object.values(world.data.virtualMachines)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((vm) => {
      const identities: IdentityNode[] = [];
      const state = systemAssignedState(world, vm.id);
      const sysPrincipal = vm.identity?.principalId ?? null;
      const sp = sysPrincipal ? world.data.servicePrincipals[sysPrincipal.toLowerCase()] : undefined;
      identities.push({
        key: `sa:${vm.id.toLowerCase()}`,
        kind: 'SystemAssigned',
        name: `${vm.name} (system assigned)`,
        resourceId: vm.id,
        principalId: state === 'on' ? sysPrincipal : null,
        clientId: state === 'on' ? (sp?.appId ?? null) : null,
        state,
        assignments: state === 'on' ? assignmentsOf(world, sysPrincipal) : [],
      });
      // Principals this VM had before (identity turned off): their assignments linger as orphans.
      for (const old of Object.values(world.data.servicePrincipals)) {
        if (old.identityType !== 'SystemAssigned' || old.deletedAt === null) continue;
        if (old.managedIdentityResourceId.toLowerCase() !== vm.id.toLowerCase()) continue;
        const orphans = assignmentsOf(world, old.objectId);
        if (!orphans.length) continue;
        identities.push({
          key: `old:${old.objectId}`,
          kind: 'SystemAssigned',
          name: `${vm.name} (earlier system-assigned identity, deleted)`,
          resourceId: vm.id,
          principalId: old.objectId,
          clientId: old.appId,
          state: 'softDeleted',
          assignments: orphans,
        });
      }
      for (const uaiId of Object.keys(vm.identity?.userAssignedIdentities ?? {})) {
        attached.add(uaiId.toLowerCase());
        identities.push(uaiNode(uaiId));
      }
      return { id: vm.id, name: vm.name, vmId: vm.properties.vmId, osType: vm.properties.storageProfile.osDisk.osType, identities };
    });

  const unattached = Object.values(world.data.userAssignedIdentities)
    .filter((u) => !attached.has(u.id.toLowerCase()) && attachmentsOf(world, u.id).length === 0)
    .map((u) => uaiNode(u.id));

  const all = [...vms.flatMap((v) => v.identities), ...unattached];
  return {
    vms,
    unattached,
    totals: {
      vms: vms.length,
      identities: all.filter((i) => i.principalId !== null).length,
      assignments: all.reduce((n, i) => n + i.assignments.length, 0),
    },
  };
}
