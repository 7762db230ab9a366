/**
 * The world-facing costs the HTTP layer pays per request: minting an IMDS token (RS256 sign),
 * serving one from the cache, validating a bearer token, and an RBAC decision through
 * `evaluate(world, …)` (index cached per revision) with 10,000 assignments in the world.
 */
import { expect, test } from 'vitest';
import {
  enableSystemAssigned,
  evaluate,
  quickstartWorld,
  rbac,
  requestImdsToken,
  serializeWorld,
  restoreWorld,
  validateToken,
  ARM_AUDIENCES,
} from '../src/sim/index';
import { measure, record } from './harness';

function worldWithIdentity() {
  const q = quickstartWorld();
  const on = enableSystemAssigned(q.world, q.linuxVmId);
  if (!on.ok) throw new Error(on.error.message);
  return { ...q, principal: on.value.identity!.principalId! };
}

test('token issue, cache hit and validation', async () => {
  const { world, linuxVmId } = worldWithIdentity();
  const warm = await requestImdsToken(world, { vm: linuxVmId, resource: 'https://management.azure.com/' });
  expect(warm.ok).toBe(true);

  const fresh = await measure(() => requestImdsToken(world, { vm: linuxVmId, resource: 'https://management.azure.com/', bypassCache: true }), { iterations: 300, warmup: 30 });
  record('sim.token.issue.median_ms', fresh.median);

  const cached = await measure(() => requestImdsToken(world, { vm: linuxVmId, resource: 'https://management.azure.com/' }), { iterations: 2000, warmup: 200 });
  record('sim.token.cached.median_ms', cached.median);

  if (!warm.ok) return;
  const jwt = warm.value.record.jwt;
  const check = await measure(() => validateToken(world, jwt, { audiences: ARM_AUDIENCES }), { iterations: 2000, warmup: 200 });
  record('sim.token.validate.median_ms', check.median);
});

test('evaluate(world, …) with 10,000 assignments', async () => {
  const { world, principal, subscriptionId, resourceGroupId } = worldWithIdentity();
  const reader = `/providers/Microsoft.Authorization/roleDefinitions/${rbac.BUILT_IN_ROLE_IDS.reader}`;
  // Bulk-load directly: 10,000 API creates would measure the create path, not decisions.
  for (let i = 0; i < 10_000; i++) {
    const name = `${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
    world.data.roleAssignments[name] = {
      name,
      scope: `/subscriptions/${subscriptionId}/resourceGroups/rg${i % 500}`,
      roleDefinitionId: reader,
      principalId: `${(i % 2000).toString(16).padStart(8, '0')}-1111-4111-8111-111111111111`,
      principalType: 'ServicePrincipal',
      createdOn: '2026-01-15T09:00:00.000Z',
      effectiveFrom: 0,
      removedAt: null,
    };
  }
  world.commit([], { rbac: true });
  const req = { principal, action: 'Microsoft.Resources/subscriptions/resourceGroups/read', isDataAction: false, scope: resourceGroupId };
  expect(evaluate(world, req).allowed).toBe(false);
  const m = await measure(() => evaluate(world, req), { iterations: 5000, warmup: 500 });
  record('sim.evaluate.10k.median_us', m.median * 1000);
});

test('snapshot and restore of the quickstart world', async () => {
  const { world } = worldWithIdentity();
  const json = serializeWorld(world);
  const s = await measure(() => serializeWorld(world), { iterations: 300, warmup: 30 });
  record('sim.snapshot.quickstart.median_ms', s.median);
  const r = await measure(() => restoreWorld(json), { iterations: 300, warmup: 30 });
  record('sim.restore.quickstart.median_ms', r.median);
});
