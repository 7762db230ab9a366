/**
 * Performs a portal action the way the mini-portal does: through its ARM client, so a "solve"
 * changes the world exactly as the learner's clicks would — visible in the request log and
 * subject to RBAC. The host supplies the portal's fetch (the signed-in user's token added,
 * routed in-process).
 */
import { createArmClient, type ArmFetch } from '../../cloud/portal-client/arm-client';
import { toArmErrorInfo } from '../../cloud/portal-client/arm-error';
import { addUserAssigned, identityFacts, removeUserAssigned, setSystemAssigned } from '../../cloud/portal-client/vm-identity-changes';
import type { VmIdentity } from '../../cloud/portal-client/arm-types';
import { guid, type World } from '../../sim/index';
import type { PortalAction } from '../types';
import { resolvePortalAction } from './resolve-action';

export type { ArmFetch };

export async function performPortalAction(world: World, action: PortalAction, armFetch: ArmFetch): Promise<{ ok: true } | { ok: false; message: string }> {
  const resolved = resolvePortalAction(world, action);
  if (!resolved.ok) return resolved;
  const a = resolved.action;
  const client = createArmClient(armFetch);
  const identity = (vmId: string) => identityFacts(world.data.virtualMachines[vmId.toLowerCase()]?.identity as VmIdentity | undefined);
  try {
    switch (a.kind) {
      case 'createIdentity':
        if (!a.alreadyDone) await client.createUserAssignedIdentity({ subscriptionId: a.subscriptionId, resourceGroup: a.resourceGroup, name: a.name, location: a.location });
        break;
      case 'systemAssigned':
        if (!a.alreadyDone) await client.patchVirtualMachineIdentity(a.vmId, setSystemAssigned(identity(a.vmId), a.enable));
        break;
      case 'userAssigned':
        if (!a.alreadyDone) {
          const body = a.attach ? addUserAssigned(identity(a.vmId), [a.identityId]) : removeUserAssigned(identity(a.vmId), [a.identityId]);
          await client.patchVirtualMachineIdentity(a.vmId, body);
        }
        break;
      case 'createAssignment': {
        if (a.alreadyDone) break;
        const sub = /^\/subscriptions\/([^/]+)/i.exec(a.scope)?.[1] ?? Object.values(world.data.subscriptions)[0]?.subscriptionId ?? '';
        await client.createRoleAssignment({
          scope: a.scope,
          roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${a.roleGuid}`,
          principalId: a.principalId,
          principalType: 'ServicePrincipal',
          // From the world's seeded generator, so a replay gives the same ids every run.
          name: guid(world.rng),
        });
        break;
      }
      case 'deleteAssignment':
        if (a.assignmentName) await client.deleteRoleAssignment(`${a.scope}/providers/Microsoft.Authorization/roleAssignments/${a.assignmentName}`);
        break;
      case 'deleteAssignments':
        // The portal's Remove sends one DELETE per selected row.
        for (const { scope, name } of a.assignments) await client.deleteRoleAssignment(`${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`);
        break;
      case 'deleteIdentity':
        if (a.identityId) await client.deleteUserAssignedIdentity(a.identityId);
        break;
      case 'deleteVm':
        if (a.vmId) await client.deleteVirtualMachine(a.vmId);
        break;
    }
  } catch (e) {
    const info = toArmErrorInfo(e);
    return { ok: false, message: `${info.code}: ${info.message}` };
  }
  return { ok: true };
}
