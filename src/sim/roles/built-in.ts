/**
 * Every built-in role the spec sheet lists (rbac-arm.md §2), as data.
 *
 * GUIDs, actions, notActions, dataActions, notDataActions, conditions and descriptions are the
 * role JSON of the Microsoft docs versions the sheet cites (S7 privileged 2025-01-25, S8 general,
 * S9 identity, S10 storage, S11 security, S12 compute 2024-04-25) — the JSON `description`, not the
 * portal text, where the two differ. Seed from these only: third-party copies have wrong GUIDs and
 * actions (see §2 "Beware of third-party copies").
 */
import type { Permission, RoleDefinition } from '../rbac/types';

function builtIn(
  name: string,
  roleName: string,
  description: string,
  p: Partial<Permission> & Pick<Permission, 'actions'>,
): RoleDefinition {
  const permission: Permission = {
    actions: p.actions,
    notActions: p.notActions ?? [],
    dataActions: p.dataActions ?? [],
    notDataActions: p.notDataActions ?? [],
  };
  if (p.condition) {
    permission.condition = p.condition;
    permission.conditionVersion = p.conditionVersion ?? '2.0';
  }
  return deepFreeze({ name, roleName, description, roleType: 'BuiltInRole', permissions: [permission], assignableScopes: ['/'] });
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

// The ten control-plane actions Key Vault Reader / Secrets Officer / Administrator share (S11).
const KEY_VAULT_COMMON_ACTIONS = [
  'Microsoft.Authorization/*/read',
  'Microsoft.Insights/alertRules/*',
  'Microsoft.Resources/deployments/*',
  'Microsoft.Resources/subscriptions/resourceGroups/read',
  'Microsoft.Support/*',
  'Microsoft.KeyVault/checkNameAvailability/read',
  'Microsoft.KeyVault/deletedVaults/read',
  'Microsoft.KeyVault/locations/*/read',
  'Microsoft.KeyVault/vaults/*/read',
  'Microsoft.KeyVault/operations/read',
];

// The eight Key Vault data roles Key Vault Data Access Administrator may hand out (S11):
// Administrator, Certificates Officer, Crypto Officer, Crypto Service Encryption User, Crypto User,
// Reader, Secrets Officer, Secrets User.
const KEY_VAULT_DATA_ROLE_GUIDS =
  '00482a5a-887f-4fb3-b363-3b7fe8e74483, a4417e6f-fecd-4de8-b567-7b0420556985, 14b46e9e-c2b7-41b4-b07b-48a6ebf60603, ' +
  'e147488a-f6f5-4113-8e2d-b22465e65bf6, 12338af0-0e69-4776-bea7-57ae8d297424, 21090545-7ca7-4776-b22c-e363652d74d2, ' +
  'b86a8fe4-44ce-4948-aee5-eccb2c155cd7, 4633458b-17de-408a-b874-0445c86b69e6';

export const BUILT_IN_ROLE_IDS = {
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  userAccessAdministrator: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  rbacAdministrator: 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
  virtualMachineContributor: '9980e02c-c2be-4d73-94e8-173b1dc7cf3c',
  managedIdentityOperator: 'f1a07417-d97a-45cb-824c-7a7467783830',
  managedIdentityContributor: 'e40ec5ca-96e0-45a2-b4ff-59039f2c2b59',
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  storageAccountContributor: '17d1049b-9a84-46fb-8f53-869881c3d3ab',
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6',
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  keyVaultReader: '21090545-7ca7-4776-b22c-e363652d74d2',
  keyVaultAdministrator: '00482a5a-887f-4fb3-b363-3b7fe8e74483',
  keyVaultContributor: 'f25e0fa2-a7c8-4377-a976-54943a77a395',
  keyVaultDataAccessAdministrator: '8b54135c-b56d-4d72-a534-26097cfdc8d8',
  storageBlobDelegator: 'db58b8e5-c6ad-4a2a-8342-4190687cbf4a',
  readerAndDataAccess: 'c12c1c16-33a1-487b-954d-41c89c60f349',
  virtualMachineUserLogin: 'fb879df8-f326-4884-b1cf-06f3ad86be52',
} as const;

const ID = BUILT_IN_ROLE_IDS;

export const builtInRoles: readonly RoleDefinition[] = Object.freeze([
  builtIn(ID.owner, 'Owner', 'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.', {
    actions: ['*'],
  }),
  // 2025-01-25 list (11 notActions); 2022 docs had the first 5, 2024-04 the first 8 (spec §2).
  builtIn(
    ID.contributor,
    'Contributor',
    'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.',
    {
      actions: ['*'],
      notActions: [
        'Microsoft.Authorization/*/Delete',
        'Microsoft.Authorization/*/Write',
        'Microsoft.Authorization/elevateAccess/Action',
        'Microsoft.Blueprint/blueprintAssignments/write',
        'Microsoft.Blueprint/blueprintAssignments/delete',
        'Microsoft.Compute/galleries/share/action',
        'Microsoft.Purview/consents/write',
        'Microsoft.Purview/consents/delete',
        'Microsoft.Resources/deploymentStacks/manageDenySetting/action',
        'Microsoft.Subscription/cancel/action',
        'Microsoft.Subscription/enable/action',
      ],
    },
  ),
  builtIn(ID.reader, 'Reader', 'View all resources, but does not allow you to make any changes.', { actions: ['*/read'] }),
  builtIn(ID.userAccessAdministrator, 'User Access Administrator', 'Lets you manage user access to Azure resources.', {
    actions: ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*'],
  }),
  builtIn(
    ID.rbacAdministrator,
    'Role Based Access Control Administrator',
    'Manage access to Azure resources by assigning roles using Azure RBAC. This role does not allow you to manage access using other ways, such as Azure Policy.',
    {
      actions: [
        'Microsoft.Authorization/roleAssignments/write',
        'Microsoft.Authorization/roleAssignments/delete',
        '*/read',
        'Microsoft.Support/*',
      ],
    },
  ),
  // Includes storageAccounts/listKeys/action: indirect data access through Shared Key (spec §1.5).
  // Does NOT include userAssignedIdentities/*/assign/action: attaching a UA identity also needs
  // Managed Identity Operator on the identity (spec §2 note, E1, E4).
  builtIn(
    ID.virtualMachineContributor,
    'Virtual Machine Contributor',
    "Lets you manage virtual machines, but not access to them, and not the virtual network or storage account they're connected to.",
    {
      actions: [
        'Microsoft.Authorization/*/read',
        'Microsoft.Compute/availabilitySets/*',
        'Microsoft.Compute/locations/*',
        'Microsoft.Compute/virtualMachines/*',
        'Microsoft.Compute/virtualMachineScaleSets/*',
        'Microsoft.Compute/cloudServices/*',
        'Microsoft.Compute/disks/write',
        'Microsoft.Compute/disks/read',
        'Microsoft.Compute/disks/delete',
        'Microsoft.DevTestLab/schedules/*',
        'Microsoft.Insights/alertRules/*',
        'Microsoft.Network/applicationGateways/backendAddressPools/join/action',
        'Microsoft.Network/loadBalancers/backendAddressPools/join/action',
        'Microsoft.Network/loadBalancers/inboundNatPools/join/action',
        'Microsoft.Network/loadBalancers/inboundNatRules/join/action',
        'Microsoft.Network/loadBalancers/probes/join/action',
        'Microsoft.Network/loadBalancers/read',
        'Microsoft.Network/locations/*',
        'Microsoft.Network/networkInterfaces/*',
        'Microsoft.Network/networkSecurityGroups/join/action',
        'Microsoft.Network/networkSecurityGroups/read',
        'Microsoft.Network/publicIPAddresses/join/action',
        'Microsoft.Network/publicIPAddresses/read',
        'Microsoft.Network/virtualNetworks/read',
        'Microsoft.Network/virtualNetworks/subnets/join/action',
        'Microsoft.RecoveryServices/locations/*',
        'Microsoft.RecoveryServices/Vaults/backupFabrics/backupProtectionIntent/write',
        'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/*/read',
        'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/read',
        'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/write',
        'Microsoft.RecoveryServices/Vaults/backupPolicies/read',
        'Microsoft.RecoveryServices/Vaults/backupPolicies/write',
        'Microsoft.RecoveryServices/Vaults/read',
        'Microsoft.RecoveryServices/Vaults/usages/read',
        'Microsoft.RecoveryServices/Vaults/write',
        'Microsoft.ResourceHealth/availabilityStatuses/read',
        'Microsoft.Resources/deployments/*',
        'Microsoft.Resources/subscriptions/resourceGroups/read',
        'Microsoft.SerialConsole/serialPorts/connect/action',
        'Microsoft.SqlVirtualMachine/*',
        'Microsoft.Storage/storageAccounts/listKeys/action',
        'Microsoft.Storage/storageAccounts/read',
        'Microsoft.Support/*',
      ],
    },
  ),
  builtIn(ID.managedIdentityOperator, 'Managed Identity Operator', 'Read and Assign User Assigned Identity', {
    actions: [
      'Microsoft.ManagedIdentity/userAssignedIdentities/*/read',
      'Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action',
      'Microsoft.Authorization/*/read',
      'Microsoft.Insights/alertRules/*',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      'Microsoft.Resources/deployments/*',
      'Microsoft.Support/*',
    ],
  }),
  // No assign/action, despite an Azure Monitor doc claiming it suffices: trust the role JSON (spec §2).
  builtIn(ID.managedIdentityContributor, 'Managed Identity Contributor', 'Create, Read, Update, and Delete User Assigned Identity', {
    actions: [
      'Microsoft.ManagedIdentity/userAssignedIdentities/read',
      'Microsoft.ManagedIdentity/userAssignedIdentities/write',
      'Microsoft.ManagedIdentity/userAssignedIdentities/delete',
      'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read',
      'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write',
      'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/delete',
      'Microsoft.ManagedIdentity/userAssignedIdentities/revokeTokens/action',
      'Microsoft.Authorization/*/read',
      'Microsoft.Insights/alertRules/*',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      'Microsoft.Resources/deployments/*',
      'Microsoft.Support/*',
    ],
  }),
  builtIn(ID.storageBlobDataReader, 'Storage Blob Data Reader', 'Allows for read access to Azure Storage blob containers and data', {
    actions: [
      'Microsoft.Storage/storageAccounts/blobServices/containers/read',
      'Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action',
    ],
    dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'],
  }),
  // 2024-04-25 list; the 2022 role-definitions example has 4 dataActions (no add/action).
  builtIn(
    ID.storageBlobDataContributor,
    'Storage Blob Data Contributor',
    'Allows for read, write and delete access to Azure Storage blob containers and data',
    {
      actions: [
        'Microsoft.Storage/storageAccounts/blobServices/containers/delete',
        'Microsoft.Storage/storageAccounts/blobServices/containers/read',
        'Microsoft.Storage/storageAccounts/blobServices/containers/write',
        'Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action',
      ],
      dataActions: [
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete',
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write',
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/move/action',
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action',
      ],
    },
  ),
  builtIn(
    ID.storageBlobDataOwner,
    'Storage Blob Data Owner',
    'Allows for full access to Azure Storage blob containers and data, including assigning POSIX access control.',
    {
      actions: [
        'Microsoft.Storage/storageAccounts/blobServices/containers/*',
        'Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action',
      ],
      dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*'],
    },
  ),
  // storageAccounts/* includes listKeys: full data access through Shared Key, as its description says.
  builtIn(
    ID.storageAccountContributor,
    'Storage Account Contributor',
    'Lets you manage storage accounts, including accessing storage account keys which provide full access to storage account data.',
    {
      actions: [
        'Microsoft.Authorization/*/read',
        'Microsoft.Insights/alertRules/*',
        'Microsoft.Insights/diagnosticSettings/*',
        'Microsoft.Network/virtualNetworks/subnets/joinViaServiceEndpoint/action',
        'Microsoft.ResourceHealth/availabilityStatuses/read',
        'Microsoft.Resources/deployments/*',
        'Microsoft.Resources/subscriptions/resourceGroups/read',
        'Microsoft.Storage/storageAccounts/*',
        'Microsoft.Support/*',
      ],
    },
  ),
  // No control-plane actions at all: a holder cannot even GET the vault resource through ARM.
  builtIn(
    ID.keyVaultSecretsUser,
    'Key Vault Secrets User',
    "Read secret contents. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    {
      actions: [],
      dataActions: ['Microsoft.KeyVault/vaults/secrets/getSecret/action', 'Microsoft.KeyVault/vaults/secrets/readMetadata/action'],
    },
  ),
  builtIn(
    ID.keyVaultSecretsOfficer,
    'Key Vault Secrets Officer',
    "Perform any action on the secrets of a key vault, except manage permissions. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    { actions: [...KEY_VAULT_COMMON_ACTIONS], dataActions: ['Microsoft.KeyVault/vaults/secrets/*'] },
  ),
  builtIn(
    ID.keyVaultReader,
    'Key Vault Reader',
    "Read metadata of key vaults and its certificates, keys, and secrets. Cannot read sensitive values such as secret contents or key material. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    {
      actions: [...KEY_VAULT_COMMON_ACTIONS],
      dataActions: ['Microsoft.KeyVault/vaults/*/read', 'Microsoft.KeyVault/vaults/secrets/readMetadata/action'],
    },
  ),
  builtIn(
    ID.keyVaultAdministrator,
    'Key Vault Administrator',
    "Perform all data plane operations on a key vault and all objects in it, including certificates, keys, and secrets. Cannot manage key vault resources or manage role assignments. Only works for key vaults that use the 'Azure role-based access control' permission model.",
    { actions: [...KEY_VAULT_COMMON_ACTIONS], dataActions: ['Microsoft.KeyVault/vaults/*'] },
  ),
  // Microsoft.KeyVault/* covers vaults/accessPolicies/write: on access-policy vaults a holder can
  // grant itself data access (spec §2, [derived]).
  builtIn(ID.keyVaultContributor, 'Key Vault Contributor', 'Lets you manage key vaults, but not access to them.', {
    actions: [
      'Microsoft.Authorization/*/read',
      'Microsoft.Insights/alertRules/*',
      'Microsoft.KeyVault/*',
      'Microsoft.Resources/deployments/*',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      'Microsoft.Support/*',
    ],
    notActions: [
      'Microsoft.KeyVault/locations/deletedVaults/purge/action',
      'Microsoft.KeyVault/hsmPools/*',
      'Microsoft.KeyVault/managedHsms/*',
    ],
  }),
  // The permission block carries an ABAC condition limiting which roles the holder may assign or
  // remove (S11). `Microsoft.Resources/deployments/*` appears twice in the published JSON; kept as published.
  builtIn(
    ID.keyVaultDataAccessAdministrator,
    'Key Vault Data Access Administrator',
    'Manage access to Azure Key Vault by adding or removing role assignments for the Key Vault Administrator, Key Vault Certificates Officer, Key Vault Crypto Officer, Key Vault Crypto Service Encryption User, Key Vault Crypto User, Key Vault Reader, Key Vault Secrets Officer, or Key Vault Secrets User roles. Includes an ABAC condition to constrain role assignments.',
    {
      actions: [
        'Microsoft.Authorization/roleAssignments/write',
        'Microsoft.Authorization/roleAssignments/delete',
        'Microsoft.Authorization/*/read',
        'Microsoft.Resources/deployments/*',
        'Microsoft.Resources/subscriptions/resourceGroups/read',
        'Microsoft.Resources/subscriptions/read',
        'Microsoft.Management/managementGroups/read',
        'Microsoft.Resources/deployments/*',
        'Microsoft.Support/*',
        'Microsoft.KeyVault/vaults/*/read',
      ],
      conditionVersion: '2.0',
      condition:
        "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR " +
        `(@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals{${KEY_VAULT_DATA_ROLE_GUIDS}})) AND ` +
        "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})) OR " +
        `(@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals{${KEY_VAULT_DATA_ROLE_GUIDS}}))`,
    },
  ),
  builtIn(
    ID.storageBlobDelegator,
    'Storage Blob Delegator',
    'Allows for generation of a user delegation key which can be used to sign SAS tokens',
    { actions: ['Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action'] },
  ),
  builtIn(
    ID.readerAndDataAccess,
    'Reader and Data Access',
    'Lets you view everything but will not let you delete or create a storage account or contained resource. It will also allow read/write access to all data contained in a storage account via access to storage account keys.',
    {
      actions: [
        'Microsoft.Storage/storageAccounts/listKeys/action',
        'Microsoft.Storage/storageAccounts/ListAccountSas/action',
        'Microsoft.Storage/storageAccounts/read',
      ],
    },
  ),
  // `virtualMachines/*/read` is meant to cover `virtualMachines/read` ("view VMs in the portal"):
  // the zero-segment wildcard case (spec §1.3).
  builtIn(ID.virtualMachineUserLogin, 'Virtual Machine User Login', 'View Virtual Machines in the portal and login as a regular user.', {
    actions: [
      'Microsoft.Network/publicIPAddresses/read',
      'Microsoft.Network/virtualNetworks/read',
      'Microsoft.Network/loadBalancers/read',
      'Microsoft.Network/networkInterfaces/read',
      'Microsoft.Compute/virtualMachines/*/read',
      'Microsoft.HybridCompute/machines/*/read',
      'Microsoft.HybridConnectivity/endpoints/listCredentials/action',
    ],
    dataActions: ['Microsoft.Compute/virtualMachines/login/action', 'Microsoft.HybridCompute/machines/login/action'],
  }),
]);
