/** The smallest fix for a denial, from real denials recorded by the router (table-driven). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDenyAssignment, advanceClock, createUser, DATA, issueUserToken, rbac, setPropagationDelay } from '../../../src/sim/index';
import { smallestFix, narrowestExistingScope } from '../../../src/cloud/inspect/smallest-fix';
import { grantingRoles, leastPrivilegedRole, LEAST_PRIVILEGED_FIRST, roleGrants } from '../../../src/cloud/inspect/role-ranking';
import { adminAssigns, getResourceGroup, grant, readBlob, readSecret, ROLE, scenario, type Scenario } from './scenarios';
import { arm, miToken } from '../harness';

const denial = (s: Scenario) => {
  const a = s.last().authorizations.find((x) => !x.allowed && x.purpose !== 'listFilter');
  if (!a) throw new Error(`no denial on #${s.last().seq} (${s.last().response?.status})`);
  return a;
};

describe('smallest fix for a denied request', () => {
  const cases: { name: string; data?: boolean; run: (s: Scenario) => Promise<unknown>; sentence: RegExp | string; role: string; scopeEnds: string }[] = [
    {
      name: 'the quickstart ARM GET before any role → Reader on the resource group',
      run: getResourceGroup,
      sentence: "Assign Reader on myResourceGroup to myLinuxVM's identity.",
      role: 'Reader',
      scopeEnds: '/resourceGroups/myResourceGroup',
    },
    {
      name: 'a blob read (data action) → Storage Blob Data Reader on the container',
      data: true,
      run: readBlob,
      sentence: `Assign Storage Blob Data Reader on container ${DATA.container} in storage account ${DATA.storageAccount} to myLinuxVM's identity.`,
      role: 'Storage Blob Data Reader',
      scopeEnds: `/containers/${DATA.container}`,
    },
    {
      name: 'a Key Vault secret read (data action) → Key Vault Secrets User',
      data: true,
      run: readSecret,
      sentence: /^Assign Key Vault Secrets User on .*mySandboxVault.* to myLinuxVM's identity\.$/,
      role: 'Key Vault Secrets User',
      scopeEnds: '',
    },
    {
      name: 'Reader on the group cannot write a role assignment → RBAC Administrator, not Owner',
      run: async (s) => {
        grant(s.world, s.principalId, s.resourceGroupId, ROLE.reader);
        const token = await miToken(s);
        return arm(s, 'PUT', `${s.resourceGroupId}/providers/Microsoft.Authorization/roleAssignments/11111111-2222-4333-8444-555555555555`, {
          token,
          apiVersion: '2022-04-01',
          body: { properties: { roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${ROLE.reader}`, principalId: s.principalId } },
        });
      },
      sentence: "Assign Role Based Access Control Administrator on myResourceGroup to myLinuxVM's identity.",
      role: 'Role Based Access Control Administrator',
      scopeEnds: '/resourceGroups/myResourceGroup',
    },
  ];

  it.each(cases)('$name', async ({ data, run, sentence, role, scopeEnds }) => {
    const s = scenario({ data: Boolean(data) });
    await run(s);
    const fix = smallestFix(s.world, denial(s));
    expect(fix?.kind).toBe('assignRole');
    if (fix?.kind !== 'assignRole') return;
    if (typeof sentence === 'string') expect(fix.sentence).toBe(sentence);
    else expect(fix.sentence).toMatch(sentence);
    expect(fix.roleName).toBe(role);
    expect(fix.scope.endsWith(scopeEnds)).toBe(true);
    expect(fix.principalId).toBe(s.principalId);
    expect(fix.assignAccessTo).toBe('managedIdentity');
    expect(fix.reason).toContain(`least-privileged built-in role`);
  });

  it('a NotActions subtraction (Contributor cannot write role assignments) still gets a role that grants it', async () => {
    const s = scenario();
    grant(s.world, s.principalId, s.resourceGroupId, ROLE.contributor);
    const token = await miToken(s);
    await arm(s, 'PUT', `${s.resourceGroupId}/providers/Microsoft.Authorization/roleAssignments/11111111-2222-4333-8444-555555555555`, {
      token,
      apiVersion: '2022-04-01',
      body: { properties: { roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${ROLE.reader}`, principalId: s.principalId } },
    });
    const fix = smallestFix(s.world, denial(s));
    expect(fix).toMatchObject({ kind: 'assignRole', roleName: 'Role Based Access Control Administrator' });
  });

  it('a signed-in user without a role gets the fix by UPN, assigned as a user', async () => {
    const s = scenario();
    const user = createUser(s.world, { userPrincipalName: 'dana@contoso.onmicrosoft.com', displayName: 'Dana' });
    if (!user.ok) throw new Error(user.error.message);
    const token = await issueUserToken(s.world, { user: 'dana@contoso.onmicrosoft.com', resource: 'https://management.azure.com/' });
    if (!token.ok) throw new Error(token.error.message);
    await arm(s, 'GET', `/subscriptions/${s.subscriptionId}/resourceGroups/myResourceGroup`, { token: token.value.record.jwt, from: { kind: 'portal', userId: user.value.objectId } });
    expect(smallestFix(s.world, denial(s))).toMatchObject({
      kind: 'assignRole',
      sentence: 'Assign Reader on myResourceGroup to dana@contoso.onmicrosoft.com.',
      principalType: 'User',
      assignAccessTo: 'userGroupServicePrincipal',
    });
  });

  it('a deny assignment has no role fix', async () => {
    const s = scenario();
    grant(s.world, s.principalId, s.resourceGroupId, ROLE.reader);
    addDenyAssignment(s.world, {
      name: '99999999-9999-4999-8999-999999999999',
      denyAssignmentName: 'Locked by managed application',
      description: 'test',
      scope: s.resourceGroupId,
      permissions: [{ actions: ['*/read'], notActions: [], dataActions: [], notDataActions: [] }],
      principals: [{ id: rbac.ALL_PRINCIPALS_ID, type: 'SystemDefined' }],
      excludePrincipals: [],
      doNotApplyToChildScopes: false,
      isSystemProtected: true,
    });
    await getResourceGroup(s);
    expect(smallestFix(s.world, denial(s))).toMatchObject({ kind: 'blockedByDeny', denyAssignmentName: 'Locked by managed application' });
  });

  it('a pending assignment needs only time, counted in simulated time', async () => {
    const s = scenario();
    setPropagationDelay(s.world, 5 * 60_000);
    await adminAssigns(s, s.resourceGroupId, ROLE.reader);
    advanceClock(s.world, 60_000);
    await getResourceGroup(s);
    const fix = smallestFix(s.world, denial(s));
    expect(fix).toMatchObject({ kind: 'wait', remainingMs: 4 * 60_000 });
    expect(fix?.sentence).toContain('takes effect in 4 min of simulated time');
    advanceClock(s.world, 4 * 60_000);
    expect(smallestFix(s.world, denial(s))?.sentence).toContain('has propagated since');
  });

  it('a misspelt resource group: says the scope does not exist, and offers no wider grant', async () => {
    const s = scenario();
    // Reader on the real group, none above it: the typo gets 403, as in Azure (authorization before lookup).
    grant(s.world, s.principalId, s.resourceGroupId, ROLE.reader);
    const token = await miToken(s);
    await arm(s, 'GET', `/subscriptions/${s.subscriptionId}/resourceGroups/myResourceGrop`, { token, apiVersion: '2016-09-01' });
    expect(s.last().response?.status).toBe(403);
    const fix = smallestFix(s.world, denial(s));
    expect(fix).toMatchObject({ kind: 'checkName', missing: 'myResourceGrop' });
    expect(fix?.sentence).toMatch(/^The resource group myResourceGrop does not exist in subscription .*: check the name \(did you mean myResourceGroup\?\)\./);
    expect(fix?.sentence).toContain('myResourceGroup');
    expect(JSON.stringify(fix)).not.toMatch(/Assign /);
  });

  it('an allowed request needs no fix', async () => {
    const s = scenario();
    grant(s.world, s.principalId, s.resourceGroupId, ROLE.reader);
    await getResourceGroup(s);
    expect(s.last().response?.status).toBe(200);
    expect(smallestFix(s.world, s.last().authorizations[0]!)).toBeNull();
  });

  it('the narrowest scope is the nearest one the world has', () => {
    const s = scenario();
    expect(narrowestExistingScope(s.world, `${s.resourceGroupId}/providers/Microsoft.Storage/storageAccounts/nothere`)).toBe(s.resourceGroupId);
    expect(narrowestExistingScope(s.world, s.linuxVmId)).toBe(s.linuxVmId);
    expect(narrowestExistingScope(s.world, 'not a scope')).toBe('/');
  });
});

