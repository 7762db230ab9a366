/**
 * The contract between the world model and the RBAC engine.
 *
 * RBAC evaluation reads only these shapes, never the whole world, so the engine can be indexed,
 * benchmarked and property-tested on its own. Scopes are ARM ids compared case-insensitively
 * ("/", "/providers/Microsoft.Management/managementGroups/x", "/subscriptions/s",
 * "/subscriptions/s/resourceGroups/rg", "/subscriptions/s/resourceGroups/rg/providers/ns/type/name").
 */

/** One `permissions[]` block of a role definition or a deny assignment. */
export interface Permission {
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
  /** ABAC condition on a role-definition permission block (Key Vault Data Access Administrator style). */
  condition?: string | null;
  conditionVersion?: string | null;
}

export interface RoleDefinition {
  /** The GUID; built-in roles have the same GUID in every cloud. */
  name: string;
  roleName: string;
  description: string;
  roleType: 'BuiltInRole' | 'CustomRole';
  permissions: Permission[];
  assignableScopes: string[];
}

export type PrincipalType = 'User' | 'Group' | 'ServicePrincipal' | 'ForeignGroup';

export interface RoleAssignment {
  /** GUID name of the assignment (the last segment of its id). */
  name: string;
  scope: string;
  /** Trailing GUID identifies the role; either `/providers/...` or subscription-qualified form. */
  roleDefinitionId: string;
  principalId: string;
  principalType: PrincipalType;
  /** ISO time in simulated time. */
  createdOn: string;
  /** Simulated ms epoch from which the assignment is honoured (createdOn + propagation delay). */
  effectiveFrom: number;
  /** Simulated ms epoch after which a removed assignment stops being honoured; absent = not removed. */
  removedAt?: number | null;
  condition?: string | null;
  conditionVersion?: string | null;
  description?: string | null;
}

export interface DenyPrincipal {
  /** `00000000-0000-0000-0000-000000000000` with type `SystemDefined` means All Principals. */
  id: string;
  type: string;
}

export interface DenyAssignment {
  name: string;
  denyAssignmentName: string;
  description: string;
  scope: string;
  permissions: Permission[];
  principals: DenyPrincipal[];
  excludePrincipals: DenyPrincipal[];
  doNotApplyToChildScopes: boolean;
  isSystemProtected: boolean;
}

/** What the engine needs from the world. `groupsOf` returns the transitive group closure. */
export interface RbacData {
  roleDefinitions: readonly RoleDefinition[];
  roleAssignments: readonly RoleAssignment[];
  denyAssignments: readonly DenyAssignment[];
  groupsOf(principalId: string): readonly string[];
}

export interface AccessRequest {
  principal: string;
  /**
   * Group object ids carried by the caller's token. When given, these are used instead of the
   * directory's current closure (a managed identity sees group changes only with a new token).
   */
  groups?: readonly string[];
  action: string;
  isDataAction: boolean;
  scope: string;
  /** Simulated ms epoch of the request (propagation). */
  at: number;
}
