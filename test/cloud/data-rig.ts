/** A data-preset rig: myLinuxVM's identity on, and a way to grant it roles without going through ARM. */
import { createRoleAssignment, dataWorld, enableSystemAssigned, guid } from '../../src/sim/index';
import { rig, type Rig } from './harness';

export const ROLE = {
  secretsUser: '4633458b-17de-408a-b874-0445c86b69e6',
  secretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  blobReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  blobContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
};

export function dataRig(): Rig & { principalId: string; clientId: string; vaultId: string; accountId: string } {
  const d = dataWorld();
  enableSystemAssigned(d.world, d.linuxVmId);
  const r = rig({ world: d });
  const sp = Object.values(r.world.data.servicePrincipals)[0]!;
  return { ...r, principalId: sp.objectId, clientId: sp.appId, vaultId: d.keyVaultId, accountId: d.storageAccountId };
}

export function grant(r: Rig & { principalId: string }, scope: string, role: string) {
  const made = createRoleAssignment(r.world, {
    name: guid(r.world.rng),
    scope,
    roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${role}`,
    principalId: r.principalId,
    principalType: 'ServicePrincipal',
  });
  if (!made.ok) throw new Error(made.error.message);
}

