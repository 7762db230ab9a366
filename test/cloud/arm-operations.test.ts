/** ARM operations over the world: resource groups, VMs and their identity, identities, RBAC resources, data resources. */
import { describe, expect, test } from 'vitest';
import { addDenyAssignment, createGroup, createUser, createUserAssignedIdentity, guid, issueUserToken, QUICKSTART } from '../../src/sim/index';
import { adminToken, arm, rig, type Rig } from './harness';

const ROLE = {
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  vmContributor: '9980e02c-c2be-4d73-94e8-173b1dc7cf3c',
  miOperator: 'f1a07417-d97a-45cb-824c-7a7467783830',
};
const AUTHZ = '2022-04-01';
const COMPUTE = '2024-07-01';
const MSI = '2023-01-31';

const sub = (r: Rig) => `/subscriptions/${r.subscriptionId}`;
const rgPath = (r: Rig) => `${sub(r)}/resourceGroups/${QUICKSTART.resourceGroup}`;
const vmPath = (r: Rig, name: string = QUICKSTART.linuxVm) => `${rgPath(r)}/providers/Microsoft.Compute/virtualMachines/${name}`;
const uaiPath = (r: Rig, name: string) => `${rgPath(r)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;

async function assign(r: Rig, token: string, scope: string, role: string, principalId: string, principalType = 'ServicePrincipal') {
  return arm(r, 'PUT', `${scope}/providers/Microsoft.Authorization/roleAssignments/${guid(r.world.rng)}`, {
    token,
    apiVersion: AUTHZ,
    body: { properties: { roleDefinitionId: `${sub(r)}/providers/Microsoft.Authorization/roleDefinitions/${role}`, principalId, principalType } },
  });
}

describe('subscriptions', () => {
  test('list and get for the owner; an identity without roles sees none', async () => {
    const r = rig({ systemAssigned: true });
    const token = await adminToken(r);
    const listed = await arm(r, 'GET', '/subscriptions', { token, apiVersion: '2022-12-01' });
    expect(listed.json.value).toEqual([
      expect.objectContaining({ id: sub(r), subscriptionId: r.subscriptionId, tenantId: r.world.tenantId, state: 'Enabled', displayName: 'Azure subscription 1' }),
    ]);
    expect(listed.json.count).toEqual({ type: 'Total', value: 1 });
    expect((await arm(r, 'GET', sub(r), { token, apiVersion: '2022-12-01' })).json.subscriptionId).toBe(r.subscriptionId);
    const { miToken } = await import('./harness');
    expect((await arm(r, 'GET', '/subscriptions', { token: await miToken(r), apiVersion: '2022-12-01' })).json.value).toEqual([]);
  });

  // az-cli.md §1.5: any role at or below the subscription makes it visible; access policies do not.
  test.each([
    { held: 'Reader on a resource group', scope: (r: Rig) => rgPath(r), role: ROLE.reader, sees: true },
    { held: 'Key Vault Secrets User on one VM', scope: (r: Rig) => vmPath(r), role: '4633458b-17de-408a-b874-0445c86b69e6', sees: true },
    { held: 'Reader on the subscription', scope: (r: Rig) => sub(r), role: ROLE.reader, sees: true },
    { held: 'nothing', scope: null, role: ROLE.reader, sees: false },
  ])('an identity holding $held sees the subscription: $sees', async ({ scope, role, sees }) => {
    const r = rig({ systemAssigned: true });
    const oid = Object.values(r.world.data.servicePrincipals)[0]!.objectId;
    if (scope) expect((await assign(r, await adminToken(r), scope(r), role, oid)).res.status).toBe(201);
    const { miToken } = await import('./harness');
    const listed = await arm(r, 'GET', '/subscriptions', { token: await miToken(r), apiVersion: '2022-12-01' });
    expect(listed.json.value.map((s: { subscriptionId: string }) => s.subscriptionId)).toEqual(sees ? [r.subscriptionId] : []);
    expect(listed.json.count).toEqual({ type: 'Total', value: sees ? 1 : 0 });
  });

  test('a role below the subscription held through a group counts; a removed one does not', async () => {
    const r = rig({ systemAssigned: true });
    const admin = await adminToken(r);
    const dev = createUser(r.world, { displayName: 'Dev', userPrincipalName: 'dev@contoso.example' });
    if (!dev.ok) throw new Error(dev.error.message);
    const team = createGroup(r.world, { displayName: 'Team', members: [dev.value.objectId] });
    if (!team.ok) throw new Error(team.error.message);
    const assigned = await assign(r, admin, rgPath(r), ROLE.reader, team.value.objectId, 'Group');
    const devToken = async () => {
      const t = await issueUserToken(r.world, { user: 'dev@contoso.example', resource: 'https://management.azure.com/' });
      if (!t.ok) throw new Error(t.error.message);
      return t.value.record.jwt;
    };
    const list = async () => (await arm(r, 'GET', '/subscriptions', { token: await devToken(), apiVersion: '2022-12-01' })).json.value.length;
    expect(await list()).toBe(1);
    expect((await arm(r, 'DELETE', `${rgPath(r)}/providers/Microsoft.Authorization/roleAssignments/${assigned.json.name}`, { token: admin, apiVersion: AUTHZ })).res.status).toBe(200);
    expect(await list()).toBe(0);
  });

  test('the caller’s correlation id is echoed; request ids are fresh', async () => {
    const r = rig();
    const { res } = await arm(r, 'GET', sub(r), { token: await adminToken(r), apiVersion: '2022-12-01', headers: { 'x-ms-correlation-request-id': 'corr-123' } });
    expect(res.headers.get('x-ms-correlation-request-id')).toBe('corr-123');
    expect(res.headers.get('x-ms-routing-request-id')).toMatch(/^EASTUS:\d{8}T\d{6}Z:[0-9a-f-]{36}$/);
  });
});

describe('resource groups', () => {
  test('create (201), update (200), list, get, delete (200 then 404)', async () => {
    const r = rig();
    const token = await adminToken(r);
    const path = `${sub(r)}/resourcegroups/rg-two`;
    const created = await arm(r, 'PUT', path, { token, body: { location: 'westus', tags: { env: 'dev' } } });
    expect(created.res.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'rg-two', location: 'westus', tags: { env: 'dev' }, type: 'Microsoft.Resources/resourceGroups' });
    expect((await arm(r, 'PUT', path, { token, body: { location: 'westus' } })).res.status).toBe(200);
    const listed = await arm(r, 'GET', `${sub(r)}/resourcegroups`, { token });
    expect(listed.json.value.map((g: { name: string }) => g.name).sort()).toEqual(['myResourceGroup', 'rg-two']);
    expect((await arm(r, 'DELETE', path, { token })).res.status).toBe(200);
    expect((await arm(r, 'GET', path, { token })).res.status).toBe(404);
  });

  test('PUT without a location', async () => {
    const r = rig();
    const { res, json } = await arm(r, 'PUT', `${sub(r)}/resourcegroups/rg-x`, { token: await adminToken(r), body: {} });
    expect(res.status).toBe(400);
    expect(json.error.code).toBe('LocationRequired');
  });

  test('the list shows only groups the caller can read', async () => {
    const r = rig({ systemAssigned: true });
    const admin = await adminToken(r);
    await arm(r, 'PUT', `${sub(r)}/resourcegroups/hidden`, { token: admin, body: { location: 'eastus' } });
    const oid = Object.values(r.world.data.servicePrincipals)[0]!.objectId;
    expect((await assign(r, admin, rgPath(r), ROLE.reader, oid)).res.status).toBe(201);
    const { miToken } = await import('./harness');
    const listed = await arm(r, 'GET', `${sub(r)}/resourcegroups`, { token: await miToken(r) });
    expect(listed.json.value.map((g: { name: string }) => g.name)).toEqual(['myResourceGroup']);
  });

  test('resources in a group', async () => {
    const r = rig();
    const { json } = await arm(r, 'GET', `${rgPath(r)}/resources`, { token: await adminToken(r) });
    expect(json.value.map((x: { name: string; type: string }) => `${x.type}/${x.name}`).sort()).toEqual([
      'Microsoft.Compute/virtualMachines/myLinuxVM',
      'Microsoft.Compute/virtualMachines/myWindowsVM',
    ]);
  });
});

describe('VM identity PATCH (rbac-arm.md §3.2)', () => {
  test('SystemAssigned on, then off with None', async () => {
    const r = rig();
    const token = await adminToken(r);
    const on = await arm(r, 'PATCH', vmPath(r), { token, apiVersion: COMPUTE, body: { identity: { type: 'SystemAssigned' } } });
    expect(on.res.status).toBe(200);
    expect(on.json.identity).toMatchObject({ type: 'SystemAssigned', tenantId: r.world.tenantId });
    expect(on.json.identity.principalId).toMatch(/^[0-9a-f-]{36}$/);
    const off = await arm(r, 'PATCH', vmPath(r), { token, apiVersion: COMPUTE, body: { identity: { type: 'None' } } });
    expect(off.json.identity).toBeUndefined();
  });

  test.each(['SystemAssigned, UserAssigned', 'SystemAssigned,UserAssigned'])('combined type spelled %j; null removes an entry', async (type) => {
    const r = rig();
    const token = await adminToken(r);
    await arm(r, 'PUT', uaiPath(r, 'id-one'), { token, apiVersion: MSI, body: { location: 'eastus' } });
    const idOne = (await arm(r, 'GET', uaiPath(r, 'id-one'), { token, apiVersion: MSI })).json.id;
    const both = await arm(r, 'PATCH', vmPath(r), { token, apiVersion: COMPUTE, body: { identity: { type, userAssignedIdentities: { [idOne]: {} } } } });
    expect(both.res.status).toBe(200);
    expect(both.json.identity.type).toBe('SystemAssigned, UserAssigned');
    expect(Object.keys(both.json.identity.userAssignedIdentities)).toEqual([idOne]);
    const removed = await arm(r, 'PATCH', vmPath(r), { token, apiVersion: COMPUTE, body: { identity: { type: 'SystemAssigned', userAssignedIdentities: { [idOne]: null } } } });
    expect(removed.json.identity).toEqual({ type: 'SystemAssigned', principalId: expect.any(String), tenantId: r.world.tenantId });
  });

  test('an unknown identity type is a 400 naming it', async () => {
    const r = rig();
    const { res, json } = await arm(r, 'PATCH', vmPath(r), { token: await adminToken(r), apiVersion: COMPUTE, body: { identity: { type: 'Both' } } });
    expect(res.status).toBe(400);
    expect(json.error.message).toContain("'Both'");
  });

  test('attaching without assign/action on the identity → LinkedAuthorizationFailed; Managed Identity Operator fixes it', async () => {
    const r = rig();
    const admin = await adminToken(r);
    const dev = createUser(r.world, { userPrincipalName: 'dev@contoso.onmicrosoft.com', displayName: 'Dev User' });
    if (!dev.ok) throw new Error();
    const made = createUserAssignedIdentity(r.world, { subscriptionId: r.subscriptionId, resourceGroup: QUICKSTART.resourceGroup, name: 'id-one', location: 'eastus' });
    if (!made.ok) throw new Error();
    const identityId = made.value.identity.id;
    await assign(r, admin, rgPath(r), ROLE.vmContributor, dev.value.objectId, 'User');
    const t = await issueUserToken(r.world, { user: 'dev@contoso.onmicrosoft.com', resource: 'https://management.azure.com/' });
    if (!t.ok) throw new Error();
    const body = { identity: { type: 'UserAssigned', userAssignedIdentities: { [identityId]: {} } } };
    const denied = await arm(r, 'PATCH', vmPath(r), { token: t.value.record.jwt, apiVersion: COMPUTE, body });
    expect(denied.res.status).toBe(403);
    expect(denied.json.error).toEqual({
      code: 'LinkedAuthorizationFailed',
      message: `The client 'dev@contoso.onmicrosoft.com' with object id '${dev.value.objectId}' has permission to perform action 'Microsoft.Compute/virtualMachines/write' on scope '${vmPath(r).replace('resourceGroups', 'resourcegroups')}'; however, it does not have permission to perform action 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action' on the linked scope(s) '${identityId.replace('resourceGroups', 'resourcegroups')}' or the linked scope(s) are invalid.`,
    });
    expect(r.world.data.virtualMachines[r.linuxVmId.toLowerCase()]!.identity).toBeUndefined();
    await assign(r, admin, identityId, ROLE.miOperator, dev.value.objectId, 'User');
    const t2 = await issueUserToken(r.world, { user: 'dev@contoso.onmicrosoft.com', resource: 'https://management.azure.com/' });
    if (!t2.ok) throw new Error();
    const allowed = await arm(r, 'PATCH', vmPath(r), { token: t2.value.record.jwt, apiVersion: COMPUTE, body });
    expect(allowed.res.status).toBe(200);
    expect(allowed.json.identity.type).toBe('UserAssigned');
  });

  test('the system-assigned identity proxy resource', async () => {
    const r = rig({ systemAssigned: true });
    const token = await adminToken(r);
    const { res, json } = await arm(r, 'GET', `${vmPath(r)}/providers/Microsoft.ManagedIdentity/identities/default`, { token, apiVersion: MSI });
    const sp = Object.values(r.world.data.servicePrincipals)[0]!;
    expect(res.status).toBe(200);
    expect(json).toMatchObject({ name: 'default', type: 'Microsoft.ManagedIdentity/identities', properties: { principalId: sp.objectId, clientId: sp.appId, tenantId: r.world.tenantId } });
    const none = await arm(r, 'GET', `${vmPath(r, QUICKSTART.windowsVm)}/providers/Microsoft.ManagedIdentity/identities/default`, { token, apiVersion: MSI });
    expect(none.res.status).toBe(404);
  });
});

