import { describe, expect, it } from 'vitest';
import { builtInRoles, findRole, isGuid, matchesAction, roleDefinitionId, roleGuidOf } from '../../../src/sim/rbac';

// Every role rbac-arm.md §2 lists: the 16 in the JSON block plus the 5 "related roles".
const SHEET_ROLES: [string, string][] = [
  ['Owner', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'],
  ['Contributor', 'b24988ac-6180-42a0-ab88-20f7382dd24c'],
  ['Reader', 'acdd72a7-3385-48ef-bd42-f606fba81ae7'],
  ['User Access Administrator', '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9'],
  ['Role Based Access Control Administrator', 'f58310d9-a9f6-439a-9e8d-f62e7b41a168'],
  ['Virtual Machine Contributor', '9980e02c-c2be-4d73-94e8-173b1dc7cf3c'],
  ['Managed Identity Operator', 'f1a07417-d97a-45cb-824c-7a7467783830'],
  ['Managed Identity Contributor', 'e40ec5ca-96e0-45a2-b4ff-59039f2c2b59'],
  ['Storage Blob Data Reader', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'],
  ['Storage Blob Data Contributor', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'],
  ['Storage Blob Data Owner', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'],
  ['Storage Account Contributor', '17d1049b-9a84-46fb-8f53-869881c3d3ab'],
  ['Key Vault Secrets User', '4633458b-17de-408a-b874-0445c86b69e6'],
  ['Key Vault Secrets Officer', 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'],
  ['Key Vault Reader', '21090545-7ca7-4776-b22c-e363652d74d2'],
  ['Key Vault Administrator', '00482a5a-887f-4fb3-b363-3b7fe8e74483'],
  ['Key Vault Contributor', 'f25e0fa2-a7c8-4377-a976-54943a77a395'],
  ['Key Vault Data Access Administrator', '8b54135c-b56d-4d72-a534-26097cfdc8d8'],
  ['Storage Blob Delegator', 'db58b8e5-c6ad-4a2a-8342-4190687cbf4a'],
  ['Reader and Data Access', 'c12c1c16-33a1-487b-954d-41c89c60f349'],
  ['Virtual Machine User Login', 'fb879df8-f326-4884-b1cf-06f3ad86be52'],
];

describe('built-in roles (spec §2)', () => {
  it('holds exactly the 21 roles of the sheet, by real name and GUID', () => {
    expect(builtInRoles.map((r) => [r.roleName, r.name]).sort()).toEqual([...SHEET_ROLES].sort());
  });

  it('has unique GUIDs and names, one permission block each, assignable at "/"', () => {
    expect(new Set(builtInRoles.map((r) => r.name)).size).toBe(builtInRoles.length);
    expect(new Set(builtInRoles.map((r) => r.roleName.toLowerCase())).size).toBe(builtInRoles.length);
    for (const r of builtInRoles) {
      expect(isGuid(r.name), r.roleName).toBe(true);
      expect(r).toMatchObject({ roleType: 'BuiltInRole', assignableScopes: ['/'] });
      expect(r.description.length, r.roleName).toBeGreaterThan(10);
      expect(r.permissions).toHaveLength(1);
    }
  });

  it('is frozen so no caller can edit a built-in by accident', () => {
    const reader = findRole('Reader');
    expect(Object.isFrozen(reader)).toBe(true);
    expect(Object.isFrozen(reader?.permissions[0]?.actions)).toBe(true);
  });

  it.each([
    ['Owner', { actions: ['*'], notActions: [], dataActions: [], notDataActions: [] }],
    ['Reader', { actions: ['*/read'], notActions: [], dataActions: [], notDataActions: [] }],
    ['User Access Administrator', { actions: ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*'], dataActions: [] }],
    ['Key Vault Secrets User', { actions: [], dataActions: ['Microsoft.KeyVault/vaults/secrets/getSecret/action', 'Microsoft.KeyVault/vaults/secrets/readMetadata/action'] }],
    ['Storage Blob Data Owner', { dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*'] }],
    ['Key Vault Administrator', { dataActions: ['Microsoft.KeyVault/vaults/*'] }],
  ])('%s has the published permissions', (name, expected) => {
    expect(findRole(name)?.permissions[0]).toMatchObject(expected);
  });

  it('Contributor carries the 2025 list of 11 NotActions', () => {
    const notActions = findRole('Contributor')?.permissions[0]?.notActions ?? [];
    expect(notActions).toHaveLength(11);
    expect(notActions.slice(0, 3)).toEqual(['Microsoft.Authorization/*/Delete', 'Microsoft.Authorization/*/Write', 'Microsoft.Authorization/elevateAccess/Action']);
  });

  it('Virtual Machine Contributor lists storage keys but cannot assign identities (§7.11)', () => {
    const actions = findRole('Virtual Machine Contributor')?.permissions[0]?.actions ?? [];
    expect(actions).toHaveLength(43);
    expect(actions.some((p) => matchesAction(p, 'Microsoft.Storage/storageAccounts/listKeys/action'))).toBe(true);
    expect(actions.some((p) => matchesAction(p, 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action'))).toBe(false);
  });

  it('Key Vault Data Access Administrator carries its ABAC condition over the 8 Key Vault roles', () => {
    const p = findRole('Key Vault Data Access Administrator')?.permissions[0];
    expect(p?.conditionVersion).toBe('2.0');
    for (const role of ['Key Vault Administrator', 'Key Vault Reader', 'Key Vault Secrets Officer', 'Key Vault Secrets User']) {
      expect(p?.condition).toContain(findRole(role)?.name);
    }
    expect(p?.condition).not.toContain(findRole('Owner')?.name);
  });

  it('Key Vault Reader, Secrets Officer and Administrator share the same 10 control-plane actions', () => {
    const a = (n: string) => findRole(n)?.permissions[0]?.actions;
    expect(a('Key Vault Reader')).toHaveLength(10);
    expect(a('Key Vault Secrets Officer')).toEqual(a('Key Vault Reader'));
    expect(a('Key Vault Administrator')).toEqual(a('Key Vault Reader'));
  });
});

describe('findRole', () => {
  const reader = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
  it.each([
    ['Reader'],
    ['reader'],
    ['  READER '],
    [reader],
    [reader.toUpperCase()],
    [`/providers/Microsoft.Authorization/roleDefinitions/${reader}`],
    [`/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/providers/Microsoft.Authorization/roleDefinitions/${reader}`],
    [`/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/providers/microsoft.authorization/roledefinitions/${reader}/`],
  ])('finds Reader by %j', (key) => {
    expect(findRole(key)?.name).toBe(reader);
  });

  it.each([[''], ['Readers'], ['11111111-2222-3333-4444-555555555555'], ['/providers/Microsoft.Authorization/roleDefinitions/not-a-guid']])(
    'finds nothing for %j',
    (key) => {
      expect(findRole(key)).toBeUndefined();
    },
  );

  it('looks in the given custom roles first, then the built-ins', () => {
    const custom = { ...findRole('Reader')!, name: '11111111-2222-3333-4444-555555555555', roleName: 'Auditor', roleType: 'CustomRole' as const };
    expect(findRole('auditor', [custom])).toBe(custom);
    expect(findRole('11111111-2222-3333-4444-555555555555', [custom])).toBe(custom);
    expect(findRole('Owner', [custom])?.roleName).toBe('Owner');
  });

  it('reads GUIDs off both id forms and builds the docs form', () => {
    expect(roleGuidOf(`/providers/Microsoft.Authorization/roleDefinitions/${reader.toUpperCase()}`)).toBe(reader);
    expect(roleGuidOf('/subscriptions/s/resourceGroups/rg')).toBeUndefined();
    expect(roleDefinitionId({ name: reader })).toBe(`/providers/Microsoft.Authorization/roleDefinitions/${reader}`);
    expect(roleDefinitionId({ name: reader }, 'sub-1')).toBe(`/subscriptions/sub-1/providers/Microsoft.Authorization/roleDefinitions/${reader}`);
  });
});
