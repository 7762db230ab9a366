/**
 * The side effects the portal's machines invoke, bound to one ARM client (and the directory, the
 * Graph stand-in, for users and groups). Machines declare them as placeholders; the blades
 * `provide` these, and tests provide fakes or these over a real router.
 */
import { fromPromise } from 'xstate';
import type { ArmClient } from './arm-client';
import type { RoleAssignmentResource, VirtualMachineResource } from './arm-types';
import type { AssignInput, PrefillChoices, PrefillChoicesInput } from './add-role-assignment.machine';
import { directoryMembers, managedIdentityMembers } from './member-candidates';
import type { PrincipalDirectory } from './principal-directory';
import { parseScope } from './scopes';
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

/**
 * What the wizard offers at a scope: its role definitions, and the members the Select members panel
 * would list for "Assign access to" (managed identities of the scope's subscription from ARM; users
 * and groups from the directory).
 */
export async function prefillChoices(client: ArmClient, directory: PrincipalDirectory, input: PrefillChoicesInput): Promise<PrefillChoices> {
  const roles = await client.listRoleDefinitions(input.scope);
  if (input.assignAccessTo === 'userGroupServicePrincipal') return { roles, members: directoryMembers(directory.searchUsersAndGroups('')) };
  const sub = parseScope(input.scope).subscriptionId ?? '';
  const [vms, identities] = await Promise.all([client.listVirtualMachines(sub), client.listUserAssignedIdentities(sub)]);
  return { roles, members: [...managedIdentityMembers('virtualMachine', vms, identities), ...managedIdentityMembers('userAssigned', vms, identities)] };
}

export function portalActors(client: ArmClient, directory: PrincipalDirectory) {
  return {
    saveIdentity: fromPromise<VirtualMachineResource, SaveInput>(({ input }) =>
      client.patchVirtualMachineIdentity(input.vmId, setSystemAssigned(input.facts, input.on)),
    ),
    createAssignments: fromPromise<RoleAssignmentResource[], AssignInput>(({ input }) => assignRole(client, input)),
    loadPrefillChoices: fromPromise<PrefillChoices, PrefillChoicesInput>(({ input }) => prefillChoices(client, directory, input)),
  };
}
