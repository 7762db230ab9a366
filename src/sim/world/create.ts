/**
 * A new world: a tenant with its root management group, one subscription and an admin user who
 * is Owner of it. Everything else is built by presets through the same operations ARM uses.
 */
import { createRoleAssignment } from '../assignments/create';
import type { Result } from '../errors';
import { guid, randomSource } from '../ids';
import { defaultFaultPlan } from '../faults/plan';
import { findRole } from '../rbac/index';
import { subscriptionId as subscriptionScope } from './arm-id';
import { SCHEMA_VERSION, type WorldData } from './schema';
import { World } from './world';

export interface NewWorldOptions {
  /** PRNG seed: the same seed and operations give the same ids. */
  seed?: number;
  /** Simulated start time (ms epoch). */
  now?: number;
  /** A running clock follows real time; frozen (default) moves only when advanced. */
  frozen?: boolean;
  realNow?: () => number;
  domain?: string;
}

/** 2026-01-15T09:00:00Z: a fixed, plausible start so presets are identical run to run. */
export const DEFAULT_START = Date.UTC(2026, 0, 15, 9, 0, 0);
export const DEFAULT_SEED = 0x5eed;

export interface SeededWorld {
  world: World;
  subscriptionId: string;
  adminObjectId: string;
  adminUpn: string;
}

export function createBaseWorld(opts: NewWorldOptions = {}): SeededWorld {
  const holder = { rngState: (opts.seed ?? DEFAULT_SEED) >>> 0 };
  const rng = randomSource(holder);
  const tenantId = guid(rng);
  const subscriptionId = guid(rng);
  const adminObjectId = guid(rng);
  const domain = opts.domain ?? 'contoso.onmicrosoft.com';
  const adminUpn = `admin@${domain}`;
  const data: WorldData = {
    schemaVersion: SCHEMA_VERSION,
    rngState: holder.rngState,
    clock: { now: opts.now ?? DEFAULT_START, frozen: opts.frozen ?? true },
    settings: { propagationDelayMs: 0 },
    faultPlan: defaultFaultPlan(),
    // `createdAt` only feeds the opaque `xms_tcdt` claim.
    tenant: { tenantId, domain, displayName: 'Contoso', createdAt: 1_577_836_800 },
    users: {
      [adminObjectId]: { objectId: adminObjectId, userPrincipalName: adminUpn, displayName: 'Sandbox Admin', givenName: 'Sandbox', surname: 'Admin' },
    },
    groups: {},
    servicePrincipals: {},
    // The tenant root group is named after the tenant id, as in Azure.
    managementGroups: { [tenantId]: { name: tenantId, displayName: 'Tenant Root Group', parent: null } },
    subscriptions: { [subscriptionId]: { subscriptionId, displayName: 'Azure subscription 1', state: 'Enabled', managementGroup: tenantId } },
    resourceGroups: {},
    virtualMachines: {},
    userAssignedIdentities: {},
    storageAccounts: {},
    blobContainers: {},
    keyVaults: {},
    secrets: {},
    roleDefinitions: {},
    roleAssignments: {},
    denyAssignments: {},
  };
  const world = new World(data, opts.realNow ? { realNow: opts.realNow } : {});
  const owner = createRoleAssignment(world, {
    name: guid(world.rng),
    scope: subscriptionScope(subscriptionId),
    roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${findRole('Owner')?.name ?? ''}`,
    principalId: adminObjectId,
    principalType: 'User',
  });
  if (!owner.ok) throw new Error(`base world: ${owner.error.message}`);
  return { world, subscriptionId, adminObjectId, adminUpn };
}

/** Unwraps a preset step; presets are fixed data, so a failure is a bug, not user input. */
export function must<T>(r: Result<T>, what: string): T {
  if (!r.ok) throw new Error(`preset step '${what}' failed: ${r.error.code}: ${r.error.message}`);
  return r.value;
}

