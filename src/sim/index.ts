/**
 * The simulated Azure core: world model, identities, role assignments, RBAC decisions, tokens,
 * clock and faults. Pure TypeScript + XState; runs in Node and in a Web Worker. The RBAC engine's
 * own API is re-exported from ./rbac/index. See README.md in this folder.
 */

// ---- results, errors, feed, clock ----
export { errors, ok, fail, type Result, type SimError } from './errors';
export type { WorldEvent, WorldEventBody, WorldListener } from './events';
export { Clock, toSeconds, type ClockState } from './clock';
export { guid, isGuid, GUID_PATTERN } from './ids';

// ---- the world ----
export { World, type CommitOptions } from './world/world';
export { worldSource, type WorldSource, type WorldSummary } from './world/observable';
export * from './world/schema';
export { createBaseWorld, DEFAULT_START, DEFAULT_SEED, type NewWorldOptions, type SeededWorld } from './world/create';
export { snapshotWorld, serializeWorld, restoreWorld, loadWorldData, migrateSnapshot, type RestoreOptions } from './world/snapshot';
export { migrations, type Migration, type Migrations } from './world/migrations';
export { advanceClock, freezeClock, unfreezeClock, setPropagationDelay, MAX_PROPAGATION_DELAY_MS } from './world/control';
export * as armId from './world/arm-id';
export { scopeExists, parentOfScope, findSubscription, findResourceGroup, findResource } from './world/tree';
export { scopeNotFound } from './world/scope-errors';
export { createManagementGroup, createSubscription, moveSubscription } from './world/management-groups';
export {
  createResourceGroup,
  getResourceGroup,
  listResourceGroups,
} from './world/resource-groups';
export { deleteResourceGroup } from './removal/delete-resource-group';
export { deleteVirtualMachine } from './removal/delete-virtual-machine';
export {
  createVirtualMachine,
  getVirtualMachine,
  listVirtualMachines,
  findVm,
  DEFAULT_IMAGES,
  type CreateVmInput,
  type OsType,
  type ImageReference,
} from './world/virtual-machines';

// ---- directory ----
export {
  findPrincipal,
  describePrincipal,
  findServicePrincipalByAppId,
  softDeletedPrincipals,
  UNKNOWN_PRINCIPAL,
  SOFT_DELETE_MS,
  type PrincipalInfo,
  type PrincipalKind,
} from './directory/principals';
export { groupsOf, createUser, createGroup, addGroupMember, removeGroupMember, findUserByUpn } from './directory/groups';

// ---- identities ----
export { systemAssignedMachine, type SystemAssignedEvent } from './identity/system-assigned.machine';
export { userAssignedMachine, type UserAssignedEvent } from './identity/user-assigned.machine';
export { enableSystemAssigned, disableSystemAssigned, systemAssignedState } from './identity/system-assigned';
export {
  createUserAssignedIdentity,
  getUserAssignedIdentity,
  listUserAssignedIdentities,
  deleteUserAssignedIdentity,
  attachUserAssigned,
  detachUserAssigned,
  userAssignedState,
  attachmentsOf,
} from './identity/user-assigned';
export { patchVmIdentity, type VmIdentityPatch } from './identity/vm-identity-patch';
export { resolveVmIdentity, type IdentitySelector, type ResolvedIdentity } from './identity/resolve';

// ---- authorization ----
export { assignmentMachine, type AssignmentEvent, type AssignmentState } from './assignments/assignment.machine';
export { createRoleAssignment, ASSIGNMENTS_PER_SUBSCRIPTION, type CreateAssignmentInput } from './assignments/create';
export { deleteRoleAssignment, findRoleAssignment } from './assignments/delete';
export { listRoleAssignments, type ListAssignmentsQuery, type ListedAssignment } from './assignments/list';
export { assignmentState } from './assignments/status';
export { addDenyAssignment, removeDenyAssignment, listDenyAssignments } from './assignments/deny';
export { allRoleDefinitions, customRoles, findRoleDefinition, createCustomRole, deleteCustomRole } from './definitions/role-definitions';
export { evaluate, tryEvaluate, rbacDataOf, rbacIndexOf } from './access/evaluate';

// ---- data plane ----
export { createStorageAccount, getStorageAccount, deleteStorageAccount, findStorageAccountByName } from './storage/accounts';
export {
  createContainer,
  deleteContainer,
  setContainerMetadata,
  listContainers,
  findContainer,
  putBlob,
  stageBlock,
  commitBlockList,
  getBlockList,
  getBlob,
  readBlob,
  blobText,
  setBlobMetadata,
  setBlobProperties,
  listBlobs,
  deleteBlob,
  MAX_COMMITTED_BLOCKS,
  MAX_UNCOMMITTED_BLOCKS,
  type BlobProperties,
  type BlockListName,
  type BlockListing,
} from './storage/blobs';
export { storeBytes, readBytes, PIECE_BYTES } from './storage/bytes';
export { accountKey, createServiceSas, verifySas, SAS_VERSION, type ServiceSasRequest, type SasCheck, type SasFields } from './storage/sas';
export { createKeyVault, getKeyVault, deleteKeyVault, findVaultByName, accessPolicyAllows } from './keyvault/vaults';
export {
  setSecret,
  getSecret,
  listSecrets,
  listSecretVersions,
  deleteSecret,
  getDeletedSecret,
  listDeletedSecrets,
  recoverDeletedSecret,
  purgeDeletedSecret,
  type SecretAt,
} from './keyvault/secrets';

// ---- tokens ----
export {
  issueManagedIdentityToken,
  requestImdsToken,
  issueUserToken,
  CACHE_REFRESH_MARGIN_S,
  CLIENT_APPS,
  type IssuedToken,
} from './tokens/issue';
export { validateToken, type TokenCheck, type TokenInvalidReason, type ValidateOptions } from './tokens/validate';
export { getIssuedToken, listIssuedTokens, type TokenRecord } from './tokens/store';
export { importSigningPair, offerSigningKey, prepareTokenService } from './tokens/keys';
export { checkResource, ARM_AUDIENCES } from './tokens/resources';
export {
  issuerFor,
  MI_BACKDATE_S,
  MI_LIFETIME_S,
  USER_LIFETIME_S,
  type AccessTokenClaims,
  type ManagedIdentityClaims,
  type UserClaims,
} from './tokens/claims';

// ---- faults ----
export { imdsFaultFor, type ImdsFault, type ImdsFaultCause } from './faults/imds';
export { setFaultPlan, scheduleImdsFault, defaultFaultPlan, MAX_GONE_MS, MAX_FAULT_LATENCY_MS } from './faults/plan';

// ---- presets ----
export { createWorld, PRESETS, PRESET_NAMES, type PresetName } from './presets/index';
export { quickstartWorld, QUICKSTART, type QuickstartWorld } from './presets/quickstart';
export { userAssignedWorld, type UserAssignedWorld } from './presets/user-assigned';
export { dataWorld, DATA, type DataWorld } from './presets/data';

// ---- the RBAC engine ----
export * as rbac from './rbac/index';