describe('user-assigned identities', () => {
  test('PUT 201 then 200, GET, list, DELETE 200 then 204', async () => {
    const r = rig();
    const token = await adminToken(r);
    const created = await arm(r, 'PUT', uaiPath(r, 'id-one'), { token, apiVersion: MSI, body: { location: 'eastus', tags: { a: 'b' } } });
    expect(created.res.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'id-one', type: 'Microsoft.ManagedIdentity/userAssignedIdentities', properties: { isolationScope: 'None', tenantId: r.world.tenantId } });
    expect((await arm(r, 'PUT', uaiPath(r, 'id-one'), { token, apiVersion: MSI, body: { location: 'eastus' } })).res.status).toBe(200);
    expect((await arm(r, 'GET', `${rgPath(r)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`, { token, apiVersion: MSI })).json.value).toHaveLength(1);
    expect((await arm(r, 'GET', `${sub(r)}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`, { token, apiVersion: MSI })).json.value).toHaveLength(1);
    expect((await arm(r, 'DELETE', uaiPath(r, 'id-one'), { token, apiVersion: MSI })).res.status).toBe(200);
    expect((await arm(r, 'DELETE', uaiPath(r, 'id-one'), { token, apiVersion: MSI })).res.status).toBe(204);
    expect((await arm(r, 'GET', uaiPath(r, 'id-one'), { token, apiVersion: MSI })).res.status).toBe(404);
  });
});

