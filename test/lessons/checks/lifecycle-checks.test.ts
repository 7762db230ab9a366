/**
 * The lifecycle checks against a real router: the exchanges are the ones the cloud really answers
 * (a portal DELETE of an assignment, IMDS's cache, a fault window), not hand-made log entries.
 */
import { describe, expect, it } from 'vitest';
import { createRouter, type Router } from '../../../src/cloud/router.ts';
import { evaluateCheck } from '../../../src/lessons/checks/index.ts';
import { placeholderValues } from '../../../src/lessons/placeholders.ts';
import { performPortalAction } from '../../../src/lessons/portal/perform-via-arm.ts';
import { buildStartWorld } from '../../../src/lessons/start-world.ts';
import type { CheckSpec, PortalAction, SetupAction } from '../../../src/lessons/types.ts';
import { advanceClock, issueUserToken } from '../../../src/sim/index.ts';

const ARM = 'https://management.azure.com/';
const TOKEN = `http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=${ARM}`;

function routerFor(setup: SetupAction[], preset = 'quickstart'): Router {
  const built = buildStartWorld({ preset, setup });
  if (!built.ok) throw new Error(built.message);
  return createRouter(built.world, { wait: async () => {} });
}

const vmId = (router: Router, name: string) => Object.values(router.world.data.virtualMachines).find((v) => v.name === name)!.id;

async function fromVm(router: Router, url: string, headers: Record<string, string> = {}, vm = 'myLinuxVM') {
  const response = await router.fetch(new Request(url, { headers }), { from: { kind: 'vm', vmId: vmId(router, vm) } });
  return { status: response.status, text: await response.text() };
}

async function token(router: Router, query = ''): Promise<string> {
  const r = await fromVm(router, TOKEN + query, { Metadata: 'true' });
  return (JSON.parse(r.text) as { access_token: string }).access_token;
}

async function readGroup(router: Router, jwt: string) {
  const sub = Object.values(router.world.data.subscriptions)[0]!.subscriptionId;
  return fromVm(router, `${ARM}subscriptions/${sub}/resourceGroups/myResourceGroup?api-version=2016-09-01`, { Authorization: `Bearer ${jwt}` });
}

async function portal(router: Router, action: PortalAction) {
  const admin = Object.values(router.world.data.users)[0]!;
  const fetch = async (request: Request) => {
    const t = await issueUserToken(router.world, { user: admin.userPrincipalName, resource: ARM });
    if (!t.ok) throw new Error(t.error.message);
    const headers = new Headers(request.headers);
    headers.set('authorization', `Bearer ${t.value.record.jwt}`);
    return router.fetch(new Request(request, { headers }), { from: { kind: 'portal', userId: admin.objectId } });
  };
  const done = await performPortalAction(router.world, action, fetch);
  if (!done.ok) throw new Error(done.message);
}

const check = (router: Router, spec: CheckSpec, since = 0) =>
  evaluateCheck(spec, { world: router.world, log: router.log.entries().filter((e) => e.seq > since), values: placeholderValues(router.world, 'myLinuxVM') });

const ON = { portal: 'enableSystemAssigned', vm: 'myLinuxVM' } as const;
const READER = { portal: 'assignRole', role: 'Reader', scope: 'resourceGroup:myResourceGroup', principal: 'vm:myLinuxVM' } as const;

describe('systemAssignedDisabled', () => {
  const spec = { type: 'systemAssignedDisabled', vm: 'myLinuxVM' } as const;
  it('waits while the identity is on, then passes once it is switched off', async () => {
    const router = routerFor([ON]);
    expect(check(router, spec)).toMatchObject({ passed: false, waitingFor: expect.stringMatching(/switched Off and saved \(VM → Security → Identity → System assigned\)/) });
    await portal(router, { portal: 'disableSystemAssigned', vm: 'myLinuxVM' });
    expect(check(router, spec)).toEqual({ passed: true, label: "myLinuxVM's system-assigned identity is off", waitingFor: '' });
  });
  it('does not count a VM that is gone', async () => {
    const router = routerFor([ON]);
    await portal(router, { portal: 'deleteVm', vm: 'myLinuxVM' });
    expect(check(router, spec).waitingFor).toMatch(/no VM named myLinuxVM|there is none/);
  });
});