describe('least-privileged role ranking', () => {
  it('ranks every built-in role exactly once', () => {
    expect([...LEAST_PRIVILEGED_FIRST].sort()).toEqual(rbac.builtInRoles.map((r) => r.roleName).sort());
  });

  it.each([
    ['Microsoft.Resources/subscriptions/resourcegroups/read', false, 'Reader'],
    ['Microsoft.Compute/virtualMachines/write', false, 'Virtual Machine Contributor'],
    ['Microsoft.ManagedIdentity/userAssignedIdentities/assign/action', false, 'Managed Identity Operator'],
    ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read', true, 'Storage Blob Data Reader'],
    ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write', true, 'Storage Blob Data Contributor'],
    ['Microsoft.KeyVault/vaults/secrets/getSecret/action', true, 'Key Vault Secrets User'],
    ['Microsoft.KeyVault/vaults/secrets/setSecret/action', true, 'Key Vault Secrets Officer'],
    ['Microsoft.Authorization/roleAssignments/write', false, 'Role Based Access Control Administrator'],
    ['Microsoft.Network/virtualNetworks/write', false, 'Contributor'],
  ] as const)('%s (data: %s) → %s', (action, isData, role) => {
    expect(leastPrivilegedRole(action, isData)?.role.roleName).toBe(role);
  });

  it('never offers a role whose Actions are the only match for a data action', () => {
    // Owner's '*' covers every control-plane string but no data action.
    const names = grantingRoles('Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read', true).map((g) => g.role.roleName);
    expect(names).not.toContain('Owner');
    expect(names).not.toContain('Contributor');
  });

  // Every literal action written in some built-in role: the pick grants it, and no role ranked
  // before the pick does (so the pick really is the first that fits).
  const literals = rbac.builtInRoles.flatMap((r) =>
    r.permissions.flatMap((p) => [
      ...p.actions.filter((a) => !a.includes('*')).map((a) => [a, false] as const),
      ...p.dataActions.filter((a) => !a.includes('*')).map((a) => [a, true] as const),
    ]),
  );
  it('the pick grants the action and is the first ranked role that does', () => {
    fc.assert(
      fc.property(fc.constantFrom(...literals), ([action, isData]) => {
        const pick = leastPrivilegedRole(action, isData);
        if (!pick) return rbac.builtInRoles.every((r) => roleGrants(r, action, isData) === null || r.permissions.every((p) => p.condition));
        expect(roleGrants(pick.role, action, isData)).not.toBeNull();
        const before = LEAST_PRIVILEGED_FIRST.slice(0, LEAST_PRIVILEGED_FIRST.indexOf(pick.role.roleName));
        for (const name of before) {
          const role = rbac.builtInRoles.find((r) => r.roleName === name)!;
          expect(roleGrants(role, action, isData)).toBeNull();
        }
        return true;
      }),
    );
  });
});
