/**
 * Secrets with versions (Key Vault data plane, rbac-arm.md §5.1). Setting a secret adds a new
 * version; reading without a version returns the newest. Names compare case-insensitively, as
 * Key Vault does; versions are 32 lower-case hex characters.
 */
import { toSeconds } from '../clock';
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

export interface SecretBundle {
  value: string;
  id: string;
  attributes: { enabled: boolean; created: number; updated: number; recoveryLevel: 'Recoverable+Purgeable' };
  contentType?: string;
}

function bundle(vaultUri: string, secret: Secret, v: SecretVersion): SecretBundle {
  return {
    value: v.value,
    id: `${vaultUri}secrets/${secret.name}/${v.version}`,
    attributes: { enabled: v.enabled, created: toSeconds(v.created), updated: toSeconds(v.updated), recoveryLevel: 'Recoverable+Purgeable' },
    ...(v.contentType ? { contentType: v.contentType } : {}),
  };
}

function vaultOrError(world: World, vaultName: string): Result<KeyVault> {
  const args = requireStrings({ vault: vaultName });
  if (!args.ok) return args;
  const vault = findVaultByName(world, vaultName);
  // Invented text: a missing vault is a DNS failure in real Azure.
  return vault ? ok(vault) : errors.invalidParameter(`The key vault '${vaultName}' does not exist.`);
}

export function setSecret(
  world: World,
  input: { vault: string; name: string; value: string; contentType?: string },
): Result<SecretBundle> {
  const checked = parseInput(v.object({ vault: v.string(), name: v.unknown(), value: v.unknown(), contentType: v.optional(v.string()) }), input, 'secret');
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
  const now = world.now();
  const version: SecretVersion = {
    version: hexId(world.rng, 16),
    value: input.value,
    contentType: input.contentType ?? null,
    enabled: true,
    created: now,
    updated: now,
  };
  const key = secretKey(vault.value.id, input.name);
  const existing = world.data.secrets[key];
  const secret: Secret = existing ?? { vaultId: vault.value.id, name: input.name, versions: [] };
  secret.versions.push(version);
  world.data.secrets[key] = secret;
  world.commit([{ type: 'secret.set', vaultId: vault.value.id, name: secret.name, version: version.version }]);
  return ok(bundle(vault.value.properties.vaultUri, secret, version));
}

export function getSecret(world: World, input: { vault: string; name: string; version?: string }): Result<SecretBundle> {
  const checked = parseInput(v.object({ vault: v.string(), name: v.string(), version: v.optional(v.string()) }), input, 'secret request');
  if (!checked.ok) return checked;
  const vault = vaultOrError(world, input.vault);
  if (!vault.ok) return vault;
  const secret = world.data.secrets[secretKey(vault.value.id, show(input.name))];
  if (!secret) return errors.secretNotFound(show(input.name));
  const version = input.version
    ? secret.versions.find((v) => v.version === input.version!.toLowerCase())
    : secret.versions[secret.versions.length - 1];
  if (!version) return errors.secretNotFound(`${input.name}/${input.version}`);
  return ok(bundle(vault.value.properties.vaultUri, secret, version));
}

export function listSecrets(world: World, vaultName: string): Result<{ id: string; attributes: SecretBundle['attributes'] }[]> {
  const vault = vaultOrError(world, vaultName);
  if (!vault.ok) return vault;
  const key = keyOf(vault.value.id);
  return ok(
    Object.values(world.data.secrets)
      .filter((s) => keyOf(s.vaultId) === key)
      .map((s) => {
        const latest = s.versions[s.versions.length - 1]!;
        const { attributes } = bundle(vault.value.properties.vaultUri, s, latest);
        return { id: `${vault.value.properties.vaultUri}secrets/${s.name}`, attributes };
      }),
  );
}
