import { describe, expect, it } from 'vitest';
import { createUser } from '../../../src/sim/index';
import { API_VERSIONS, createArmClient } from '../../../src/cloud/portal-client/arm-client';
import { ArmRequestError } from '../../../src/cloud/portal-client/arm-error';
import { setSystemAssigned, identityFacts, addUserAssigned, removeUserAssigned } from '../../../src/cloud/portal-client/vm-identity-changes';
import { admin, portalAs, presetWorld } from './portal-fixture';

const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';

async function quickstart() {
  const world = presetWorld('quickstart');
  const portal = await portalAs(world, admin(world).userPrincipalName);
  const [sub] = await portal.client.listSubscriptions();
  if (!sub) throw new Error('no subscription');
  return { world, ...portal, sub };
}

describe('portal ARM client against the router (quickstart world, as the admin)', () => {
  it('lists the subscription, its group, the VMs and the group’s resources', async () => {
    const { client, sub } = await quickstart();
    expect(sub.displayName).toBe('Azure subscription 1');
    const groups = await client.listResourceGroups(sub.subscriptionId);
    expect(groups.map((g) => g.name)).toEqual(['myResourceGroup']);
    const vms = await client.listVirtualMachines(sub.subscriptionId);
    expect(vms.map((v) => v.name).sort()).toEqual(['myLinuxVM', 'myWindowsVM']);
    const resources = await client.listResources(sub.subscriptionId);
    expect(resources.map((r) => r.type)).toContain('Microsoft.Compute/virtualMachines');
  });

  it('sends the api-versions the portal uses, and every call lands in the request log as the portal', async () => {
    const { client, router, sub } = await quickstart();
    await client.listUserAssignedIdentities(sub.subscriptionId);
    await client.listRoleDefinitions(`/subscriptions/${sub.subscriptionId}`);
    const urls = router.log.entries().map((e) => new URL(e.request.url));
    expect(urls.map((u) => u.searchParams.get('api-version'))).toEqual([
      API_VERSIONS.resources,
      API_VERSIONS.managedIdentity,
      API_VERSIONS.authorization,
    ]);
    expect(router.log.entries().every((e) => e.caller.kind === 'portal' && e.response?.status === 200)).toBe(true);
  });

  it('enables the system-assigned identity with a PATCH and reads the principal id back', async () => {
    const { client, sub, world } = await quickstart();
    const vm = (await client.listVirtualMachines(sub.subscriptionId)).find((v) => v.name === 'myLinuxVM')!;
    const updated = await client.patchVirtualMachineIdentity(vm.id, setSystemAssigned(identityFacts(vm.identity), true));
    expect(updated.identity?.type).toBe('SystemAssigned');
    expect(updated.identity?.principalId).toMatch(/^[0-9a-f-]{36}$/);
    expect(world.data.servicePrincipals[updated.identity!.principalId!]?.displayName).toBe('myLinuxVM');
  });

  it('creates, lists and deletes a role assignment at a resource group; atScope() includes the inherited Owner', async () => {
    const { client, sub } = await quickstart();
    const vm = (await client.listVirtualMachines(sub.subscriptionId)).find((v) => v.name === 'myLinuxVM')!;
    const on = await client.patchVirtualMachineIdentity(vm.id, setSystemAssigned(identityFacts(vm.identity), true));
    const rg = `/subscriptions/${sub.subscriptionId}/resourceGroups/myResourceGroup`;
    const created = await client.createRoleAssignment({
      scope: rg,
      roleDefinitionId: `/subscriptions/${sub.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${READER}`,
      principalId: on.identity!.principalId!,
      principalType: 'ServicePrincipal',
    });
    expect(created.name).toMatch(/^[0-9a-f-]{36}$/);
    const listed = await client.listRoleAssignmentsAtScope(rg);
    expect(listed.map((a) => a.properties.scope.toLowerCase()).sort()).toEqual([`/subscriptions/${sub.subscriptionId}`, rg].map((s) => s.toLowerCase()).sort());
    await client.deleteRoleAssignment(created.id);
    expect((await client.listRoleAssignmentsAtScope(rg)).some((a) => a.id === created.id)).toBe(false);
  });

  it('creates a user-assigned identity, attaches and detaches it, and deletes it', async () => {
    const { client, sub } = await quickstart();
    const identity = await client.createUserAssignedIdentity({ subscriptionId: sub.subscriptionId, resourceGroup: 'myResourceGroup', name: 'myId', location: 'eastus' });
    expect(identity.properties.clientId).toMatch(/^[0-9a-f-]{36}$/);
    const vm = (await client.listVirtualMachines(sub.subscriptionId)).find((v) => v.name === 'myWindowsVM')!;
    const attached = await client.patchVirtualMachineIdentity(vm.id, addUserAssigned(identityFacts(vm.identity), [identity.id]));
    expect(attached.identity?.type).toBe('UserAssigned');
    expect(Object.keys(attached.identity?.userAssignedIdentities ?? {}).map((k) => k.toLowerCase())).toEqual([identity.id.toLowerCase()]);
    const detached = await client.patchVirtualMachineIdentity(vm.id, removeUserAssigned(identityFacts(attached.identity), [identity.id]));
    expect(detached.identity?.type ?? 'None').toBe('None');
    await client.deleteUserAssignedIdentity(identity.id);
    expect(await client.listUserAssignedIdentities(sub.subscriptionId)).toEqual([]);
  });

  it('surfaces ARM’s AuthorizationFailed as { code, message, status } for a user without rights', async () => {
    const world = presetWorld('quickstart');
    const made = createUser(world, { userPrincipalName: 'nobody@contoso.onmicrosoft.com', displayName: 'No Rights' });
    if (!made.ok) throw new Error(made.error.message);
    const { client } = await portalAs(world, 'nobody@contoso.onmicrosoft.com');
    const sub = Object.keys(world.data.subscriptions)[0]!;
    const vmId = Object.values(world.data.virtualMachines).find((v) => v.name === 'myLinuxVM')!.id;
    const err = await client.patchVirtualMachineIdentity(vmId, { identity: { type: 'SystemAssigned' } }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ArmRequestError);
    expect(err).toMatchObject({ code: 'AuthorizationFailed', status: 403 });
    expect((err as Error).message).toContain("does not have authorization to perform action 'Microsoft.Compute/virtualMachines/write'");
    // ARM's lists filter what the caller cannot read instead of failing.
    expect(await client.listResourceGroups(sub)).toEqual([]);
  });
});

