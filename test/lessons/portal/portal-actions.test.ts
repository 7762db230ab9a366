import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../src/cloud/router.ts';
import { applyPortalAction } from '../../../src/lessons/portal/apply-to-world.ts';
import { performPortalAction } from '../../../src/lessons/portal/perform-via-arm.ts';
import { createUser, issueUserToken, quickstartWorld, type World } from '../../../src/sim/index.ts';
import { evaluateCheck } from '../../../src/lessons/checks/index.ts';
import { ctx } from '../checks/world-fixtures.ts';
import type { PortalAction } from '../../../src/lessons/types.ts';

function armAs(world: World, upn: string) {
  const router = createRouter(world, { wait: async () => {} });
  const fetch = async (request: Request) => {
    const t = await issueUserToken(world, { user: upn, resource: 'https://management.azure.com/' });
    if (!t.ok) throw new Error(t.error.message);
    const headers = new Headers(request.headers);
    headers.set('authorization', `Bearer ${t.value.record.jwt}`);
    return router.fetch(new Request(request, { headers }), { from: { kind: 'portal' } });
  };
  return { router, fetch };
}

const enable: PortalAction = { portal: 'enableSystemAssigned', vm: 'myLinuxVM' };
const grant: PortalAction = { portal: 'assignRole', role: 'Reader', scope: 'resourceGroup:myResourceGroup', principal: 'vm:myLinuxVM' };
const revoke: PortalAction = { portal: 'removeRoleAssignment', role: 'Reader', scope: 'resourceGroup:myResourceGroup', principal: 'vm:myLinuxVM' };
const roleCheck = { type: 'roleAssigned', role: 'Reader', scope: 'resourceGroup:myResourceGroup', principal: 'vm:myLinuxVM' } as const;

describe('portal actions through ARM', () => {
  it('enable, grant and remove go through the router as the portal user, and are logged', async () => {
    const q = quickstartWorld();
    const { router, fetch } = armAs(q.world, q.adminUpn);
    expect(await performPortalAction(q.world, enable, fetch)).toEqual({ ok: true });
    expect(await performPortalAction(q.world, grant, fetch)).toEqual({ ok: true });
    expect(evaluateCheck(roleCheck, ctx(q)).passed).toBe(true);
    // Doing it again is a no-op, as clicking Save on an unchanged blade is.
    const logged = router.log.size;
    expect(await performPortalAction(q.world, grant, fetch)).toEqual({ ok: true });
    expect(router.log.size).toBe(logged);
    expect(await performPortalAction(q.world, revoke, fetch)).toEqual({ ok: true });
    expect(evaluateCheck(roleCheck, ctx(q)).passed).toBe(false);
    expect(router.log.entries().map((e) => [e.request.method, e.response?.status])).toEqual([
      ['PATCH', 200],
      ['PUT', 201],
      ['DELETE', 200],
    ]);
  });

  it('a user without rights gets ARM\'s error, and the world is unchanged', async () => {
    const q = quickstartWorld();
    const user = createUser(q.world, { userPrincipalName: 'intern@contoso.onmicrosoft.com', displayName: 'Intern' });
    if (!user.ok) throw new Error(user.error.message);
    const { fetch } = armAs(q.world, 'intern@contoso.onmicrosoft.com');
    const r = await performPortalAction(q.world, enable, fetch);
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/^AuthorizationFailed: The client 'intern@contoso\.onmicrosoft\.com'/) });
    expect(evaluateCheck({ type: 'systemAssignedEnabled', vm: 'myLinuxVM' }, ctx(q)).passed).toBe(false);
  });

  it('an action on something that is not there says so without calling ARM', async () => {
    const q = quickstartWorld();
    const { router, fetch } = armAs(q.world, q.adminUpn);
    expect(await performPortalAction(q.world, grant, fetch)).toEqual({ ok: false, message: 'myLinuxVM has no system-assigned identity yet' });
    expect(await performPortalAction(q.world, { portal: 'enableSystemAssigned', vm: 'ghost' }, fetch)).toEqual({ ok: false, message: 'there is no VM named ghost' });
    expect(router.log.size).toBe(0);
  });
});

const createIdentity: PortalAction = { portal: 'createUserAssignedIdentity', identity: 'myUserAssignedIdentity', resourceGroup: 'myResourceGroup' };
const attach: PortalAction = { portal: 'attachUserAssigned', vm: 'myLinuxVM', identity: 'myUserAssignedIdentity' };
const attachedCheck = { type: 'userAssignedAttached', vm: 'myLinuxVM', identity: 'myUserAssignedIdentity' } as const;

describe('creating a user-assigned identity', () => {
  it('is a PUT as the portal user, in the group\'s region; then it can be attached; creating it again does nothing', async () => {
    const q = quickstartWorld();
    const { router, fetch } = armAs(q.world, q.adminUpn);
    expect(await performPortalAction(q.world, createIdentity, fetch)).toEqual({ ok: true });
    expect(await performPortalAction(q.world, createIdentity, fetch)).toEqual({ ok: true });
    expect(await performPortalAction(q.world, attach, fetch)).toEqual({ ok: true });
    expect(evaluateCheck(attachedCheck, ctx(q)).passed).toBe(true);
    const [identity] = Object.values(q.world.data.userAssignedIdentities);
    expect(identity).toMatchObject({ name: 'myUserAssignedIdentity', location: 'eastus' });
    expect(identity!.id).toMatch(/\/resourceGroups\/myResourceGroup\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/myUserAssignedIdentity$/);
    expect(router.log.entries().map((e) => [e.request.method, e.response?.status])).toEqual([
      ['PUT', 201],
      ['PATCH', 200],
    ]);
  });

  it('in a group that does not exist says so without calling ARM', async () => {
    const q = quickstartWorld();
    const { router, fetch } = armAs(q.world, q.adminUpn);
    expect(await performPortalAction(q.world, { ...createIdentity, resourceGroup: 'noSuchGroup' }, fetch)).toEqual({ ok: false, message: 'there is no resource group named noSuchGroup' });
    expect(router.log.size).toBe(0);
  });

  it('applied to the sim, composes a start world: two identities on one VM', () => {
    const q = quickstartWorld();
    const second: PortalAction = { portal: 'createUserAssignedIdentity', identity: 'myOtherIdentity', resourceGroup: 'myResourceGroup' };
    for (const a of [createIdentity, second, attach, { portal: 'attachUserAssigned', vm: 'myLinuxVM', identity: 'myOtherIdentity' } as const]) {
      expect(applyPortalAction(q.world, a)).toEqual({ ok: true });
    }
    const vm = q.world.data.virtualMachines[q.linuxVmId.toLowerCase()]!;
    expect(vm.identity?.type).toBe('UserAssigned');
    expect(Object.keys(vm.identity?.userAssignedIdentities ?? {})).toHaveLength(2);
  });
});

describe('portal actions applied to the sim (start-world setup)', () => {
  it('apply the same changes without ARM', () => {
    const q = quickstartWorld();
    expect(applyPortalAction(q.world, enable)).toEqual({ ok: true });
    expect(applyPortalAction(q.world, grant)).toEqual({ ok: true });
    expect(evaluateCheck(roleCheck, ctx(q)).passed).toBe(true);
    expect(applyPortalAction(q.world, { portal: 'disableSystemAssigned', vm: 'myLinuxVM' })).toEqual({ ok: true });
    expect(evaluateCheck({ type: 'systemAssignedEnabled', vm: 'myLinuxVM' }, ctx(q)).passed).toBe(false);
  });
});
