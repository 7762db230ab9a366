/**
 * Secrets with versions and soft delete (Key Vault data plane, rbac-arm.md §5.1). Setting a secret
 * adds a new version; reading without a version returns the newest. Deleting keeps the secret,
 * marked deleted, until it is recovered or purged (sandbox vaults have soft delete on, 90 days, no
 * purge protection). Names compare case-insensitively, as Key Vault does; versions are 32 lower-case
 * hex characters. The wire shapes (ids naming the host the client called) are built in src/cloud.
 */
import { errors, ok, type Result } from '../errors';
import { hexId } from '../ids';
import { keyOf } from '../world/arm-id';
import type { KeyVault, Secret, SecretVersion } from '../world/schema';
import type { World } from '../world/world';
import { findVaultByName } from './vaults';
import * as v from 'valibot';
import { parseInput, requireStrings, show } from '../input';

/** Key Vault's rule: 1–127 letters, digits and hyphens. */
const SECRET_NAME = /^[0-9A-Za-z-]{1,127}$/;

const secretKey = (vaultId: string, name: string) => keyOf(`${vaultId}/secrets/${name}`);

export interface SecretAt {
  vault: KeyVault;
  secret: Secret;
  version: SecretVersion;
}

function vaultOrError(world: World, vaultName: string): Result<KeyVault> {
  const args = requireStrings({ vault: vaultName });
  if (!args.ok) return args;
  const vault = findVaultByName(world, vaultName);
  // Invented text: a missing vault is a DNS failure in real Azure.
  return vault ? ok(vault) : errors.invalidParameter(`The key vault '${vaultName}' does not exist.`);
}

const latest = (s: Secret) => s.versions[s.versions.length - 1]!;

/** Key Vault's 404 for a deleted secret that is not there (Get/Recover/Purge Deleted Secret). */
const deletedNotFound = (): Result<never> => ({ ok: false, error: { code: 'SecretNotFound', message: 'Deleted Secret not found' } });

export function setSecret(
  world: World,
  input: { vault: string; name: string; value: string; contentType?: string; enabled?: boolean; expires?: number; notBefore?: number; tags?: Record<string, string> },
): Result<SecretAt> {
  const checked = parseInput(
    v.object({
      vault: v.string(),
      name: v.unknown(),
      value: v.unknown(),
      contentType: v.optional(v.string()),
      enabled: v.optional(v.boolean()),
      expires: v.optional(v.number()),
      notBefore: v.optional(v.number()),
      tags: v.optional(v.record(v.string(), v.string())),
    }),
    input,
    'secret',
  );
  if (!checked.ok) return checked;
  const vault = vaultOrError(world, input.vault);
  if (!vault.ok) return vault;
  if (typeof input.name !== 'string' || !SECRET_NAME.test(input.name)) {
    // Key Vault's real code; its message names the allowed pattern.
    return {
      ok: false,
      error: { code: 'BadParameter', message: "The request URI contains an invalid name: The name must match '^[0-9a-zA-Z-]+$'." },
    };
  }
  if (typeof input.value !== 'string') return errors.invalidParameter('A secret value must be a string.');
  const key = secretKey(vault.value.id, input.name);
  const existing = world.data.secrets[key];
  if (existing?.deletedAt != null) {
    // Key Vault's answer while a name sits in the recycle bin (409, innererror ObjectIsDeletedButRecoverable).
    return {
      ok: false,
      error: {
        code: 'Conflict',
        message: `Secret ${existing.name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.`,
      },
    };
  }
  const now = world.now();
  const version: SecretVersion = {
    version: hexId(world.rng, 16),
    value: input.value,
    contentType: input.contentType ?? null,
    enabled: input.enabled ?? true,
    created: now,
    updated: now,
    ...(input.expires !== undefined ? { expires: input.expires } : {}),
    ...(input.notBefore !== undefined ? { notBefore: input.notBefore } : {}),
    ...(input.tags ? { tags: { ...input.tags } } : {}),
  };
  const secret: Secret = existing ?? { vaultId: vault.value.id, name: input.name, versions: [] };
  secret.versions.push(version);
  world.data.secrets[key] = secret;
  world.commit([{ type: 'secret.set', vaultId: vault.value.id, name: secret.name, version: version.version }]);
  return ok({ vault: vault.value, secret, version });
}