describe('portal ARM client error handling (fake fetch)', () => {
  const reply = (status: number, body: string) => async () => new Response(body, { status, headers: { 'content-type': 'application/json' } });

  it.each([
    ['an ARM envelope', 404, '{"error":{"code":"ResourceNotFound","message":"gone"}}', { code: 'ResourceNotFound', message: 'gone', status: 404 }],
    ['a non-JSON body', 502, '<html>bad gateway</html>', { code: 'UnexpectedResponse', status: 502 }],
    ['an empty body', 500, '', { code: 'UnexpectedResponse', status: 500 }],
    ['JSON without an envelope', 400, '{"message":"x"}', { code: 'UnexpectedResponse', status: 400 }],
  ])('turns %s into an ArmRequestError', async (_label, status, body, expected) => {
    const client = createArmClient(reply(status, body));
    await expect(client.listSubscriptions()).rejects.toMatchObject(expected);
  });

  it('reports a fetch that rejects as status 0', async () => {
    const client = createArmClient(async () => {
      throw new TypeError('getaddrinfo ENOTFOUND');
    });
    await expect(client.listSubscriptions()).rejects.toMatchObject({ code: 'RequestFailed', status: 0, message: expect.stringContaining('ENOTFOUND') });
  });

  it('follows nextLink pages and stops after a bounded number of them', async () => {
    let calls = 0;
    const client = createArmClient(async (req) => {
      calls++;
      const page = Number(new URL(req.url).searchParams.get('page') ?? '0');
      return new Response(JSON.stringify({ value: [{ id: String(page) }], nextLink: `https://management.azure.com/subscriptions?api-version=x&page=${page + 1}` }));
    });
    const all = await client.listSubscriptions();
    expect(all).toHaveLength(50);
    expect(calls).toBe(50);
  });
});
