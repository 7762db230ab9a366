/**
 * The world's data: plain JSON, schema-versioned, validated on load. Resources are stored in (or
 * next to) their ARM wire shape so the ARM layer can return them as they are. Collections are
 * records keyed by the lower-cased ARM id (or object id), because ARM ids compare
 * case-insensitively and lookups must not scan.
 */
import * as v from 'valibot';

export const SCHEMA_VERSION = 2;

const str = v.string();
const nonEmpty = v.pipe(v.string(), v.minLength(1));
const ms = v.pipe(v.number(), v.finite());
const guid = v.pipe(v.string(), v.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID'));
const tags = v.record(v.string(), v.string());
const nullish = <T extends v.GenericSchema>(s: T) => v.optional(v.nullable(s));

// ---- directory -------------------------------------------------------------------------------

export const TenantSchema = v.object({
  tenantId: guid,
  domain: nonEmpty,
  displayName: str,
  /** Opaque tenant-creation timestamp (seconds) echoed in tokens as `xms_tcdt`. */
  createdAt: v.pipe(v.number(), v.integer()),
});

export const UserSchema = v.object({
  objectId: guid,
  userPrincipalName: nonEmpty,
  displayName: str,
  givenName: str,
  surname: str,
});

export const GroupSchema = v.object({
  objectId: guid,
  displayName: str,
  /** Object ids of direct members: users, groups, service principals. */
  members: v.array(guid),
});

export const ServicePrincipalSchema = v.object({
  /** = ARM principalId. */
  objectId: guid,
  /** = clientId; the token's `appid`. */
  appId: guid,
  displayName: str,
  servicePrincipalType: v.literal('ManagedIdentity'),
  identityType: v.picklist(['SystemAssigned', 'UserAssigned']),
  /** ARM id of the VM (system-assigned) or of the identity resource (user-assigned). */
  managedIdentityResourceId: nonEmpty,
  createdAt: ms,
  /** Managed identities are soft-deleted for 30 days (E1); null while active. */
  deletedAt: v.nullable(ms),
});

// ---- resource tree ---------------------------------------------------------------------------

export const ManagementGroupSchema = v.object({
  name: nonEmpty,
  displayName: str,
  /** Name of the parent management group; null for the tenant root group. */
  parent: v.nullable(nonEmpty),
});

export const SubscriptionSchema = v.object({
  subscriptionId: guid,
  displayName: str,
  state: v.picklist(['Enabled', 'Disabled', 'Warned', 'PastDue', 'Deleted']),
  managementGroup: v.nullable(nonEmpty),
});

export const ResourceGroupSchema = v.object({
  id: nonEmpty,
  name: nonEmpty,
  type: v.literal('Microsoft.Resources/resourceGroups'),
  location: nonEmpty,
  tags: v.optional(tags),
  properties: v.object({ provisioningState: v.literal('Succeeded') }),
});

const UserAssignedRefSchema = v.object({ principalId: guid, clientId: guid });

/** Compute's VirtualMachineIdentity wire form (rbac-arm.md §3.2). */
export const VmIdentitySchema = v.object({
  type: v.picklist(['SystemAssigned', 'UserAssigned', 'SystemAssigned, UserAssigned']),
  principalId: v.optional(guid),
  tenantId: v.optional(guid),
  userAssignedIdentities: v.optional(v.record(v.string(), UserAssignedRefSchema)),
});

export const VirtualMachineSchema = v.object({
  id: nonEmpty,
  name: nonEmpty,
  type: v.literal('Microsoft.Compute/virtualMachines'),
  location: nonEmpty,
  tags: v.optional(tags),
  identity: v.optional(VmIdentitySchema),
  properties: v.object({
    vmId: guid,
    hardwareProfile: v.object({ vmSize: nonEmpty }),
    storageProfile: v.object({
      imageReference: v.object({ publisher: str, offer: str, sku: str, version: str }),
      osDisk: v.object({ osType: v.picklist(['Linux', 'Windows']), name: str, createOption: str }),
    }),
    osProfile: v.object({ computerName: str, adminUsername: str }),
    provisioningState: v.literal('Succeeded'),
    timeCreated: str,
  }),
});

/** Microsoft.ManagedIdentity/userAssignedIdentities (rbac-arm.md §3.3). */
export const UserAssignedIdentitySchema = v.object({
  id: nonEmpty,
  name: nonEmpty,
  type: v.literal('Microsoft.ManagedIdentity/userAssignedIdentities'),
  location: nonEmpty,
  tags: v.optional(tags),
  properties: v.object({
    clientId: guid,
    isolationScope: v.picklist(['None', 'Regional']),
    principalId: guid,
    tenantId: guid,
  }),
});

export const StorageAccountSchema = v.object({
  id: nonEmpty,
  name: nonEmpty,
  type: v.literal('Microsoft.Storage/storageAccounts'),
  location: nonEmpty,
  kind: str,
  sku: v.object({ name: str, tier: str }),
  tags: v.optional(tags),
  properties: v.object({
    provisioningState: v.literal('Succeeded'),
    creationTime: str,
    allowSharedKeyAccess: v.boolean(),
    primaryEndpoints: v.object({ blob: str, queue: str, table: str, file: str, dfs: str, web: str }),
  }),
});

/**
 * A block's bytes as base64url pieces of at most 4 MiB each (src/sim/storage/bytes.ts): bytes stay
 * bytes end to end, the world stays JSON, and no single string has to hold a large blob.
 */
export const StoredBytesSchema = v.object({
  size: v.pipe(v.number(), v.integer(), v.minValue(0)),
  pieces: v.array(str),
});

/** A block of a block blob. `id` is the base64 block id; null for the one block Put Blob writes. */
export const BlockSchema = v.object({
  id: v.nullable(str),
  data: StoredBytesSchema,
});

/** The blob properties Storage keeps as headers (Put Blob's x-ms-blob-content-*). */
export const BlobHttpPropertiesSchema = v.object({
  contentType: str,
  contentEncoding: nullish(str),
  contentLanguage: nullish(str),
  contentDisposition: nullish(str),
  cacheControl: nullish(str),
  /** Base64 MD5 of the whole content, when the client sent one (x-ms-blob-content-md5). */
  contentMd5: nullish(str),
});

export const BlobSchema = v.object({
  name: nonEmpty,
  /** Committed blocks, in order; the blob's content is their concatenation. */
  blocks: v.array(BlockSchema),
  size: v.pipe(v.number(), v.integer(), v.minValue(0)),
  properties: BlobHttpPropertiesSchema,
  /** x-ms-meta-* pairs; names keep the case the client sent. */
  metadata: tags,
  createdAt: ms,
  lastModified: ms,
  etag: str,
});

/** A block Put Block staged and Put Block List has not committed yet. */
export const UncommittedBlockSchema = v.object({
  blob: nonEmpty,
  id: str,
  data: StoredBytesSchema,
  stagedAt: ms,
});

export const BlobContainerSchema = v.object({
  /** `…/storageAccounts/{a}/blobServices/default/containers/{c}`: a valid RBAC scope. */
  id: nonEmpty,
  accountId: nonEmpty,
  name: nonEmpty,
  lastModified: ms,
  etag: str,
  metadata: tags,
  /** An array, not a record: blob names are arbitrary (`constructor`, `__proto__` are valid). */
  blobs: v.array(BlobSchema),
  uncommittedBlocks: v.array(UncommittedBlockSchema),
});

export const AccessPolicySchema = v.object({
  tenantId: guid,
  objectId: guid,
  permissions: v.object({
    keys: v.optional(v.array(str)),
    secrets: v.optional(v.array(str)),
    certificates: v.optional(v.array(str)),
  }),
});

export const KeyVaultSchema = v.object({
  id: nonEmpty,
  name: nonEmpty,
  type: v.literal('Microsoft.KeyVault/vaults'),
  location: nonEmpty,
  tags: v.optional(tags),
  properties: v.object({
    tenantId: guid,
    sku: v.object({ family: v.literal('A'), name: v.picklist(['standard', 'premium']) }),
    accessPolicies: v.array(AccessPolicySchema),
    enableRbacAuthorization: v.boolean(),
    enableSoftDelete: v.boolean(),
    softDeleteRetentionInDays: v.number(),
    vaultUri: str,
    provisioningState: v.literal('Succeeded'),
  }),
});

export const SecretVersionSchema = v.object({
  /** 32 lower-case hex characters, as Key Vault prints it. */
  version: v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/, 'must be 32 lower-case hex characters')),
  value: str,
  contentType: nullish(str),
  enabled: v.boolean(),
  created: ms,
  updated: ms,
  /** Unix-ms attributes the client may set (Key Vault's `exp` and `nbf`). */
  expires: nullish(ms),
  notBefore: nullish(ms),
  tags: v.optional(tags),
});