describe('vmDeleted and userAssignedDeleted', () => {
  it('vmDeleted passes only once the VM is gone, deleted through ARM', async () => {
    const router = routerFor([]);
    const spec = { type: 'vmDeleted', vm: 'myWindowsVM' } as const;
    expect(check(router, spec)).toMatchObject({ passed: false, waitingFor: 'Waiting for myWindowsVM to be deleted (Virtual machines → myWindowsVM → Overview → Delete)' });
    await portal(router, { portal: 'deleteVm', vm: 'myWindowsVM' });
    expect(check(router, spec).passed).toBe(true);
    const del = router.log.entries().find((e) => e.request.method === 'DELETE');
    expect(del?.response?.status).toBe(200);
    expect(del?.operation).toBe('arm.virtualMachines.delete');
    // A second delete of nothing is ARM's 204, and the action counts as already done.
    await portal(router, { portal: 'deleteVm', vm: 'myWindowsVM' });
  });

  it('userAssignedDeleted passes once the identity of that name is gone from that group', async () => {
    const router = routerFor([{ portal: 'createUserAssignedIdentity', identity: 'ID1', resourceGroup: 'myResourceGroup' }]);
    const spec = { type: 'userAssignedDeleted', identity: 'id1', resourceGroup: 'myResourceGroup' } as const;
    expect(check(router, spec).passed).toBe(false);
    await portal(router, { portal: 'deleteUserAssignedIdentity', identity: 'ID1' });
    expect(check(router, spec)).toEqual({ passed: true, label: 'The user-assigned identity id1 is deleted from myResourceGroup', waitingFor: '' });
    expect(check(router, { ...spec, resourceGroup: 'nowhere' }).waitingFor).toMatch(/no resource group named nowhere|there is none/);
  });
});

describe('roleAssignmentOrphaned and roleAssignmentRemoved', () => {
  const orphaned = { type: 'roleAssignmentOrphaned', role: 'Reader', scope: 'resourceGroup:myResourceGroup' } as const;
  const removed = { type: 'roleAssignmentRemoved', role: 'Reader', scope: 'resourceGroup:myResourceGroup', orphaned: true } as const;

  it('an assignment is orphaned when its identity is disabled, and removed when ARM deletes it', async () => {
    const router = routerFor([ON, READER]);
    expect(check(router, orphaned).passed).toBe(false);
    await portal(router, { portal: 'disableSystemAssigned', vm: 'myLinuxVM' });
    expect(check(router, orphaned)).toEqual({ passed: true, label: 'A Reader assignment on resource group myResourceGroup is left behind as "Identity not found"', waitingFor: '' });
    const since = router.log.entries().at(-1)!.seq;
    expect(check(router, removed, since).waitingFor).toMatch(/^Waiting for the Reader assignment whose identity no longer exists on resource group myResourceGroup to be removed/);
    await portal(router, { portal: 'removeOrphanedAssignments', role: 'Reader', scope: 'resourceGroup:myResourceGroup' });
    expect(check(router, removed, since).passed).toBe(true);
    expect(check(router, orphaned).passed).toBe(false);
  });

  it('a removed assignment of a live identity is not "orphaned"; by principal it is found even after a disable', async () => {
    const router = routerFor([ON, READER]);
    await portal(router, { portal: 'removeRoleAssignment', role: 'Reader', scope: 'resourceGroup:myResourceGroup', principal: 'vm:myLinuxVM' });
    expect(check(router, removed).passed).toBe(false);
    expect(check(router, { ...removed, orphaned: undefined }).passed).toBe(true);
    expect(check(router, { type: 'roleAssignmentRemoved', role: 'Reader', scope: 'resourceGroup:myResourceGroup', principal: 'vm:myLinuxVM' }).passed).toBe(true);
    await portal(router, { portal: 'disableSystemAssigned', vm: 'myLinuxVM' });
    expect(check(router, { type: 'roleAssignmentRemoved', role: 'Reader', scope: 'resourceGroup:myResourceGroup', principal: 'vm:myLinuxVM' }).passed).toBe(true);
  });

  it('another role, or a removal before the step began, does not count', async () => {
    const router = routerFor([ON, READER, { portal: 'assignRole', role: 'Contributor', scope: 'resourceGroup:myResourceGroup', principal: 'vm:myLinuxVM' }]);
    await portal(router, { portal: 'removeRoleAssignment', role: 'Contributor', scope: 'resourceGroup:myResourceGroup', principal: 'vm:myLinuxVM' });
    expect(check(router, { type: 'roleAssignmentRemoved', role: 'Reader', scope: 'resourceGroup:myResourceGroup' }).passed).toBe(false);
    const since = router.log.entries().at(-1)!.seq;
    expect(check(router, { type: 'roleAssignmentRemoved', role: 'Contributor', scope: 'resourceGroup:myResourceGroup' }, since).passed).toBe(false);
  });
});