describe('role assignments (rbac-arm.md §3.4)', () => {
  test('PUT 201, identical repeat 200, same triple under another name 409, GET, list filters, DELETE 200 then 204', async () => {
    const r = rig({ systemAssigned: true });
    const token = await adminToken(r);
    const oid = Object.values(r.world.data.servicePrincipals)[0]!.objectId;
    const name = guid(r.world.rng);
    const path = `${rgPath(r)}/providers/Microsoft.Authorization/roleAssignments/${name}`;
    const body = { properties: { roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${ROLE.reader}`, principalId: oid, principalType: 'ServicePrincipal' } };
    const created = await arm(r, 'PUT', path, { token, apiVersion: AUTHZ, body });
    expect(created.res.status).toBe(201);
    expect(created.json).toMatchObject({
      id: `${rgPath(r)}/providers/Microsoft.Authorization/roleAssignments/${name}`,
      name,
      type: 'Microsoft.Authorization/roleAssignments',
      properties: {
        roleDefinitionId: `${sub(r)}/providers/Microsoft.Authorization/roleDefinitions/${ROLE.reader}`,
        principalId: oid,
        principalType: 'ServicePrincipal',
        scope: rgPath(r),
      },
    });
    expect((await arm(r, 'PUT', path, { token, apiVersion: AUTHZ, body })).res.status).toBe(200);
    const dup = await arm(r, 'PUT', `${rgPath(r)}/providers/Microsoft.Authorization/roleAssignments/${guid(r.world.rng)}`, { token, apiVersion: AUTHZ, body });
    expect(dup.res.status).toBe(409);
    expect(dup.json.error).toEqual({ code: 'RoleAssignmentExists', message: 'The role assignment already exists.' });
    expect((await arm(r, 'GET', path, { token, apiVersion: AUTHZ })).json.name).toBe(name);

    const list = (q: string, scope = rgPath(r)) => arm(r, 'GET', `${scope}/providers/Microsoft.Authorization/roleAssignments${q}`, { token, apiVersion: AUTHZ });
    const atRg = await list('?$filter=atScope()');
    expect(atRg.json.value).toHaveLength(2); // Reader here + the admin's Owner on the subscription above
    const atSub = await list('?$filter=atScope()', sub(r));
    expect(atSub.json.value).toHaveLength(1);
    const byPrincipal = await list(`?$filter=${encodeURIComponent(`principalId eq '${oid}'`)}`, sub(r));
    expect(byPrincipal.json.value.map((a: { name: string }) => a.name)).toEqual([name]);
    expect((await list('?$filter=bogus')).res.status).toBe(400);

    const deleted = await arm(r, 'DELETE', path, { token, apiVersion: AUTHZ });
    expect(deleted.res.status).toBe(200);
    expect(deleted.json.name).toBe(name);
    expect((await arm(r, 'DELETE', path, { token, apiVersion: AUTHZ })).res.status).toBe(204);
    expect((await arm(r, 'GET', path, { token, apiVersion: AUTHZ })).json.error.code).toBe('RoleAssignmentNotFound');
  });

  test('a PUT without properties is ARM-shaped 400', async () => {
    const r = rig();
    const { res, json } = await arm(r, 'PUT', `${rgPath(r)}/providers/Microsoft.Authorization/roleAssignments/${guid(r.world.rng)}`, { token: await adminToken(r), apiVersion: AUTHZ, body: { x: 1 } });
    expect(res.status).toBe(400);
    expect(json.error.code).toBe('InvalidRequestContent');
  });

  test('role definitions: get by GUID, list filtered by roleName', async () => {
    const r = rig();
    const token = await adminToken(r);
    const one = await arm(r, 'GET', `${sub(r)}/providers/Microsoft.Authorization/roleDefinitions/${ROLE.reader}`, { token, apiVersion: AUTHZ });
    expect(one.json).toMatchObject({
      id: `${sub(r)}/providers/Microsoft.Authorization/roleDefinitions/${ROLE.reader}`,
      name: ROLE.reader,
      properties: { roleName: 'Reader', type: 'BuiltInRole', permissions: [{ actions: ['*/read'] }] },
    });
    const listed = await arm(r, 'GET', `${sub(r)}/providers/Microsoft.Authorization/roleDefinitions?$filter=${encodeURIComponent("roleName eq 'Managed Identity Operator'")}`, { token, apiVersion: AUTHZ });
    expect(listed.json.value.map((d: { name: string }) => d.name)).toEqual([ROLE.miOperator]);
    expect((await arm(r, 'GET', `${sub(r)}/providers/Microsoft.Authorization/roleDefinitions/not-a-guid`, { token, apiVersion: AUTHZ })).res.status).toBe(404);
  });

  test('deny assignments are listed read-only', async () => {
    const r = rig();
    const name = guid(r.world.rng);
    const added = addDenyAssignment(r.world, {
      name,
      denyAssignmentName: 'no deletes',
      description: 'test',
      scope: r.resourceGroupId,
      permissions: [{ actions: ['*/delete'], notActions: [], dataActions: [], notDataActions: [] }],
      principals: [{ id: '00000000-0000-0000-0000-000000000000', type: 'SystemDefined' }],
      excludePrincipals: [],
      doNotApplyToChildScopes: false,
      isSystemProtected: true,
    });
    expect(added.ok).toBe(true);
    const { json } = await arm(r, 'GET', `${sub(r)}/providers/Microsoft.Authorization/denyAssignments`, { token: await adminToken(r), apiVersion: AUTHZ });
    expect(json.value).toHaveLength(1);
    expect(json.value[0]).toMatchObject({ name, type: 'Microsoft.Authorization/denyAssignments', properties: { denyAssignmentName: 'no deletes' } });
  });
});

describe('data resources through ARM', () => {
  test('a storage account with a container, and an RBAC-mode key vault', async () => {
    const r = rig();
    const token = await adminToken(r);
    const sa = `${rgPath(r)}/providers/Microsoft.Storage/storageAccounts/mystore123`;
    const created = await arm(r, 'PUT', sa, { token, apiVersion: '2023-01-01', body: { location: 'eastus', kind: 'StorageV2', sku: { name: 'Standard_LRS' } } });
    expect(created.res.status).toBe(201);
    expect(created.json.properties.primaryEndpoints.blob).toBe('https://mystore123.blob.core.windows.net/');
    const c = await arm(r, 'PUT', `${sa}/blobServices/default/containers/docs`, { token, apiVersion: '2023-01-01', body: {} });
    expect(c.res.status).toBe(201);
    expect(c.json).toMatchObject({ name: 'docs', type: 'Microsoft.Storage/storageAccounts/blobServices/containers' });
    expect((await arm(r, 'GET', `${sa}/blobServices/default/containers`, { token, apiVersion: '2023-01-01' })).json.value).toHaveLength(1);
    expect((await arm(r, 'GET', `${rgPath(r)}/providers/Microsoft.Storage/storageAccounts`, { token, apiVersion: '2023-01-01' })).json.value).toHaveLength(1);

    const kv = `${rgPath(r)}/providers/Microsoft.KeyVault/vaults/my-vault-1`;
    const vault = await arm(r, 'PUT', kv, {
      token,
      apiVersion: '2023-07-01',
      body: { location: 'eastus', properties: { tenantId: r.world.tenantId, sku: { family: 'A', name: 'standard' }, enableRbacAuthorization: true } },
    });
    expect(vault.res.status).toBe(201);
    expect(vault.json.properties).toMatchObject({ enableRbacAuthorization: true, vaultUri: 'https://my-vault-1.vault.azure.net/' });
    expect((await arm(r, 'GET', kv, { token, apiVersion: '2023-07-01' })).res.status).toBe(200);
  });
});
