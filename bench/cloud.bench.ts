/**
 * Router round trips (issue 4 budgets, both ≤ 1 ms median in Node):
 * - `imds.token.median_ms`: an IMDS token request through the router with `bypass_cache=true`, so
 *   every iteration mints and RS256-signs a new token;
 * - `arm.rg_get.10k.median_ms`: a managed identity's RBAC-checked resource-group GET with 10,000
 *   role assignments in the world.
 */
import { expect, test } from 'vitest';
import { createRouter } from '../src/cloud/router';
import {
  createResourceGroup,
  createRoleAssignment,
  defaultFaultPlan,
  enableSystemAssigned,
  guid,
  quickstartWorld,
  setFaultPlan,
} from '../src/sim/index';
import type { RoleAssignment } from '../src/sim/rbac/index';
import { measure, record } from './harness';

const READER = '/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7';
const ROLES = ['acdd72a7-3385-48ef-bd42-f606fba81ae7', 'b24988ac-6180-42a0-ab88-20f7382dd24c', '9980e02c-c2be-4d73-94e8-173b1dc7cf3c', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'];

function setup() {
  const q = quickstartWorld();
  const on = enableSystemAssigned(q.world, q.linuxVmId);
  if (!on.ok) throw new Error(on.error.message);
  // The bench fires thousands of requests inside one frozen simulated second.
  setFaultPlan(q.world, { ...defaultFaultPlan(), rateLimit: { enabled: false, perSecond: 20, concurrent: 5 } });
  const vmId = q.world.data.virtualMachines[q.linuxVmId.toLowerCase()]!.properties.vmId;
  const principalId = q.world.data.virtualMachines[q.linuxVmId.toLowerCase()]!.identity!.principalId!;
  return { ...q, router: createRouter(q.world, { wait: async () => {} }), from: { kind: 'vm' as const, vmId }, principalId };
}

test('imds.token round trip with signing', async () => {
  const s = setup();
  const url = 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fmanagement.azure.com%2F&bypass_cache=true';
  const once = async () => {
    const res = await s.router.fetch(new Request(url, { headers: { Metadata: 'true' } }), { from: s.from });
    if (res.status !== 200) throw new Error(`IMDS ${res.status}`);
    await res.text();
  };
  const m = await measure(once, { iterations: 2000, warmup: 200 });
  record('imds.token.median_ms', m.median);
  record('imds.token.p95_ms', m.p95);
  expect(m.median).toBeGreaterThan(0);
});

test('arm.rg_get with 10,000 role assignments', async () => {
  const s = setup();
  const w = s.world;
  const groups = Array.from({ length: 300 }, (_, i) => {
    const rg = createResourceGroup(w, { subscriptionId: s.subscriptionId, name: `rg-${i}`, location: 'eastus' });
    if (!rg.ok) throw new Error(rg.error.message);
    return rg.value.resourceGroup.id;
  });
  // The identity's own grant goes through the API (before the bulk data, which passes the 5,000 limit).
  const granted = createRoleAssignment(w, { name: guid(w.rng), scope: s.resourceGroupId, roleDefinitionId: READER, principalId: s.principalId, principalType: 'ServicePrincipal' });
  if (!granted.ok) throw new Error(granted.error.message);
  // Bench setup writes assignments straight into the data (creating 10,000 through the API checks
  // each against all others, and the per-subscription limit is 5,000); RBAC sees them after commit.
  const now = w.now();
  for (let i = 0; i < 10_000; i++) {
    const name = guid(w.rng);
    const scope = i % 10 === 0 ? `/subscriptions/${s.subscriptionId}` : i % 3 === 0 ? `${groups[i % groups.length]}/providers/Microsoft.Compute/virtualMachines/vm-${i % 7}` : groups[i % groups.length]!;
    const a: RoleAssignment = {
      name,
      scope,
      roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${ROLES[i % ROLES.length]}`,
      principalId: guid(w.rng),
      principalType: 'ServicePrincipal',
      createdOn: new Date(now).toISOString(),
      effectiveFrom: now,
      removedAt: null,
    };
    w.data.roleAssignments[name] = a;
  }
  w.commit([], { rbac: true });
  expect(Object.keys(w.data.roleAssignments).length).toBeGreaterThanOrEqual(10_000);

  const tokenRes = await s.router.fetch(
    new Request('http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/', { headers: { Metadata: 'true' } }),
    { from: s.from },
  );
  const token = ((await tokenRes.json()) as { access_token: string }).access_token;
  const url = `https://management.azure.com/subscriptions/${s.subscriptionId}/resourceGroups/myResourceGroup?api-version=2016-09-01`;
  const once = async () => {
    const res = await s.router.fetch(new Request(url, { headers: { Authorization: `Bearer ${token}` } }), { from: s.from });
    if (res.status !== 200) throw new Error(`ARM ${res.status}: ${await res.text()}`);
    await res.text();
  };
  const m = await measure(once, { iterations: 2000, warmup: 200 });
  record('arm.rg_get.10k.median_ms', m.median);
  record('arm.rg_get.10k.p95_ms', m.p95);
  expect(m.median).toBeGreaterThan(0);
});
