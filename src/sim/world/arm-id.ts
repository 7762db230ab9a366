/**
 * ARM ids of the resources the world holds. ARM compares ids case-insensitively but echoes them in
 * the casing they were created with, so ids are built once here and keyed lower-case everywhere.
 */

export const keyOf = (id: string): string => id.toLowerCase();

export const subscriptionId = (sub: string): string => `/subscriptions/${sub}`;
export const resourceGroupId = (sub: string, rg: string): string => `/subscriptions/${sub}/resourceGroups/${rg}`;
export const managementGroupId = (name: string): string => `/providers/Microsoft.Management/managementGroups/${name}`;

export const providerResourceId = (sub: string, rg: string, providerType: string, name: string): string =>
  `${resourceGroupId(sub, rg)}/providers/${providerType}/${name}`;

export const VM_TYPE = 'Microsoft.Compute/virtualMachines';
export const UAI_TYPE = 'Microsoft.ManagedIdentity/userAssignedIdentities';
export const STORAGE_TYPE = 'Microsoft.Storage/storageAccounts';
export const VAULT_TYPE = 'Microsoft.KeyVault/vaults';

export const containerId = (accountId: string, container: string): string =>
  `${accountId}/blobServices/default/containers/${container}`;

export const roleAssignmentId = (scope: string, name: string): string =>
  `${scope === '/' ? '' : scope}/providers/Microsoft.Authorization/roleAssignments/${name}`;

export const roleDefinitionId = (guid: string): string => `/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

export interface ParsedResourceId {
  subscriptionId: string;
  resourceGroup: string;
  /** `Microsoft.Compute/virtualMachines` */
  providerType: string;
  name: string;
}

const RESOURCE_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/([^/]+\/[^/]+)\/([^/]+)$/i;

/** Parses a top-level provider resource id; null for anything else. */
export function parseResourceId(id: string): ParsedResourceId | null {
  const m = RESOURCE_ID.exec(id);
  if (!m) return null;
  return { subscriptionId: m[1]!, resourceGroup: m[2]!, providerType: m[3]!, name: m[4]! };
}

/** Lower-cases the `resourceGroups` segment the way tokens (`xms_mirid`) and ARM errors print it. */
export const withLowercaseResourceGroups = (id: string): string => id.replace(/\/resourceGroups\//i, '/resourcegroups/');
