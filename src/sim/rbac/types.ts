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

/**
 * Optional request context for ABAC conditions. Not part of the original contract: added so a
 * caller that knows the sub-operation (`Blob.List`) or request/resource attributes can have
 * conditions evaluated instead of reported as "not evaluable".
 */
export interface ConditionContext {
  /** e.g. `Blob.List` for a list-blobs call that uses the `blobs/read` data action. */
  subOperation?: string;
  /** `@Request[...]` attributes, keyed by attribute name (e.g. `Microsoft.Authorization/roleAssignments:RoleDefinitionId`). */
  request?: Readonly<Record<string, string | readonly string[]>>;
  /** `@Resource[...]` attributes, keyed the same way (e.g. `Microsoft.Storage/storageAccounts/blobServices/containers:name`). */
  resource?: Readonly<Record<string, string | readonly string[]>>;
}

/** An AccessRequest that may carry ABAC context; every AccessRequest is one. */
export interface ConditionalAccessRequest extends AccessRequest {
  condition?: ConditionContext;
}

export type DecisionReason =
  | 'allowedByRole'
  | 'deniedByDenyAssignment'
  | 'noMatchingAssignment'
  | 'conditionNotMet'
  | 'notYetPropagated';

export type ScopeLevel = 'root' | 'managementGroup' | 'subscription' | 'resourceGroup' | 'resource';

/** Where an assignment stands in simulated time relative to the request's `at`. */
export type Propagation =
  /** Honoured: `effectiveFrom <= at` and not removed (or removal not yet effective). */
  | 'effective'
  /** Created, but `at < effectiveFrom`: not honoured yet. */
  | 'pendingCreate'
  /** Removed, but `at < removedAt`: still honoured until the removal propagates. */
  | 'pendingRemoval'
  /** Removed and `removedAt <= at`: no longer honoured. */
  | 'removed';

export type DenyOutcome =
  /** Deny is at an ancestor scope with doNotApplyToChildScopes. */
  | 'notInherited'
  /** Neither the caller nor its groups (nor All Principals) are in `principals`. */
  | 'principalNotCovered'
  /** Caller or one of its groups is in `excludePrincipals`. */
  | 'principalExcluded'
  /** No permission block covers the action (or NotActions/NotDataActions carve it out). */
  | 'actionNotCovered'
  | 'denies';

export type RoleMatchOutcome =
  | 'grants'
  /** The role's own NotActions / NotDataActions subtract the action (not a deny: other roles may still grant it). */
  | 'excludedByNotActions'
  /** A data action was requested and only an `actions` pattern covers it: Actions never grant data. */
  | 'actionsNeverGrantData'
  | 'noPatternMatches'
  /** The roleDefinitionId does not resolve to any known role definition. */
  | 'roleNotFound';

export type TraceStep =
  | {
      kind: 'request';
      principal: string;
      /** Group object ids used for this decision (from the token when given, else the directory). */
      groups: string[];
      groupsFrom: 'token' | 'directory';
      action: string;
      isDataAction: boolean;
      scope: string;
      at: number;
    }
  | { kind: 'scopes'; scopes: { scope: string; level: ScopeLevel }[] }
  | {
      kind: 'denyAssignment';
      scope: string;
      name: string;
      denyAssignmentName: string;
      outcome: DenyOutcome;
      /** Which principal entry matched (or excluded): an object id, or the All Principals GUID. */
      principal?: string;
      pattern?: string;
      notPattern?: string;
    }
  | {
      kind: 'assignmentsAt';
      scope: string;
      /** Assignments at this exact scope held by the caller or one of its groups. */
      forCaller: number;
      /** Assignments at this exact scope held by anyone else (not considered further). */
      forOthers: number;
    }
  | {
      kind: 'roleAssignment';
      scope: string;
      name: string;
      roleDefinitionId: string;
      roleName: string | null;
      principalId: string;
      via: 'principal' | 'group';
      propagation: Propagation;
      effectiveFrom: number;
      removedAt: number | null;
      plane: 'control' | 'data';
      outcome: RoleMatchOutcome;
      /** The Actions/DataActions pattern that covered the action. */
      pattern?: string;
      /** The NotActions/NotDataActions pattern that subtracted it. */
      notPattern?: string;
      hasCondition: boolean;
    }
  | {
      kind: 'condition';
      assignmentName: string;
      source: 'assignment' | 'roleDefinition';
      condition: string;
      outcome: 'met' | 'notMet' | 'notEvaluable';
      detail: string;
    }
  | { kind: 'decision'; allowed: boolean; reason: DecisionReason; summary: string };

export interface Decision {
  allowed: boolean;
  reason: DecisionReason;
  matched?: {
    assignment?: RoleAssignment;
    role?: RoleDefinition;
    denyAssignment?: DenyAssignment;
    pattern?: string;
  };
  /**
   * True when a role would have granted the action but an ABAC condition blocked it: ARM then
   * words AuthorizationFailed as "...does not have authorization or an ABAC condition not
   * fulfilled to perform action..." (spec §1.9).
   */
  abacConditionNotFulfilled: boolean;
  trace: TraceStep[];
}

/** Resolves the parent of a subscription or management-group scope (its management group), if any. */
export type ParentOf = (scope: string) => string | undefined;
