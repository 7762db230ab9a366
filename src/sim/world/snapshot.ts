/**
 * Snapshots: a world as JSON with a schema version, and back. Loading runs migrations up to the
 * current version, validates the whole document (valibot), then checks that it hangs together
 * (keys match ids, references resolve). Only a document that passes everything becomes a World:
 * any problem is one `SnapshotInvalid` error naming the path and what is wrong, never a throw and
 * never a half-loaded world. The signing key is not in a snapshot (see tokens/keys.ts).
 */
import * as v from 'valibot';
import { errors, ok, type Result } from '../errors';
import { normalizeScope } from '../rbac/index';
import { keyOf } from './arm-id';
import { SCHEMA_VERSION, WorldDataSchema, type WorldData } from './schema';
import { World } from './world';
import { migrations as defaultMigrations, type Migrations } from './migrations';

/**
 * A deep copy of the world's data with the clock as it reads now, in the schema's key order (so
 * a world and its restored copy serialize byte for byte alike, whatever order keys were added in).
 */
export function snapshotWorld(world: World): WorldData {
  const data = structuredClone(world.data);
  data.clock = world.clock.state();
  const canonical = v.safeParse(WorldDataSchema, data);
  return canonical.success ? canonical.output : data;
}

export function serializeWorld(world: World): string {
  return JSON.stringify(snapshotWorld(world));
}

export interface RestoreOptions {
  /** Real time source for the restored world's running clock (tests inject one). */
  realNow?: () => number;
  /** Replaces the migration table (tests exercise the runner with their own). */
  migrations?: Migrations;
}

