/**
 * The side effects the portal's machines invoke, bound to one ARM client. Machines declare them as
 * placeholders; the blades `provide` these, and tests provide fakes or these over a real router.
 */
import { fromPromise } from 'xstate';
import type { ArmClient } from './arm-client';
import type { RoleAssignmentResource, VirtualMachineResource } from './arm-types';
import type { AssignInput } from './add-role-assignment.machine';
import type { SaveInput } from './system-assigned-tab.machine';
import { setSystemAssigned } from './vm-identity-changes';

/** One PUT per member, in order; the first failure stops the rest and rejects with ARM's error. */
export async function assignRole(client: ArmClient, input: AssignInput): Promise<RoleAssignmentResource[]> {
  const created: RoleAssignmentResource[] = [];
  for (const member of input.members) {
    created.push(
      await client.createRoleAssignment({
        scope: input.scope,
        roleDefinitionId: input.role.id,
        principalId: member.objectId,
        principalType: member.principalType,
        ...(input.description ? { description: input.description } : {}),
      }),
    );
  }
  return created;
}

export function portalActors(client: ArmClient) {
  return {
    saveIdentity: fromPromise<VirtualMachineResource, SaveInput>(({ input }) =>
      client.patchVirtualMachineIdentity(input.vmId, setSystemAssigned(input.facts, input.on)),
    ),
    createAssignments: fromPromise<RoleAssignmentResource[], AssignInput>(({ input }) => assignRole(client, input)),
  };
}
