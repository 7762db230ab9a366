/**
 * Whatever sequence of operations runs, the world stays a valid snapshot: every reference
 * resolves (VM identities → active principals, attachments → existing identities, containers →
 * accounts…), so the integrity checks that guard restore also guard every operation.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as sim from '../../../src/sim/index';

type Ctx = sim.QuickstartWorld & { identities: string[] };

const vmOf = (c: Ctx, i: number) => [c.linuxVmId, c.windowsVmId][i % 2]!;
const uaOf = (c: Ctx, i: number) => c.identities[i % Math.max(1, c.identities.length)] ?? '';

const command = fc.oneof(
  fc.nat(1).map((i) => (c: Ctx) => sim.enableSystemAssigned(c.world, vmOf(c, i))),
  fc.nat(1).map((i) => (c: Ctx) => sim.disableSystemAssigned(c.world, vmOf(c, i))),
  fc.nat(3).map((i) => (c: Ctx) => {
    const r = sim.createUserAssignedIdentity(c.world, { subscriptionId: c.subscriptionId, resourceGroup: i % 2 ? 'myResourceGroup' : 'other', name: `id${i}`, location: 'eastus' });
    if (r.ok && !c.identities.includes(r.value.identity.id)) c.identities.push(r.value.identity.id);
    return r;
  }),
  fc.tuple(fc.nat(3), fc.nat(1)).map(([i, v]) => (c: Ctx) => sim.attachUserAssigned(c.world, uaOf(c, i), vmOf(c, v))),
  fc.tuple(fc.nat(3), fc.nat(1)).map(([i, v]) => (c: Ctx) => sim.detachUserAssigned(c.world, uaOf(c, i), vmOf(c, v))),
  fc.nat(3).map((i) => (c: Ctx) => sim.deleteUserAssignedIdentity(c.world, uaOf(c, i))),
  fc.tuple(fc.nat(1), fc.constantFrom('SystemAssigned', 'UserAssigned', 'SystemAssigned, UserAssigned', 'None'), fc.nat(3), fc.boolean()).map(
    ([v, type, i, remove]) =>
      (c: Ctx) =>
        sim.patchVmIdentity(c.world, vmOf(c, v), { type, ...(uaOf(c, i) ? { userAssignedIdentities: { [uaOf(c, i)]: remove ? null : {} } } : {}) }),
  ),
  fc.nat(1).map((i) => (c: Ctx) => sim.deleteVirtualMachine(c.world, vmOf(c, i))),
  fc.constantFrom('myResourceGroup', 'other').map((rg) => (c: Ctx) => sim.deleteResourceGroup(c.world, c.subscriptionId, rg)),
  fc.constant((c: Ctx) => sim.createResourceGroup(c.world, { subscriptionId: c.subscriptionId, name: 'other', location: 'eastus' })),
  fc.tuple(fc.nat(1), fc.nat(0xffff)).map(([v, n]) => (c: Ctx) => {
    const vm = c.world.data.virtualMachines[vmOf(c, v).toLowerCase()];
    const principal = vm?.identity?.principalId ?? c.adminObjectId;
    return sim.createRoleAssignment(c.world, {
      name: `${n.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
      scope: c.resourceGroupId,
      roleDefinitionId: sim.rbac.BUILT_IN_ROLE_IDS.reader,
      principalId: principal,
      principalType: principal === c.adminObjectId ? 'User' : 'ServicePrincipal',
    });
  }),
  fc.nat(20 * 60_000).map((ms) => (c: Ctx) => sim.advanceClock(c.world, ms)),
  fc.nat(600_000).map((ms) => (c: Ctx) => sim.setPropagationDelay(c.world, ms)),
);

describe('world invariants under random operation sequences', () => {
  it('every intermediate world is a valid snapshot and restores identically (property)', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 25 }), (commands) => {
        const q = sim.quickstartWorld();
        sim.createResourceGroup(q.world, { subscriptionId: q.subscriptionId, name: 'other', location: 'eastus' });
        const c: Ctx = { ...q, identities: [] };
        for (const run of commands) {
          const before = sim.serializeWorld(c.world);
          const r = run(c) as sim.Result<unknown>;
          if (!r.ok) expect(sim.serializeWorld(c.world)).toBe(before);
          const json = sim.serializeWorld(c.world);
          const loaded = sim.loadWorldData(json);
          if (!loaded.ok) throw new Error(`${loaded.error.message}`);
          const restored = sim.restoreWorld(json);
          expect(restored.ok && sim.serializeWorld(restored.value)).toBe(json);
        }
      }),
      { numRuns: 150 },
    );
  });
});