/** Accepts the JSON text or an already-parsed value. */
export function restoreWorld(snapshot: unknown, opts: RestoreOptions = {}): Result<World> {
  try {
    const data = loadWorldData(snapshot, opts.migrations ?? defaultMigrations);
    if (!data.ok) return data;
    return ok(new World(data.value, opts.realNow ? { realNow: opts.realNow } : {}));
  } catch (e) {
    // Defence in depth: validation should catch everything, but a restore must never throw.
    return errors.snapshotInvalid(`The snapshot could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function loadWorldData(snapshot: unknown, table: Migrations = defaultMigrations): Result<WorldData> {
  let doc: unknown = snapshot;
  if (typeof snapshot === 'string') {
    try {
      doc = JSON.parse(snapshot);
    } catch (e) {
      return errors.snapshotInvalid(
        `The snapshot is not valid JSON (truncated or corrupted): ${e instanceof Error ? e.message : String(e)}`,
        '',
      );
    }
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return errors.snapshotInvalid('A snapshot must be a JSON object.', '');
  }
  const migrated = migrateSnapshot(doc as Record<string, unknown>, table);
  if (!migrated.ok) return migrated;
  const parsed = v.safeParse(WorldDataSchema, migrated.value);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = v.getDotPath(issue) ?? '';
    return errors.snapshotInvalid(`Invalid snapshot at '${path || '(root)'}': ${issue.message}`, path);
  }
  const data = structuredClone(parsed.output);
  const problem = integrityProblem(data);
  if (problem) return errors.snapshotInvalid(`Inconsistent snapshot at '${problem.path}': ${problem.message}`, problem.path);
  return ok(data);
}

/** Runs `table` from the document's schemaVersion up to `target`; each step gets its own copy. */
export function migrateSnapshot(
  doc: Record<string, unknown>,
  table: Migrations,
  target: number = SCHEMA_VERSION,
): Result<Record<string, unknown>> {
  let version = doc['schemaVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version > target) {
    return errors.snapshotVersionUnsupported(version, target);
  }
  let current = doc;
  while (version < target) {
    const step = table[version];
    if (!step) return errors.snapshotVersionUnsupported(version, target);
    try {
      current = step(structuredClone(current));
    } catch (e) {
      return errors.snapshotInvalid(
        `Migrating the snapshot from schemaVersion ${version} failed: ${e instanceof Error ? e.message : String(e)}`,
        'schemaVersion',
      );
    }
    version++;
    current['schemaVersion'] = version;
  }
  return ok(current);
}

interface Problem {
  path: string;
  message: string;
}

/** Cross-references valibot cannot express. Returns the first problem found. */
function integrityProblem(d: WorldData): Problem | null {
  const keyed = <T>(name: string, rec: Record<string, T>, idOf: (t: T) => string): Problem | null => {
    for (const [k, item] of Object.entries(rec)) {
      if (k !== idOf(item).toLowerCase()) return { path: `${name}.${k}`, message: `the key must be the lower-cased id '${idOf(item).toLowerCase()}'` };
    }
    return null;
  };
  const checks: (Problem | null)[] = [
    keyed('users', d.users, (u) => u.objectId),
    keyed('groups', d.groups, (g) => g.objectId),
    keyed('servicePrincipals', d.servicePrincipals, (s) => s.objectId),
    keyed('managementGroups', d.managementGroups, (m) => m.name),
    keyed('subscriptions', d.subscriptions, (s) => s.subscriptionId),
    keyed('resourceGroups', d.resourceGroups, (r) => r.id),
    keyed('virtualMachines', d.virtualMachines, (r) => r.id),
    keyed('userAssignedIdentities', d.userAssignedIdentities, (r) => r.id),
    keyed('storageAccounts', d.storageAccounts, (r) => r.id),
    keyed('blobContainers', d.blobContainers, (r) => r.id),
    keyed('keyVaults', d.keyVaults, (r) => r.id),
    keyed('secrets', d.secrets, (s) => `${s.vaultId}/secrets/${s.name}`),
    keyed('roleDefinitions', d.roleDefinitions, (r) => r.name),
    keyed('roleAssignments', d.roleAssignments, (r) => r.name),
    keyed('denyAssignments', d.denyAssignments, (r) => r.name),
  ];
  const first = checks.find((c) => c !== null);
  if (first) return first;

  for (const [k, s] of Object.entries(d.subscriptions)) {
    if (s.managementGroup !== null && !d.managementGroups[s.managementGroup.toLowerCase()]) {
      return { path: `subscriptions.${k}.managementGroup`, message: `management group '${s.managementGroup}' does not exist` };
    }
  }
  for (const [k, mg] of Object.entries(d.managementGroups)) {
    if (mg.parent !== null && !d.managementGroups[mg.parent.toLowerCase()]) {
      return { path: `managementGroups.${k}.parent`, message: `management group '${mg.parent}' does not exist` };
    }
  }
  const inExistingGroup = (coll: string, rec: Record<string, { id: string }>): Problem | null => {
    for (const [k, r] of Object.entries(rec)) {
      const rg = /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+)\/providers\/[^/]+\/[^/]+\/[^/]+$/i.exec(r.id);
      if (!rg) return { path: `${coll}.${k}.id`, message: `'${r.id}' is not a resource id of the form /subscriptions/…/resourceGroups/…/providers/…/…/…` };
      if (!d.resourceGroups[keyOf(rg[1]!)]) return { path: `${coll}.${k}.id`, message: `its resource group '${rg[1]}' does not exist` };
    }
    return null;
  };
  for (const [k, rg] of Object.entries(d.resourceGroups)) {
    const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/[^/]+$/i.exec(rg.id);
    if (!m) return { path: `resourceGroups.${k}.id`, message: `'${rg.id}' is not a resource group id` };
    if (!d.subscriptions[m[1]!.toLowerCase()]) return { path: `resourceGroups.${k}.id`, message: `subscription '${m[1]}' does not exist` };
  }
  const resources =
    inExistingGroup('virtualMachines', d.virtualMachines) ??
    inExistingGroup('userAssignedIdentities', d.userAssignedIdentities) ??
    inExistingGroup('storageAccounts', d.storageAccounts) ??
    inExistingGroup('keyVaults', d.keyVaults);
  if (resources) return resources;

  for (const [k, vm] of Object.entries(d.virtualMachines)) {
    const id = vm.identity;
    if (!id) continue;
    const path = `virtualMachines.${k}.identity`;
    const hasSystem = id.type.startsWith('SystemAssigned');
    const hasUser = id.type.endsWith('UserAssigned');
    if (hasSystem !== (id.principalId !== undefined && id.tenantId !== undefined)) {
      return { path, message: 'principalId and tenantId must be present exactly when the type includes SystemAssigned' };
    }
    if (hasSystem) {
      const sp = d.servicePrincipals[id.principalId!.toLowerCase()];
      if (!sp || sp.deletedAt !== null) return { path: `${path}.principalId`, message: 'no active service principal has this object id' };
    }
    const entries = Object.entries(id.userAssignedIdentities ?? {});
    if (hasUser !== entries.length > 0) {
      return { path, message: 'userAssignedIdentities must be non-empty exactly when the type includes UserAssigned' };
    }
    for (const [uaId, ref] of entries) {
      const ua = d.userAssignedIdentities[uaId.toLowerCase()];
      if (!ua) return { path: `${path}.userAssignedIdentities`, message: `user-assigned identity '${uaId}' does not exist` };
      if (ua.properties.principalId !== ref.principalId || ua.properties.clientId !== ref.clientId) {
        return { path: `${path}.userAssignedIdentities`, message: `the ids recorded for '${uaId}' do not match the identity` };
      }
    }
  }
  for (const [k, ua] of Object.entries(d.userAssignedIdentities)) {
    const sp = d.servicePrincipals[ua.properties.principalId.toLowerCase()];
    if (!sp || sp.deletedAt !== null || sp.appId !== ua.properties.clientId.toLowerCase()) {
      return { path: `userAssignedIdentities.${k}.properties.principalId`, message: 'no matching active service principal' };
    }
  }
  for (const [k, c] of Object.entries(d.blobContainers)) {
    if (!d.storageAccounts[keyOf(c.accountId)]) return { path: `blobContainers.${k}.accountId`, message: `storage account '${c.accountId}' does not exist` };
  }
  for (const [k, s] of Object.entries(d.secrets)) {
    if (!d.keyVaults[keyOf(s.vaultId)]) return { path: `secrets.${k}.vaultId`, message: `key vault '${s.vaultId}' does not exist` };
  }
  const scoped: [string, Record<string, { scope: string }>][] = [
    ['roleAssignments', d.roleAssignments],
    ['denyAssignments', d.denyAssignments],
  ];
  for (const [coll, rec] of scoped) {
    for (const [k, item] of Object.entries(rec)) {
      try {
        normalizeScope(item.scope);
      } catch (e) {
        return { path: `${coll}.${k}.scope`, message: e instanceof Error ? e.message : 'not a valid scope' };
      }
    }
  }
  return null;
}