export const SecretSchema = v.object({
  vaultId: nonEmpty,
  name: nonEmpty,
  /** Set while the secret is soft-deleted (Key Vault's deletedDate); purged secrets are gone. */
  deletedAt: nullish(ms),
  /** Oldest first; the last one is the current version. */
  versions: v.pipe(v.array(SecretVersionSchema), v.minLength(1)),
});

// ---- authorization (shapes are the contract in ../rbac/types.ts) ------------------------------

const PermissionSchema = v.object({
  actions: v.array(str),
  notActions: v.array(str),
  dataActions: v.array(str),
  notDataActions: v.array(str),
  condition: nullish(str),
  conditionVersion: nullish(str),
});

export const RoleDefinitionSchema = v.object({
  name: guid,
  roleName: nonEmpty,
  description: str,
  roleType: v.picklist(['BuiltInRole', 'CustomRole']),
  permissions: v.array(PermissionSchema),
  assignableScopes: v.array(str),
});

export const RoleAssignmentSchema = v.object({
  name: guid,
  scope: nonEmpty,
  roleDefinitionId: nonEmpty,
  principalId: guid,
  principalType: v.picklist(['User', 'Group', 'ServicePrincipal', 'ForeignGroup']),
  createdOn: str,
  effectiveFrom: ms,
  removedAt: nullish(ms),
  condition: nullish(str),
  conditionVersion: nullish(str),
  description: nullish(str),
});