function liveSecret(world: World, vaultName: string, name: string): Result<{ vault: KeyVault; secret: Secret }> {
  const vault = vaultOrError(world, vaultName);
  if (!vault.ok) return vault;
  const secret = world.data.secrets[secretKey(vault.value.id, show(name))];
  if (!secret || secret.deletedAt != null) return errors.secretNotFound(show(name));
  return ok({ vault: vault.value, secret });
}

export function getSecret(world: World, input: { vault: string; name: string; version?: string }): Result<SecretAt> {
  const checked = parseInput(v.object({ vault: v.string(), name: v.string(), version: v.optional(v.string()) }), input, 'secret request');
  if (!checked.ok) return checked;
  const found = liveSecret(world, input.vault, input.name);
  if (!found.ok) return found;
  const { secret } = found.value;
  const version = input.version ? secret.versions.find((x) => x.version === input.version!.toLowerCase()) : latest(secret);
  if (!version) return errors.secretNotFound(`${input.name}/${input.version}`);
  return ok({ ...found.value, version });
}

/** Live (not deleted) secrets of a vault, each with its newest version. */
export function listSecrets(world: World, vaultName: string): Result<SecretAt[]> {
  const vault = vaultOrError(world, vaultName);
  if (!vault.ok) return vault;
  const key = keyOf(vault.value.id);
  return ok(
    Object.values(world.data.secrets)
      .filter((s) => keyOf(s.vaultId) === key && s.deletedAt == null)
      .map((secret) => ({ vault: vault.value, secret, version: latest(secret) })),
  );
}

export function listSecretVersions(world: World, vaultName: string, name: string): Result<SecretAt[]> {
  const found = liveSecret(world, vaultName, name);
  if (!found.ok) return found;
  return ok(found.value.secret.versions.map((version) => ({ ...found.value, version })));
}

/** Soft delete: the secret (all versions) moves to the deleted list. */
export function deleteSecret(world: World, vaultName: string, name: string): Result<SecretAt> {
  const found = liveSecret(world, vaultName, name);
  if (!found.ok) return found;
  const { secret } = found.value;
  secret.deletedAt = world.now();
  world.commit([{ type: 'secret.deleted', vaultId: secret.vaultId, name: secret.name }]);
  return ok({ ...found.value, version: latest(secret) });
}

function deletedSecret(world: World, vaultName: string, name: string): Result<SecretAt> {
  const vault = vaultOrError(world, vaultName);
  if (!vault.ok) return vault;
  const secret = world.data.secrets[secretKey(vault.value.id, show(name))];
  if (!secret || secret.deletedAt == null) return deletedNotFound();
  return ok({ vault: vault.value, secret, version: latest(secret) });
}

export const getDeletedSecret = deletedSecret;

export function listDeletedSecrets(world: World, vaultName: string): Result<SecretAt[]> {
  const vault = vaultOrError(world, vaultName);
  if (!vault.ok) return vault;
  const key = keyOf(vault.value.id);
  return ok(
    Object.values(world.data.secrets)
      .filter((s) => keyOf(s.vaultId) === key && s.deletedAt != null)
      .map((secret) => ({ vault: vault.value, secret, version: latest(secret) })),
  );
}

export function recoverDeletedSecret(world: World, vaultName: string, name: string): Result<SecretAt> {
  const found = deletedSecret(world, vaultName, name);
  if (!found.ok) return found;
  found.value.secret.deletedAt = null;
  world.commit([{ type: 'secret.recovered', vaultId: found.value.secret.vaultId, name: found.value.secret.name }]);
  return found;
}

export function purgeDeletedSecret(world: World, vaultName: string, name: string): Result<{ name: string }> {
  const found = deletedSecret(world, vaultName, name);
  if (!found.ok) return found;
  const { secret } = found.value;
  delete world.data.secrets[secretKey(secret.vaultId, secret.name)];
  world.commit([{ type: 'secret.purged', vaultId: secret.vaultId, name: secret.name }]);
  return ok({ name: secret.name });
}
