/**
 * Real exchanges for the inspector tests: each scenario drives the router the way a VM's curl or
 * the portal would, so the log entries (and their RBAC traces) are the ones the panels will see.
 */
import { createRoleAssignment, DATA, dataWorld, enableSystemAssigned, guid, rbac, type World } from '../../../src/sim/index';
import type { RequestLogEntry } from '../../../src/cloud/request-log';
import { adminToken, arm, miToken, rig, type Rig } from '../harness';

export interface Scenario extends Rig {
  principalId: string;
  /** The newest log entry. */
  last(): RequestLogEntry;
}

export function scenario(opts: { data?: boolean } = {}): Scenario {
  const base = opts.data ? dataWorld() : undefined;
  const r = rig(base ? { world: base, systemAssigned: true } : { systemAssigned: true });
  const sp = Object.values(r.world.data.servicePrincipals).find((p) => p.deletedAt === null)!;
  return {
    ...r,
    principalId: sp.objectId,
    last: () => {
      const all = r.router.log.entries();
      return all[all.length - 1]!;
    },
  };
}

export const ROLE = rbac.BUILT_IN_ROLE_IDS;

export function grant(world: World, principalId: string, scope: string, role: string, principalType: 'ServicePrincipal' | 'User' = 'ServicePrincipal') {
  const made = createRoleAssignment(world, {
    name: guid(world.rng),
    scope,
    roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${role}`,
    principalId,
    principalType,
  });
  if (!made.ok) throw new Error(made.error.message);
  return made.value.assignment;
}

/** The quickstart's ARM GET of the resource group, as the Linux VM's identity. */
export async function getResourceGroup(s: Scenario) {
  const token = await miToken(s);
  return arm(s, 'GET', `/subscriptions/${s.subscriptionId}/resourceGroups/myResourceGroup`, { token, apiVersion: '2016-09-01' });
}

export async function readBlob(s: Scenario) {
  const token = await miToken(s, 'https://storage.azure.com/');
  const url = `https://${DATA.storageAccount}.blob.core.windows.net/${DATA.container}/${DATA.blob}`;
  return s.router.fetch(new Request(url, { headers: { Authorization: `Bearer ${token}`, 'x-ms-version': '2021-10-04' } }), { from: s.linuxVm });
}

export async function readSecret(s: Scenario) {
  const token = await miToken(s, 'https://vault.azure.net');
  const url = `https://${DATA.keyVault.toLowerCase()}.vault.azure.net/secrets/${DATA.secret}?api-version=7.4`;
  return s.router.fetch(new Request(url, { headers: { Authorization: `Bearer ${token}` } }), { from: s.linuxVm });
}

/** A role assignment PUT by the admin (Owner unless the scenario changed that). */
export async function adminAssigns(s: Scenario, scope: string, role: string) {
  const token = await adminToken(s);
  return arm(s, 'PUT', `${scope}/providers/Microsoft.Authorization/roleAssignments/${guid(s.world.rng)}`, {
    token,
    apiVersion: '2022-04-01',
    from: { kind: 'portal', userId: s.adminObjectId },
    body: { properties: { roleDefinitionId: `/subscriptions/${s.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${role}`, principalId: s.principalId, principalType: 'ServicePrincipal' } },
  });
}