describe('imdsToken served from the cache or fresh', () => {
  const spec = (served: 'cache' | 'fresh') => ({ type: 'imdsToken', vm: 'myLinuxVM', resource: ARM, served }) as const;

  it('the first token is fresh, the same one again comes from the cache, bypass_cache=true mints a new one', async () => {
    const router = routerFor([ON]);
    const first = await token(router);
    expect(check(router, spec('fresh')).passed).toBe(true);
    expect(check(router, spec('cache'))).toMatchObject({ passed: false, waitingFor: expect.stringMatching(/\(last try: 200, but a fresh token\)$/) });
    advanceClock(router.world, 90_000);
    const second = await token(router);
    expect(second).toBe(first);
    expect(check(router, spec('cache')).passed).toBe(true);
    const since = router.log.entries().at(-1)!.seq;
    expect(check(router, spec('fresh'), since).passed).toBe(false);
    const third = await token(router, '&bypass_cache=true');
    expect(third).not.toBe(first);
    expect(check(router, spec('fresh'), since).passed).toBe(true);
  });
});

describe('imdsRetried', () => {
  const spec: CheckSpec = { type: 'imdsRetried', vm: 'myLinuxVM', after: [410], minWaitSeconds: 1 };

  async function attempt(router: Router) {
    return (await fromVm(router, TOKEN, { Metadata: 'true' })).status;
  }

  it('passes for a 410, a wait, another try and a 200', async () => {
    const router = routerFor([ON, { sandbox: 'imdsFault', fault: 'gone', seconds: 5 }]);
    expect(await attempt(router)).toBe(410);
    expect(check(router, spec).waitingFor).toMatch(/retry that gets a 200 after IMDS answered 410/);
    advanceClock(router.world, 2_000);
    expect(await attempt(router)).toBe(410);
    advanceClock(router.world, 6_000);
    expect(await attempt(router)).toBe(200);
    expect(check(router, spec)).toEqual({
      passed: true,
      label: 'A script on myLinuxVM retried after IMDS answered 410 and then got its token, waiting at least 1 s before each retry',
      waitingFor: '',
    });
  });

  it('a retry sent at once does not count (IMDS soon throttles it too); a success without any fault does not either', async () => {
    const router = routerFor([ON, { sandbox: 'imdsFault', fault: 'gone', seconds: 5 }]);
    expect(await attempt(router)).toBe(410);
    expect(await attempt(router)).toBe(410);
    advanceClock(router.world, 10_000);
    expect(await attempt(router)).toBe(200);
    expect(check(router, spec).waitingFor).toMatch(/waits at least 1 s of simulated time first/);
    expect(check(router, { ...spec, minWaitSeconds: undefined }).passed).toBe(true);

    const calm = routerFor([ON]);
    expect(await attempt(calm)).toBe(200);
    expect(check(calm, spec).waitingFor).toMatch(/^Waiting for a token request from myLinuxVM that IMDS answers with 410/);
  });

  it('a fault of another kind does not count', async () => {
    const router = routerFor([ON, { sandbox: 'imdsFault', fault: 'serverError', seconds: 2 }]);
    expect(await attempt(router)).toBe(500);
    advanceClock(router.world, 3_000);
    expect(await attempt(router)).toBe(200);
    expect(check(router, spec).passed).toBe(false);
    expect(check(router, { ...spec, after: [500, 503] }).passed).toBe(true);
  });
});