const DenyPrincipalSchema = v.object({ id: str, type: str });

export const DenyAssignmentSchema = v.object({
  name: nonEmpty,
  denyAssignmentName: str,
  description: str,
  scope: nonEmpty,
  permissions: v.array(PermissionSchema),
  principals: v.array(DenyPrincipalSchema),
  excludePrincipals: v.array(DenyPrincipalSchema),
  doNotApplyToChildScopes: v.boolean(),
  isSystemProtected: v.boolean(),
});

// ---- sandbox control ------------------------------------------------------------------------

export const FaultRuleSchema = v.object({
  /** `updating` = 404, `gone` = 410, `serverError` = 500, `throttled` = 429 regardless of rate. */
  kind: v.picklist(['updating', 'gone', 'serverError', 'throttled']),
  /** Simulated ms window [from, until). */
  from: ms,
  until: ms,
  /** Only requests from this VM (its vmId or ARM id); all VMs when absent. */
  vm: nullish(str),
});

export const FaultPlanSchema = v.object({
  rules: v.array(FaultRuleSchema),
  /** Extra simulated latency added to every IMDS answer. */
  latencyMs: v.pipe(v.number(), v.finite(), v.minValue(0)),
  /** imds.md §1.5: 20 requests per second and 5 concurrent for the identity category. */
  rateLimit: v.object({
    enabled: v.boolean(),
    perSecond: v.pipe(v.number(), v.integer(), v.minValue(1)),
    concurrent: v.pipe(v.number(), v.integer(), v.minValue(1)),
  }),
});

export const SettingsSchema = v.object({
  /** Delay before a new or removed role assignment takes effect (0 … 10 simulated minutes). */
  propagationDelayMs: v.pipe(v.number(), v.finite(), v.minValue(0)),
});

export const WorldDataSchema = v.object({
  schemaVersion: v.literal(SCHEMA_VERSION),
  rngState: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffffffff)),
  clock: v.object({ now: ms, frozen: v.boolean() }),
  settings: SettingsSchema,
  faultPlan: FaultPlanSchema,
  tenant: TenantSchema,
  users: v.record(v.string(), UserSchema),
  groups: v.record(v.string(), GroupSchema),
  servicePrincipals: v.record(v.string(), ServicePrincipalSchema),
  managementGroups: v.record(v.string(), ManagementGroupSchema),
  subscriptions: v.record(v.string(), SubscriptionSchema),
  resourceGroups: v.record(v.string(), ResourceGroupSchema),
  virtualMachines: v.record(v.string(), VirtualMachineSchema),
  userAssignedIdentities: v.record(v.string(), UserAssignedIdentitySchema),
  storageAccounts: v.record(v.string(), StorageAccountSchema),
  blobContainers: v.record(v.string(), BlobContainerSchema),
  keyVaults: v.record(v.string(), KeyVaultSchema),
  secrets: v.record(v.string(), SecretSchema),
  /** Custom roles only; built-ins come from the RBAC engine's data. */
  roleDefinitions: v.record(v.string(), RoleDefinitionSchema),
  roleAssignments: v.record(v.string(), RoleAssignmentSchema),
  denyAssignments: v.record(v.string(), DenyAssignmentSchema),
});

export type WorldData = v.InferOutput<typeof WorldDataSchema>;
export type Tenant = v.InferOutput<typeof TenantSchema>;
export type User = v.InferOutput<typeof UserSchema>;
export type Group = v.InferOutput<typeof GroupSchema>;
export type ServicePrincipal = v.InferOutput<typeof ServicePrincipalSchema>;
export type ManagementGroup = v.InferOutput<typeof ManagementGroupSchema>;
export type Subscription = v.InferOutput<typeof SubscriptionSchema>;
export type ResourceGroup = v.InferOutput<typeof ResourceGroupSchema>;
export type VmIdentity = v.InferOutput<typeof VmIdentitySchema>;
export type VirtualMachine = v.InferOutput<typeof VirtualMachineSchema>;
export type UserAssignedIdentity = v.InferOutput<typeof UserAssignedIdentitySchema>;
export type StorageAccount = v.InferOutput<typeof StorageAccountSchema>;
export type BlobContainer = v.InferOutput<typeof BlobContainerSchema>;
export type Blob = v.InferOutput<typeof BlobSchema>;
export type StoredBytes = v.InferOutput<typeof StoredBytesSchema>;
export type UncommittedBlock = v.InferOutput<typeof UncommittedBlockSchema>;
export type KeyVault = v.InferOutput<typeof KeyVaultSchema>;
export type AccessPolicy = v.InferOutput<typeof AccessPolicySchema>;
export type Secret = v.InferOutput<typeof SecretSchema>;
export type SecretVersion = v.InferOutput<typeof SecretVersionSchema>;
export type FaultRule = v.InferOutput<typeof FaultRuleSchema>;
export type FaultPlan = v.InferOutput<typeof FaultPlanSchema>;
export type Settings = v.InferOutput<typeof SettingsSchema>;
