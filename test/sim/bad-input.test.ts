import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as sim from '../../src/sim/index';

/**
 * Operations get their input from URLs and request bodies. Whatever arrives, they answer with a
 * Result (ok or a named error), never a throw, and a failed call leaves the world unchanged.
 */
type Op = (world: sim.World, q: sim.UserAssignedWorld, a: unknown, b: unknown) => unknown;

const ops: Record<string, Op> = {
  createResourceGroup: (w, q, a, b) => sim.createResourceGroup(w, { subscriptionId: q.subscriptionId, name: a, location: b } as never),
  createResourceGroupAny: (w, _q, a) => sim.createResourceGroup(w, a as never),
  getResourceGroup: (w, _q, a, b) => sim.getResourceGroup(w, a as never, b as never),
  deleteResourceGroup: (w, _q, a, b) => sim.deleteResourceGroup(w, a as never, b as never),
  createVirtualMachine: (w, _q, a) => sim.createVirtualMachine(w, a as never),
  getVirtualMachine: (w, _q, a) => sim.getVirtualMachine(w, a as never),
  deleteVirtualMachine: (w, _q, a) => sim.deleteVirtualMachine(w, a as never),
  enableSystemAssigned: (w, _q, a) => sim.enableSystemAssigned(w, a as never),
  patchVmIdentity: (w, q, a) => sim.patchVmIdentity(w, q.linuxVmId, a as never),
  patchVmIdentityAny: (w, _q, a, b) => sim.patchVmIdentity(w, a as never, b as never),
  createUserAssignedIdentity: (w, _q, a) => sim.createUserAssignedIdentity(w, a as never),
  attachUserAssigned: (w, q, a) => sim.attachUserAssigned(w, q.identityId, a as never),
  deleteUserAssignedIdentity: (w, _q, a) => sim.deleteUserAssignedIdentity(w, a as never),
  createRoleAssignment: (w, _q, a) => sim.createRoleAssignment(w, a as never),
  createRoleAssignmentFields: (w, q, a, b) =>
    sim.createRoleAssignment(w, { name: '12345678-1234-4234-8234-123456789012', scope: q.resourceGroupId, roleDefinitionId: a, principalId: q.adminObjectId, principalType: b } as never),
  deleteRoleAssignment: (w, _q, a) => sim.deleteRoleAssignment(w, a as never),
  listRoleAssignments: (w, _q, a) => sim.listRoleAssignments(w, a as never),
  addDenyAssignment: (w, _q, a) => sim.addDenyAssignment(w, a),
  createCustomRole: (w, _q, a) => sim.createCustomRole(w, a as never),
  deleteCustomRole: (w, _q, a) => sim.deleteCustomRole(w, a as never),
  createGroup: (w, _q, a) => sim.createGroup(w, a as never),
  addGroupMember: (w, _q, a, b) => sim.addGroupMember(w, a as never, b as never),
  createUser: (w, _q, a) => sim.createUser(w, a as never),
  createStorageAccount: (w, _q, a) => sim.createStorageAccount(w, a as never),
  createContainer: (w, _q, a, b) => sim.createContainer(w, a as never, b as never),
  putBlob: (w, _q, a) => sim.putBlob(w, a as never),
  getBlob: (w, _q, a, b) => sim.getBlob(w, a as never, b as never, a as never),
  createKeyVault: (w, _q, a) => sim.createKeyVault(w, a as never),
  setSecret: (w, _q, a) => sim.setSecret(w, a as never),
  getSecret: (w, _q, a) => sim.getSecret(w, a as never),
  resolveVmIdentity: (w, _q, a, b) => sim.resolveVmIdentity(w, a as never, b as never),
  setFaultPlan: (w, _q, a) => sim.setFaultPlan(w, a),
  setPropagationDelay: (w, _q, a) => sim.setPropagationDelay(w, a as never),
  advanceClock: (w, _q, a) => sim.advanceClock(w, a as never),
  tryEvaluate: (w, _q, a) => sim.tryEvaluate(w, a as never),
  imdsFaultFor: (w, _q, a, b) => sim.imdsFaultFor(w, a as never, b as never),
  createWorld: (_w, _q, a) => sim.createWorld(a as never),
};

const input = fc.oneof(
  fc.anything(),
  fc.string(),
  fc.constantFrom('', '/', '//', '__proto__', 'constructor', 'myResourceGroup', 'SystemAssigned', 'None'),
  fc.record({ type: fc.string(), userAssignedIdentities: fc.dictionary(fc.string(), fc.oneof(fc.constant(null), fc.object())) }, { requiredKeys: [] }),
);

describe('operations never throw on bad input', () => {
  it.each(Object.keys(ops))('%s', (name) => {
    const op = ops[name]!;
    fc.assert(
      fc.property(input, input, (a, b) => {
        const q = sim.userAssignedWorld();
        const before = JSON.stringify(q.world.data);
        const r = op(q.world, q, a, b) as { ok?: boolean; error?: { code: unknown; message: unknown } } | null;
        if (r && typeof r === 'object' && r.ok === false) {
          expect(typeof r.error?.code).toBe('string');
          expect(typeof r.error?.message).toBe('string');
          expect(JSON.stringify(q.world.data)).toBe(before);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('token operations never throw on bad input', () => {
  const asyncOps: Record<string, (q: sim.UserAssignedWorld, a: unknown, b: unknown) => Promise<unknown>> = {
    requestImdsToken: (q, a, b) => sim.requestImdsToken(q.world, { vm: q.linuxVmId, resource: a, clientId: b } as never),
    requestImdsTokenAny: (q, a) => sim.requestImdsToken(q.world, { vm: a, resource: 'https://management.azure.com/' } as never),
    issueUserToken: (q, a, b) => sim.issueUserToken(q.world, { user: a, resource: b } as never),
    issueUserTokenClient: (q, a) => sim.issueUserToken(q.world, { user: q.adminUpn, resource: 'https://management.azure.com/', client: a } as never),
    validateToken: (q, a, b) => sim.validateToken(q.world, a as never, { audiences: Array.isArray(b) ? (b as string[]) : undefined }),
  };
  it.each(Object.keys(asyncOps))('%s', async (name) => {
    await fc.assert(
      fc.asyncProperty(input, input, async (a, b) => {
        const q = sim.userAssignedWorld();
        const r = (await asyncOps[name]!(q, a, b)) as { ok: boolean; error?: { code: unknown }; reason?: unknown };
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(typeof (r.error?.code ?? r.reason)).toBe('string');
      }),
      { numRuns: 40 },
    );
  });
});
