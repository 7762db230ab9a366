/**
 * Named errors returned by every world operation. Texts that real Azure prints are copied here
 * verbatim (source in the comment next to each); the HTTP layer maps `code` to a status and an
 * envelope. Anything marked "invented" has no public capture and is kept plausible.
 */

export interface SimError {
  code: string;
  message: string;
  /** For snapshot errors: where in the document the problem is (`resourceGroups./subscriptions/…`). */
  path?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: SimError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: string, message: string, path?: string): Result<T> => ({
  ok: false,
  error: path === undefined ? { code, message } : { code, message, path },
});

/** Exact texts, one constructor per error so no caller retypes a message. */
export const errors = {
  // rbac-arm.md §3.7 404s [observed]
  resourceGroupNotFound: (name: string) =>
    fail('ResourceGroupNotFound', `Resource group '${name}' could not be found.`),
  subscriptionNotFound: (id: string) => fail('SubscriptionNotFound', `The subscription '${id}' could not be found.`),
  resourceNotFound: (typeAndName: string, resourceGroup: string) =>
    fail(
      'ResourceNotFound',
      `The Resource '${typeAndName}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    ),
  // Invented, modelled on ARM's InvalidResourceName family.
  invalidResourceName: (kind: string, name: string, rule: string) =>
    fail('InvalidResourceName', `The ${kind} name '${name}' is invalid. ${rule}`),
  // Invented: ARM's create-conflict text varies by provider.
  resourceExists: (kind: string, name: string) =>
    fail('ResourceAlreadyExists', `A ${kind} named '${name}' already exists in this scope.`),
  invalidParameter: (message: string) => fail('InvalidParameter', message),

  // rbac-arm.md §3.4 role assignment errors
  roleAssignmentExists: () => fail('RoleAssignmentExists', 'The role assignment already exists.'),
  roleAssignmentUpdateNotPermitted: () =>
    fail(
      'RoleAssignmentUpdateNotPermitted',
      'Tenant ID, application ID, principal ID, and scope are not allowed to be updated.',
    ),
  principalNotFound: (principalId: string, tenantId: string) =>
    fail(
      'PrincipalNotFound',
      `Principal ${principalId} does not exist in the directory ${tenantId}. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group. See https://aka.ms/docs-principaltype`,
    ),
  principalTypeNotSupported: () =>
    fail('PrincipalTypeNotSupported', 'Principals of type Application cannot validly be used in role assignments.'),
  // Real ARM code and text as quoted from deployment logs; ARM prints the id without hyphens.
  unmatchedPrincipalType: (principalId: string, actual: string, given: string) =>
    fail(
      'UnmatchedPrincipalType',
      `The PrincipalId '${principalId.replace(/-/g, '')}' has type '${actual}', which is different from specified PrincipalType '${given}'.`,
    ),
  // rbac-arm.md §6 quotes S6-old's text as is (no final period).
  roleAssignmentLimitExceeded: () =>
    fail('RoleAssignmentLimitExceeded', 'No more role assignments can be created'),
  // Real ARM code and text (400), as quoted in Terraform provider logs.
  roleDefinitionDoesNotExist: (id: string) =>
    fail('RoleDefinitionDoesNotExist', `The specified role definition with ID '${id}' does not exist.`),
  // Real ARM code and text (400) for an empty or malformed principalId, from Terraform provider logs.
  invalidPrincipalId: () => fail('InvalidPrincipalId', 'A valid principal ID must be provided for role assignment.'),
  // Real ARM code; the text is ours.
  invalidRoleAssignmentId: (name: string) =>
    fail('InvalidRoleAssignmentId', `The role assignment ID '${name}' is not valid. The role assignment ID must be a GUID.`),
  // Invented: A1 accepts only conditionVersion "2.0" with a condition.
  invalidConditionVersion: () =>
    fail('InvalidConditionVersion', "The condition version must be '2.0' when a condition is specified."),
  // Invented texts in ARM's style (codes from S3/S6 where they exist).
  roleAssignmentNotFound: (name: string) =>
    fail('RoleAssignmentNotFound', `The role assignment '${name}' is not found.`),
  roleDefinitionHasAssignments: () =>
    fail('RoleDefinitionHasAssignments', 'There are existing role assignments referencing role definition. Remove them before deleting the role definition.'),

  // Identity lifecycle transitions the machines refuse (invented codes; real ARM is idempotent
  // for PATCH and these only surface from direct calls).
  invalidIdentityTransition: (what: string, state: string, event: string) =>
    fail('InvalidIdentityTransition', `The ${what} is '${state}' and cannot handle '${event}'.`),
  invalidAssignmentTransition: (name: string, state: string, event: string) =>
    fail('InvalidAssignmentTransition', `The role assignment '${name}' is '${state}' and cannot handle '${event}'.`),
  // Invented: Compute rejects unknown identity types with a 400 naming the value.
  invalidIdentityType: (type: string) =>
    fail(
      'InvalidIdentityType',
      `The identity type '${type}' is not valid. Allowed values are 'SystemAssigned', 'UserAssigned', 'SystemAssigned, UserAssigned' and 'None'.`,
    ),
  // rbac-arm.md §4.3 (E5) known error, used when a VM names a user-assigned identity that does not exist.
  identityNotAccessible: (resourceId: string, identityId: string) =>
    fail('FailedIdentityOperation', `Azure resource '${resourceId}' does not have access to identity '${identityId}'.`),

  // imds.md §1.4 (IMDS identity selection)
  identityNotFound: () => fail('IdentityNotFound', 'Identity not found'),
  multipleUserAssigned: () =>
    fail(
      'MultipleUserAssignedIdentities',
      'Multiple user assigned identities exist, please specify the clientId / resourceId of the identity in the token request',
    ),
  identitySelectorConflict: () =>
    fail('IdentitySelectorConflict', 'Only one of client_id, object_id or msi_res_id may be specified.'),

  // Storage REST common error codes (rbac-arm.md §5.2 D1)
  containerNotFound: () => fail('ContainerNotFound', 'The specified container does not exist.'),
  containerExists: () => fail('ContainerAlreadyExists', 'The specified container already exists.'),
  blobNotFound: () => fail('BlobNotFound', 'The specified blob does not exist.'),
  // Storage account names are global in Azure; this text is Storage's real one.
  storageAccountNameTaken: (name: string) =>
    fail('StorageAccountAlreadyTaken', `The storage account named ${name} is already taken.`),

  // Key Vault (rbac-arm.md §5.1 404 [observed])
  secretNotFound: (name: string) =>
    fail(
      'SecretNotFound',
      `A secret with (name/id) ${name} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182`,
    ),
  // Key Vault's real code for a taken global vault name.
  vaultNameTaken: (name: string) =>
    fail('VaultAlreadyExists', `The vault name '${name}' is already in use. Vault names are globally unique so it is possible that the name is already taken.`),

  // Sandbox control (not Azure)
  invalidClockChange: (message: string) => fail('InvalidClockChange', message),
  invalidSetting: (message: string) => fail('InvalidSetting', message),
  invalidFaultPlan: (message: string, path?: string) => fail('InvalidFaultPlan', message, path),
  unknownPreset: (name: string, known: readonly string[]) =>
    fail('UnknownPreset', `There is no world preset named '${name}'. Known presets: ${known.join(', ')}.`),
  userNotFound: (who: string) => fail('UserNotFound', `No user '${who}' exists in the directory.`),
  groupNotFound: (id: string) => fail('GroupNotFound', `No group '${id}' exists in the directory.`),
  snapshotInvalid: (message: string, path?: string) => fail('SnapshotInvalid', message, path),
  snapshotVersionUnsupported: (version: unknown, supported: number) =>
    fail(
      'SnapshotVersionUnsupported',
      `The snapshot has schemaVersion ${JSON.stringify(version)}; this sandbox reads versions 1 to ${supported}.`,
      'schemaVersion',
    ),
} as const;