describe('formerIdentity: a token of an identity that has since gone', () => {
  it('armGet counts a call made with the disabled identity\'s token, and not with the new one', async () => {
    const router = routerFor([ON, READER]);
    const old = await token(router);
    expect((await readGroup(router, old)).status).toBe(200);
    await portal(router, { portal: 'disableSystemAssigned', vm: 'myLinuxVM' });
    const spec = { type: 'armGet', path: '/subscriptions/{{subscriptionId}}/resourceGroups/{{resourceGroup}}', identity: 'vm:myLinuxVM', formerIdentity: true } as const;
    // The call made while the identity was still on does not show that the token outlived it.
    expect(check(router, spec).passed).toBe(false);
    // The token outlives the identity: ARM still honours it (imds.md §3.3).
    expect((await readGroup(router, old)).status).toBe(200);
    expect(check(router, spec)).toEqual({
      passed: true,
      label: "ARM answered 200 for GET …/resourceGroups/myResourceGroup using myLinuxVM's former identity (now disabled or deleted)",
      waitingFor: '',
    });
    // Turned on again, it is a new principal: the check without formerIdentity wants that one.
    await portal(router, ON);
    expect(check(router, { ...spec, formerIdentity: undefined }).passed).toBe(false);
  });

  it('says what it waits for before anything was disabled', () => {
    const router = routerFor([ON]);
    const r = check(router, { type: 'armError', status: 401, code: 'ExpiredAuthenticationToken', identity: 'vm:myLinuxVM', formerIdentity: true });
    expect(r.waitingFor).toMatch(/myLinuxVM's system-assigned identity has not been deleted or disabled yet$/);
  });
});

describe('sandbox setup actions', () => {
  it('groupMember and groupRole give the identity Reader through a group, carried in its token', async () => {
    const router = routerFor([ON, { sandbox: 'groupMember', group: 'app-readers', principal: 'vm:myLinuxVM' }, { sandbox: 'groupRole', group: 'app-readers', role: 'Reader', scope: 'resourceGroup:myResourceGroup' }]);
    const jwt = await token(router);
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as { groups?: string[] };
    expect(claims.groups).toHaveLength(1);
    expect((await readGroup(router, jwt)).status).toBe(200);
  });

  it('propagationDelay makes a new grant wait', async () => {
    const router = routerFor([ON, { sandbox: 'propagationDelay', seconds: 120 }]);
    await portal(router, READER);
    const spec = { type: 'roleAssigned', role: 'Reader', scope: 'resourceGroup:myResourceGroup', principal: 'vm:myLinuxVM' } as const;
    expect(check(router, spec).waitingFor).toMatch(/still propagating; it takes effect in about 120 s/);
  });

  it('an unknown VM or principal in setup fails with a reason', () => {
    expect(buildStartWorld({ preset: 'quickstart', setup: [{ sandbox: 'imdsFault', fault: 'throttled', seconds: 5, vm: 'ghost' }] })).toEqual({
      ok: false,
      message: 'setup action 1 (imdsFault) failed: there is no VM named ghost',
    });
    expect(buildStartWorld({ preset: 'quickstart', setup: [{ sandbox: 'groupMember', group: 'g', principal: 'vm:myLinuxVM' }] })).toEqual({
      ok: false,
      message: 'setup action 1 (groupMember) failed: myLinuxVM has no system-assigned identity yet',
    });
  });
});
