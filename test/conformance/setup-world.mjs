// The world every conformance client expects, made the way an admin would in the portal: the data
// preset (storage account mysandboxstorage with mycontainer/hello.txt, RBAC vault mySandboxVault
// with mySecret), myLinuxVM's system-assigned identity on, and the roles the clients need —
// Reader and Storage Blob Data Contributor on the group, Key Vault Secrets User on the vault.
// The admin's token comes from the control API; the ARM calls go through the emulator's router as
// the portal (an ARM client like any other).
const ROLES = {
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  blobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  secretsUser: '4633458b-17de-408a-b874-0445c86b69e6',
};

async function control(emu, path, body) {
  const res = await fetch(`${emu.control}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** @param {{ router: any, control: string }} emu  @returns {Promise<Record<string, string>>} the clients' inputs */
export async function setupWorld(emu) {
  await control(emu, '/reset', { preset: 'data' });
  const world = emu.router.world;
  const admin = Object.values(world.data.users)[0];
  const { access_token: token } = await control(emu, '/token', { principal: admin.userPrincipalName, resource: 'https://management.azure.com/' });
  const arm = async (method, path, body) => {
    const res = await emu.router.fetch(
      new Request(`https://management.azure.com${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      }),
      { from: { kind: 'portal', userId: admin.objectId } },
    );
    const json = await res.json();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const subscriptionId = Object.values(world.data.subscriptions)[0].subscriptionId;
  const rg = `/subscriptions/${subscriptionId}/resourceGroups/myResourceGroup`;
  const vm = Object.values(world.data.virtualMachines).find((v) => v.name === 'myLinuxVM');
  const vault = Object.values(world.data.keyVaults)[0];
  const on = await arm('PATCH', `${vm.id}?api-version=2024-07-01`, { identity: { type: 'SystemAssigned' } });
  const grant = (scope, role, n) =>
    arm('PUT', `${scope}/providers/Microsoft.Authorization/roleAssignments/00000000-0000-4000-8000-00000000000${n}?api-version=2022-04-01`, {
      properties: { roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${role}`, principalId: on.identity.principalId, principalType: 'ServicePrincipal' },
    });
  await grant(rg, ROLES.reader, 1);
  await grant(rg, ROLES.blobDataContributor, 2);
  await grant(vault.id, ROLES.secretsUser, 3);
  return {
    AZURE_SUBSCRIPTION_ID: subscriptionId,
    RESOURCE_GROUP: 'myResourceGroup',
    STORAGE_ACCOUNT: Object.values(world.data.storageAccounts)[0].name,
    CONTAINER: 'mycontainer',
    KEY_VAULT: vault.name.toLowerCase(),
  };
}
