/**
 * The ARM wire shapes the portal reads (rbac-arm.md §3). Only the fields the blades use are typed;
 * everything else ARM sends is passed through untouched.
 */

export interface ArmList<T> {
  value: T[];
  nextLink?: string | null;
}

export interface SubscriptionResource {
  id: string;
  subscriptionId: string;
  displayName: string;
  state: string;
  tenantId?: string;
}

export interface ResourceGroupResource {
  id: string;
  name: string;
  type: string;
  location: string;
  tags?: Record<string, string>;
  properties?: { provisioningState?: string };
}

/** An entry of `…/resources` (generic resource). */
export interface StorageAccountResource {
  id: string;
  name: string;
  location: string;
  kind?: string;
  sku?: { name: string; tier?: string };
  properties: { primaryEndpoints?: { blob?: string } };
}

export interface KeyVaultResource {
  id: string;
  name: string;
  location: string;
  properties: { vaultUri?: string; enableRbacAuthorization?: boolean; sku?: { name: string } };
}

export interface GenericResource {
  id: string;
  name: string;
  type: string;
  location: string;
  tags?: Record<string, string>;
}

export interface UserAssignedRef {
  principalId?: string;
  clientId?: string;
}

export type VmIdentityType = 'None' | 'SystemAssigned' | 'UserAssigned' | 'SystemAssigned, UserAssigned';

export interface VmIdentity {
  type: VmIdentityType | 'SystemAssigned,UserAssigned';
  principalId?: string;
  tenantId?: string;
  userAssignedIdentities?: Record<string, UserAssignedRef>;
}

export interface VirtualMachineResource {
  id: string;
  name: string;
  type: string;
  location: string;
  tags?: Record<string, string>;
  identity?: VmIdentity;
  properties: {
    vmId?: string;
    hardwareProfile?: { vmSize?: string };
    storageProfile?: {
      imageReference?: { publisher?: string; offer?: string; sku?: string; version?: string };
      osDisk?: { osType?: 'Linux' | 'Windows' };
    };
    osProfile?: { computerName?: string; adminUsername?: string };
    provisioningState?: string;
  };
}

/** Body of a VM PATCH that touches only `identity`; a `null` map entry removes that identity. */
export interface VmIdentityPatchBody {
  identity: {
    type: VmIdentityType;
    userAssignedIdentities?: Record<string, Record<string, never> | null>;
  };
}

export interface UserAssignedIdentityResource {
  id: string;
  name: string;
  type: string;
  location: string;
  tags?: Record<string, string>;
  properties: { clientId: string; principalId: string; tenantId: string; isolationScope?: string };
}

export interface RoleAssignmentResource {
  id: string;
  name: string;
  type: string;
  properties: {
    scope: string;
    roleDefinitionId: string;
    principalId: string;
    principalType: 'User' | 'Group' | 'ServicePrincipal' | 'ForeignGroup';
    description?: string | null;
    condition?: string | null;
    conditionVersion?: string | null;
    createdOn?: string;
  };
}

export interface RolePermission {
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
}

export interface RoleDefinitionResource {
  id: string;
  name: string;
  type: string;
  properties: {
    roleName: string;
    type: 'BuiltInRole' | 'CustomRole' | string;
    description: string;
    assignableScopes: string[];
    permissions: RolePermission[];
  };
}

export type PrincipalType = RoleAssignmentResource['properties']['principalType'];
