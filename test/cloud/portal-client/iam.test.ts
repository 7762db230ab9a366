/**
 * The IAM blade's logic over a real router: the Add role assignment wizard, the role-assignment
 * rows (inherited, orphaned), Check access, removal, and a user without rights.
 */
import { describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import { addRoleAssignmentMachine, type AddRoleAssignmentPrefill } from '../../../src/cloud/portal-client/add-role-assignment.machine';
import type { RoleDefinitionResource } from '../../../src/cloud/portal-client/arm-types';
import { appliesAt, checkAccess, explainAccess } from '../../../src/cloud/portal-client/check-access';
import { managedIdentityMembers, type Member } from '../../../src/cloud/portal-client/member-candidates';
import { portalActors } from '../../../src/cloud/portal-client/portal-actors';
import { IDENTITY_NOT_FOUND, roleAssignmentRows } from '../../../src/cloud/portal-client/role-assignment-rows';
import { setSystemAssigned, identityFacts } from '../../../src/cloud/portal-client/vm-identity-changes';
import { createUser } from '../../../src/sim/index';
import { admin, portalAs, presetWorld } from './portal-fixture';

async function setup(preset: 'quickstart' | 'user-assigned' = 'quickstart') {
  const world = presetWorld(preset);
  const portal = await portalAs(world, admin(world).userPrincipalName);
  const sub = (await portal.client.listSubscriptions())[0]!.subscriptionId;
  const rg = `/subscriptions/${sub}/resourceGroups/myResourceGroup`;
  const definitions = await portal.client.listRoleDefinitions(rg);
  const role = (name: string) => definitions.find((d) => d.properties.roleName === name)!;
  return { world, ...portal, sub, rg, definitions, role };
}

async function linuxWithIdentity(s: Awaited<ReturnType<typeof setup>>) {
  const vm = (await s.client.listVirtualMachines(s.sub)).find((v) => v.name === 'myLinuxVM')!;
  return s.client.patchVirtualMachineIdentity(vm.id, setSystemAssigned(identityFacts(vm.identity), true));
}

function wizard(scope: string, impl?: Parameters<typeof addRoleAssignmentMachine.provide>[0]) {
  return createActor(impl ? addRoleAssignmentMachine.provide(impl) : addRoleAssignmentMachine, { input: { scope } }).start();
}

const member = (objectId: string, displayName = 'm'): Member => ({ objectId, displayName, detail: '', principalType: 'ServicePrincipal' });
const fakeRole = { id: '/providers/Microsoft.Authorization/roleDefinitions/r', name: 'r', type: 't', properties: { roleName: 'R', type: 'BuiltInRole', description: '', assignableScopes: ['/'], permissions: [] } } satisfies RoleDefinitionResource;

describe('Add role assignment wizard (machine)', () => {
  it('walks Role → Members → Review only once each step has what it needs', () => {
    const a = wizard('/subscriptions/s');
    a.send({ type: 'wizard.next' });
    a.send({ type: 'tab.members' });
    expect(a.getSnapshot().value).toBe('role');
    a.send({ type: 'role.select', role: fakeRole });
    a.send({ type: 'wizard.next' });
    expect(a.getSnapshot().value).toBe('members');
    a.send({ type: 'wizard.next' });
    a.send({ type: 'tab.review' });
    expect(a.getSnapshot().value).toBe('members');
    a.send({ type: 'members.add', members: [member('a'), member('A'), member('b')] });
    expect(a.getSnapshot().context.members.map((m) => m.objectId)).toEqual(['a', 'b']);
    a.send({ type: 'wizard.next' });
    expect(a.getSnapshot().value).toBe('review');
  });

  it('switching "Assign access to" empties the member list; removing a member works case-insensitively', () => {
    const a = wizard('/subscriptions/s');
    a.send({ type: 'role.select', role: fakeRole });
    a.send({ type: 'tab.members' });
    a.send({ type: 'members.add', members: [member('abc'), member('def')] });
    a.send({ type: 'member.remove', objectId: 'ABC' });
    expect(a.getSnapshot().context.members.map((m) => m.objectId)).toEqual(['def']);
    a.send({ type: 'access.set', to: 'userGroupServicePrincipal' });
    expect(a.getSnapshot().context.members).toHaveLength(1);
    a.send({ type: 'access.set', to: 'managedIdentity' });
    expect(a.getSnapshot().context.members).toEqual([]);
  });

  it('a failed assign returns to Review with ARM’s error and notifies', async () => {
    const notifyFailed = vi.fn();
    const a = wizard('/subscriptions/s', {
      actors: { createAssignments: fromPromise(async () => Promise.reject(Object.assign(new Error('The role assignment already exists.'), { code: 'RoleAssignmentExists' }))) },
      actions: { notifyFailed },
    });
    a.send({ type: 'role.select', role: fakeRole });
    a.send({ type: 'tab.members' });
    a.send({ type: 'members.add', members: [member('a')] });
    a.send({ type: 'tab.review' });
    a.send({ type: 'wizard.assign' });
    const back = await waitFor(a, (s) => s.matches('review') && s.context.error !== null);
    expect(back.context.error).toEqual({ code: 'RoleAssignmentExists', message: 'The role assignment already exists.' });
    expect(notifyFailed).toHaveBeenCalledOnce();
  });

  it('against the router: grants myLinuxVM Reader on myResourceGroup, shown as "This resource" with Owner inherited', async () => {
    const s = await setup();
    const vm = await linuxWithIdentity(s);
    const candidates = managedIdentityMembers('virtualMachine', await s.client.listVirtualMachines(s.sub), await s.client.listUserAssignedIdentities(s.sub));
    expect(candidates.map((c) => c.displayName)).toEqual(['myLinuxVM']);
    const a = wizard(s.rg, { actors: portalActors(s.client, s.directory) });
    a.send({ type: 'role.select', role: s.role('Reader') });
    a.send({ type: 'wizard.next' });
    a.send({ type: 'access.set', to: 'managedIdentity' });
    a.send({ type: 'members.add', members: candidates });
    a.send({ type: 'wizard.next' });
    a.send({ type: 'wizard.assign' });
    const done = await waitFor(a, (x) => x.status === 'done');
    expect(done.context.created).toHaveLength(1);
    // The portal names the assignment with a random GUID, never a derived one.
    expect(done.context.created[0]!.name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const rows = roleAssignmentRows(s.rg, await s.client.listRoleAssignmentsAtScope(s.rg), s.definitions, s.directory);
    expect(rows.map((r) => [r.roleName, r.principalName, r.principalType, r.scopeLabel])).toEqual([
      ['Owner', 'Sandbox Admin', 'User', 'Subscription (Inherited)'],
      ['Reader', 'myLinuxVM', 'App', 'This resource'],
    ]);
    expect(rows[1]!.principalId).toBe(vm.identity!.principalId);
    expect(rows[1]!.principalDetail).toBe('Virtual machine · myLinuxVM');
  });

  it('turning the identity off leaves the assignment behind as "Identity not found"', async () => {
    const s = await setup();
    const vm = await linuxWithIdentity(s);
    await s.client.createRoleAssignment({ scope: s.rg, roleDefinitionId: s.role('Reader').id, principalId: vm.identity!.principalId!, principalType: 'ServicePrincipal' });
    await s.client.patchVirtualMachineIdentity(vm.id, setSystemAssigned(identityFacts(vm.identity), false));
    const rows = roleAssignmentRows(s.rg, await s.client.listRoleAssignmentsAtScope(s.rg), s.definitions, s.directory);
    const orphan = rows.find((r) => r.roleName === 'Reader')!;
    expect(orphan).toMatchObject({ principalName: IDENTITY_NOT_FOUND, principalType: 'Unknown', orphaned: true, principalDetail: vm.identity!.principalId });
  });

  it('deleting a user-assigned identity orphans its assignments too', async () => {
    const s = await setup('user-assigned');
    const [identity] = await s.client.listUserAssignedIdentities(s.sub);
    await s.client.createRoleAssignment({ scope: s.rg, roleDefinitionId: s.role('Reader').id, principalId: identity!.properties.principalId, principalType: 'ServicePrincipal' });
    await s.client.deleteUserAssignedIdentity(identity!.id);
    const rows = roleAssignmentRows(s.rg, await s.client.listRoleAssignmentsAtScope(s.rg), s.definitions, s.directory);
    expect(rows.find((r) => r.roleName === 'Reader')?.principalName).toBe(IDENTITY_NOT_FOUND);
  });

  it('a second identical assignment gets ARM’s RoleAssignmentExists through the wizard', async () => {
    const s = await setup();
    const vm = await linuxWithIdentity(s);
    const m = member(vm.identity!.principalId!, 'myLinuxVM');
    for (const attempt of [1, 2]) {
      const a = wizard(s.rg, { actors: portalActors(s.client, s.directory) });
      a.send({ type: 'role.select', role: s.role('Reader') });
      a.send({ type: 'tab.members' });
      a.send({ type: 'members.add', members: [m] });
      a.send({ type: 'tab.review' });
      a.send({ type: 'wizard.assign' });
      const end = await waitFor(a, (x) => x.status === 'done' || x.context.error !== null);
      if (attempt === 2) expect(end.context.error).toMatchObject({ code: 'RoleAssignmentExists' });
      else expect(end.status).toBe('done');
    }
  });
});

describe('Add role assignment wizard, filled in from a fix', () => {
  type Setup = Awaited<ReturnType<typeof setup>>;
  const readerFor = (s: Setup, principalId: string, over: Partial<AddRoleAssignmentPrefill> = {}): AddRoleAssignmentPrefill => ({
    roleGuid: s.role('Reader').name,
    roleName: 'Reader',
    assignAccessTo: 'managedIdentity',
    principalId,
    principalName: "myLinuxVM's identity",
    ...over,
  });
  function prefilled(s: Setup, prefill: AddRoleAssignmentPrefill, impl: Parameters<typeof addRoleAssignmentMachine.provide>[0] = {}) {
    const actors = { ...portalActors(s.client, s.directory), ...impl.actors };
    return createActor(addRoleAssignmentMachine.provide({ ...impl, actors }), { input: { scope: s.rg, prefill } }).start();
  }
  const settled = (a: ReturnType<typeof prefilled>) => waitFor(a, (x) => !x.matches('prefilling'));

  it('opens on Review with the role, "Assign access to" and the member chosen, and assigns only when asked', async () => {
    const s = await setup();
    const vm = await linuxWithIdentity(s);
    const a = prefilled(s, readerFor(s, vm.identity!.principalId!));
    expect(a.getSnapshot().value).toBe('prefilling');
    a.send({ type: 'tab.role' });
    const review = await settled(a);
    expect(review.value).toBe('review');
    expect(review.context.role?.properties.roleName).toBe('Reader');
    expect(review.context.assignAccessTo).toBe('managedIdentity');
    expect(review.context.members.map((m) => [m.displayName, m.objectId])).toEqual([['myLinuxVM', vm.identity!.principalId]]);
    expect(review.context.notice).toMatchObject({ tone: 'info', text: expect.stringContaining('Reader for myLinuxVM') });
    const readers = async () => (await s.client.listRoleAssignmentsAtScope(s.rg)).filter((r) => r.properties.principalId === vm.identity!.principalId);
    expect(await readers()).toEqual([]);
    a.send({ type: 'wizard.assign' });
    expect((await waitFor(a, (x) => x.status === 'done')).context.created).toHaveLength(1);
    expect(await readers()).toHaveLength(1);
  });

  it('fills in a user under "User, group, or service principal"', async () => {
    const s = await setup();
    const user = admin(s.world);
    const a = prefilled(s, readerFor(s, user.objectId, { assignAccessTo: 'userGroupServicePrincipal', principalName: user.displayName }));
    const review = await settled(a);
    expect(review.value).toBe('review');
    expect(review.context.members.map((m) => m.displayName)).toEqual([user.displayName]);
  });

  it('a role not offered at the scope opens the Role step with nothing chosen, and says why', async () => {
    const s = await setup();
    const vm = await linuxWithIdentity(s);
    const a = prefilled(s, readerFor(s, vm.identity!.principalId!, { roleGuid: '00000000-0000-0000-0000-000000000000', roleName: 'Made-up Reader' }));
    const start = await settled(a);
    expect(start.value).toBe('role');
    expect(start.context).toMatchObject({ role: null, members: [], assignAccessTo: 'userGroupServicePrincipal' });
    expect(start.context.notice).toMatchObject({ tone: 'warning', text: expect.stringContaining('Made-up Reader') });
  });

  it('a member that is gone (identity turned off since) opens the Role step, and says why', async () => {
    const s = await setup();
    const vm = await linuxWithIdentity(s);
    await s.client.patchVirtualMachineIdentity(vm.id, setSystemAssigned(identityFacts(vm.identity), false));
    const a = prefilled(s, readerFor(s, vm.identity!.principalId!));
    const start = await settled(a);
    expect(start.value).toBe('role');
    expect(start.context).toMatchObject({ role: null, members: [] });
    expect(start.context.notice?.tone).toBe('warning');
    expect(start.context.notice?.text).toContain(`myLinuxVM's identity, who is no longer listed under "Managed identity"`);
  });

  it('a failed look-up opens the Role step with ARM’s message', async () => {
    const s = await setup();
    const a = prefilled(s, readerFor(s, 'whoever'), {
      actors: { loadPrefillChoices: fromPromise(async () => Promise.reject(Object.assign(new Error('The client has no access.'), { code: 'AuthorizationFailed' }))) },
    });
    const start = await settled(a);
    expect(start.value).toBe('role');
    expect(start.context.notice).toEqual({ tone: 'warning', text: "Could not fill in the fix's role and member: The client has no access. Choose a role and members yourself." });
  });
});

describe('Check access', () => {
  it('shows the VM identity’s Reader here and explains the allowed read in sentences', async () => {
    const s = await setup();
    const vm = await linuxWithIdentity(s);
    const pid = vm.identity!.principalId!;
    await s.client.createRoleAssignment({ scope: s.rg, roleDefinitionId: s.role('Reader').id, principalId: pid, principalType: 'ServicePrincipal' });
    const result = await checkAccess(s.client, s.directory, s.world, { principalId: pid, scope: s.rg, action: 'Microsoft.Resources/subscriptions/resourceGroups/read', definitions: s.definitions });
    expect(result.principal?.displayName).toBe('myLinuxVM');
    expect(result.assignments.map((r) => r.roleName)).toEqual(['Reader']);
    expect(result.explanation.allowed).toBe(true);
    expect(result.explanation.lines.at(-1)).toMatch(/Reader/);
    const write = explainAccess(s.world, pid, 'Microsoft.Resources/subscriptions/resourceGroups/write', s.rg);
    expect(write.allowed).toBe(false);
  });

  it('leaves out the principal’s assignments below the scope', async () => {
    const s = await setup();
    const vm = await linuxWithIdentity(s);
    const pid = vm.identity!.principalId!;
    await s.client.createRoleAssignment({ scope: vm.id, roleDefinitionId: s.role('Reader').id, principalId: pid, principalType: 'ServicePrincipal' });
    const atGroup = await checkAccess(s.client, s.directory, s.world, { principalId: pid, scope: s.rg, action: 'Microsoft.Resources/subscriptions/resourceGroups/read', definitions: s.definitions });
    expect(atGroup.assignments).toEqual([]);
    expect(atGroup.explanation.allowed).toBe(false);
  });

  it.each(['', 'read', 'not an action', 'Microsoft.Compute'])('refuses %j as an action with a clear message', (action) => {
    const world = presetWorld('quickstart');
    expect(() => explainAccess(world, admin(world).objectId, action, '/subscriptions/x')).toThrow(/is not an action string/);
  });

  it.each<[string, string, boolean]>([
    ['/subscriptions/s', '/subscriptions/s/resourceGroups/rg', true],
    ['/subscriptions/S/', '/subscriptions/s', true],
    ['/subscriptions/s/resourceGroups/rg', '/subscriptions/s', false],
    ['/subscriptions/s/resourceGroups/rg', '/subscriptions/s/resourceGroups/rg2', false],
    ['/', '/subscriptions/s', true],
  ])('appliesAt(%s, %s) = %s', (assignment, scope, expected) => {
    expect(appliesAt(assignment, scope)).toBe(expected);
  });
});

describe('a portal user without rights', () => {
  it('gets ARM’s AuthorizationFailed message when granting a role', async () => {
    const world = presetWorld('quickstart');
    const made = createUser(world, { userPrincipalName: 'reader@contoso.onmicrosoft.com', displayName: 'Just Reading' });
    if (!made.ok) throw new Error(made.error.message);
    const { client, directory } = await portalAs(world, 'reader@contoso.onmicrosoft.com');
    const a = wizard(`/subscriptions/${Object.keys(world.data.subscriptions)[0]}/resourceGroups/myResourceGroup`, { actors: portalActors(client, directory) });
    a.send({ type: 'role.select', role: { ...fakeRole, id: '/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7' } });
    a.send({ type: 'tab.members' });
    a.send({ type: 'members.add', members: [member(made.value.objectId)] });
    a.send({ type: 'tab.review' });
    a.send({ type: 'wizard.assign' });
    const end = await waitFor(a, (x) => x.context.error !== null);
    expect(end.context.error?.code).toBe('AuthorizationFailed');
    expect(end.context.error?.message).toMatch(/^The client 'reader@contoso\.onmicrosoft\.com' with object id '[0-9a-f-]+' does not have authorization to perform action 'Microsoft\.Authorization\/roleAssignments\/write'/);
  });
});
