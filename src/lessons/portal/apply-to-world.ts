/**
 * Applies portal actions straight to the sim. Used only to build start worlds (sandbox control,
 * not part of Azure): a learner's own actions and "solve" go through ARM (arm-requests.ts) so they
 * are logged and authorized like any other call.
 */
import {
  attachUserAssigned,
  createRoleAssignment,
  createUserAssignedIdentity,
  deleteRoleAssignment,
  deleteUserAssignedIdentity,
  deleteVirtualMachine,
  detachUserAssigned,
  disableSystemAssigned,
  enableSystemAssigned,
  guid,
  rbac,
  type World,
} from '../../sim/index';
import type { PortalAction } from '../types';
import { resolvePortalAction } from './resolve-action';

export function applyPortalAction(world: World, action: PortalAction): { ok: true } | { ok: false; message: string } {
  const resolved = resolvePortalAction(world, action);
  if (!resolved.ok) return resolved;
  const a = resolved.action;
  const result = (() => {
    switch (a.kind) {
      case 'createIdentity':
        if (a.alreadyDone) return null;
        return createUserAssignedIdentity(world, { subscriptionId: a.subscriptionId, resourceGroup: a.resourceGroup, name: a.name, location: a.location });
      case 'systemAssigned':
        if (a.alreadyDone) return null;
        return a.enable ? enableSystemAssigned(world, a.vmId) : disableSystemAssigned(world, a.vmId);
      case 'userAssigned':
        if (a.alreadyDone) return null;
        return a.attach ? attachUserAssigned(world, a.identityId, a.vmId) : detachUserAssigned(world, a.identityId, a.vmId);
      case 'createAssignment':
        if (a.alreadyDone) return null;
        return createRoleAssignment(world, {
          name: guid(world.rng),
          scope: a.scope,
          roleDefinitionId: rbac.roleDefinitionId({ name: a.roleGuid }),
          principalId: a.principalId,
          principalType: 'ServicePrincipal',
        });
      case 'deleteAssignment':
        return a.assignmentName ? deleteRoleAssignment(world, a.assignmentName) : null;
      case 'deleteAssignments': {
        for (const { name } of a.assignments) {
          const r = deleteRoleAssignment(world, name);
          if (!r.ok) return r;
        }
        return null;
      }
      case 'deleteIdentity':
        return a.identityId ? deleteUserAssignedIdentity(world, a.identityId) : null;
      case 'deleteVm':
        return a.vmId ? deleteVirtualMachine(world, a.vmId) : null;
    }
  })();
  if (result && !result.ok) return { ok: false, message: `${result.error.code}: ${result.error.message}` };
  return { ok: true };
}
