/** ARM's generic resource lists: GET /subscriptions/{id}/resources and …/resourceGroups/{rg}/resources. */
import { describe, expect, test } from 'vitest';
import { QUICKSTART } from '../../src/sim/index';
import { adminToken, arm, miToken, rig, type Rig } from './harness';

const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const sub = (r: Rig) => `/subscriptions/${r.subscriptionId}`;
const rgPath = (r: Rig, rg: string = QUICKSTART.resourceGroup) => `${sub(r)}/resourceGroups/${rg}`;
const UAI = 'Microsoft.ManagedIdentity/userAssignedIdentities';
const names = (json: { value: { type: string; name: string }[] }) => json.value.map((x) => `${x.type}/${x.name}`).sort();

/** The quickstart plus a second group holding one user-assigned identity; the Linux VM's identity is on. */
async function twoGroups() {
  const r = rig({ systemAssigned: true });
  const admin = await adminToken(r);
  expect((await arm(r, 'PUT', rgPath(r, 'other'), { token: admin, body: { location: 'eastus' } })).res.status).toBe(201);
  const uai = await arm(r, 'PUT', `${rgPath(r, 'other')}/providers/${UAI}/otherId`, { token: admin, apiVersion: '2023-01-31', body: { location: 'eastus', tags: { env: 'dev' } } });
  expect(uai.res.status).toBe(201);
  return { r, admin };
}

async function grantReader(r: Rig, admin: string, scope: string) {
  const oid = Object.values(r.world.data.servicePrincipals)[0]!.objectId;
  const made = await arm(r, 'PUT', `${scope}/providers/Microsoft.Authorization/roleAssignments/0b5b7a39-8e4a-4c3a-9d8f-1f2e3d4c5b6a`, {
    token: admin,
    apiVersion: '2022-04-01',
    body: { properties: { roleDefinitionId: `${sub(r)}/providers/Microsoft.Authorization/roleDefinitions/${READER}`, principalId: oid, principalType: 'ServicePrincipal' } },
  });
  expect(made.res.status).toBe(201);
}

describe('GET /subscriptions/{id}/resources', () => {
  test('the owner sees every resource in the generic shape, one page without nextLink', async () => {
    const { r, admin } = await twoGroups();
    const { res, json } = await arm(r, 'GET', `${sub(r)}/resources`, { token: admin });
    expect(res.status).toBe(200);
    expect(names(json)).toEqual([`Microsoft.Compute/virtualMachines/${QUICKSTART.linuxVm}`, `Microsoft.Compute/virtualMachines/${QUICKSTART.windowsVm}`, `${UAI}/otherId`]);
    expect('nextLink' in json).toBe(false);
    const uai = json.value.find((x: { name: string }) => x.name === 'otherId');
    expect(uai).toEqual({ id: `${rgPath(r, 'other')}/providers/${UAI}/otherId`, name: 'otherId', type: UAI, location: 'eastus', tags: { env: 'dev' } });
    const linux = json.value.find((x: { name: string }) => x.name === QUICKSTART.linuxVm);
    expect(linux.identity).toMatchObject({ type: 'SystemAssigned', tenantId: r.world.tenantId });
    expect(Object.keys(linux)).toEqual(expect.arrayContaining(['id', 'name', 'type', 'location', 'tags', 'identity']));
  });

  test.each([
    { held: 'nothing', scope: null, sees: [] as string[] },
    { held: 'Reader on myResourceGroup', scope: (r: Rig) => rgPath(r), sees: [QUICKSTART.linuxVm, QUICKSTART.windowsVm] },
    { held: 'Reader on the other group', scope: (r: Rig) => rgPath(r, 'other'), sees: ['otherId'] },
    { held: 'Reader on the subscription', scope: (r: Rig) => sub(r), sees: [QUICKSTART.linuxVm, QUICKSTART.windowsVm, 'otherId'] },
  ])('a caller holding $held sees only what it may read', async ({ scope, sees }) => {
    const { r, admin } = await twoGroups();
    if (scope) await grantReader(r, admin, scope(r));
    const { res, json } = await arm(r, 'GET', `${sub(r)}/resources`, { token: await miToken(r) });
    expect(res.status).toBe(200);
    expect(json.value.map((x: { name: string }) => x.name).sort()).toEqual([...sees].sort());
  });

  test('$filter=resourceType eq …, name eq … and resourceGroup eq …, case-insensitively', async () => {
    const { r, admin } = await twoGroups();
    const list = (filter: string) => arm(r, 'GET', `${sub(r)}/resources?$filter=${encodeURIComponent(filter)}`, { token: admin });
    expect(names((await list(`resourceType eq '${UAI.toLowerCase()}'`)).json)).toEqual([`${UAI}/otherId`]);
    expect(names((await list(`resourceType EQ 'Microsoft.Compute/virtualMachines' and name eq '${QUICKSTART.windowsVm}'`)).json)).toEqual([
      `Microsoft.Compute/virtualMachines/${QUICKSTART.windowsVm}`,
    ]);
    expect(names((await list("resourceGroup eq 'OTHER'")).json)).toEqual([`${UAI}/otherId`]);
    const bad = await list("location ne 'eastus'");
    expect(bad.res.status).toBe(400);
    expect(bad.json.error.code).toBe('InvalidFilterInQueryString');
  });

  test('$top pages with a nextLink that the next call follows to the end', async () => {
    const { r, admin } = await twoGroups();
    const seen: string[] = [];
    let path: string | null = `${sub(r)}/resources?$top=2`;
    let pages = 0;
    while (path) {
      const { res, json } = await arm(r, 'GET', path, { token: admin, apiVersion: path.includes('api-version') ? null : undefined });
      expect(res.status).toBe(200);
      expect(json.value.length).toBeLessThanOrEqual(2);
      seen.push(...json.value.map((x: { name: string }) => x.name));
      pages++;
      path = json.nextLink ? (json.nextLink as string).replace('https://management.azure.com', '') : null;
    }
    expect(pages).toBe(2);
    expect(seen.sort()).toEqual([QUICKSTART.linuxVm, QUICKSTART.windowsVm, 'otherId'].sort());
    for (const top of ['0', 'x', '-1']) {
      const bad = await arm(r, 'GET', `${sub(r)}/resources?$top=${top}`, { token: admin });
      expect(bad.res.status).toBe(400);
    }
  });
});

describe('GET /subscriptions/{id}/resourceGroups/{rg}/resources', () => {
  test('needs read on the group; lists that group only; filters like the subscription list', async () => {
    const { r, admin } = await twoGroups();
    const denied = await arm(r, 'GET', `${rgPath(r, 'other')}/resources`, { token: await miToken(r) });
    expect(denied.res.status).toBe(403);
    expect(denied.json.error.code).toBe('AuthorizationFailed');
    expect(denied.json.error.message).toContain("'Microsoft.Resources/subscriptions/resourceGroups/resources/read'");
    await grantReader(r, admin, rgPath(r, 'other'));
    const { json } = await arm(r, 'GET', `${rgPath(r, 'other')}/resources`, { token: await miToken(r) });
    expect(names(json)).toEqual([`${UAI}/otherId`]);
    const filtered = await arm(r, 'GET', `${rgPath(r)}/resources?$filter=${encodeURIComponent(`name eq '${QUICKSTART.linuxVm}'`)}`, { token: admin });
    expect(names(filtered.json)).toEqual([`Microsoft.Compute/virtualMachines/${QUICKSTART.linuxVm}`]);
    expect((await arm(r, 'GET', `${rgPath(r, 'nope')}/resources`, { token: admin })).res.status).toBe(404);
  });
});
