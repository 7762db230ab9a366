/**
 * Which `resource` values Entra knows in this sandbox. IMDS passes Entra's AADSTS500011 through
 * for anything else (imds.md §1.4). Matching is on scheme + host (any path, trailing slash or
 * not), because the token's `aud` must still be the resource exactly as requested.
 */
import { fail, type Result } from '../errors';

const KNOWN_HOSTS = [
  'management.azure.com',
  'management.core.windows.net',
  'vault.azure.net',
  'storage.azure.com',
  'graph.microsoft.com',
  'database.windows.net',
  'datalake.azure.net',
];
/**
 * v1 also accepts a resource's application id instead of its URI (imds.md §3.1: "URI or GUID");
 * these are the well-known first-party ids of the same resources.
 */
const KNOWN_APP_IDS = [
  '797f4846-ba00-4fd7-ba43-dac1f8f63013', // Windows Azure Service Management API (ARM)
  'cfa8b339-82a2-471a-a3c9-0fc0be7a4093', // Azure Key Vault
  'e406a681-f3d4-42a8-90b6-c2b029497af1', // Azure Storage
  '00000003-0000-0000-c000-000000000000', // Microsoft Graph
];
/** Per-account storage endpoints are resources too (`https://acct.blob.core.windows.net`). */
const ACCOUNT_HOST = /^[a-z0-9]{3,24}\.(blob|queue|table|file|dfs)\.core\.windows\.net$/;

export const ARM_AUDIENCES = [
  'https://management.azure.com/',
  'https://management.azure.com',
  'https://management.core.windows.net/',
  'https://management.core.windows.net',
] as const;

export function checkResource(resource: unknown, tenantId: string): Result<string> {
  if (typeof resource !== 'string' || resource.trim() === '') {
    return fail('invalid_request', "Required query variable 'resource' is missing");
  }
  if (KNOWN_APP_IDS.includes(resource.toLowerCase())) return { ok: true, value: resource };
  let host: string | null = null;
  try {
    const url = new URL(resource);
    if (url.protocol === 'https:') host = url.hostname.toLowerCase();
  } catch {
    host = null;
  }
  if (host && (KNOWN_HOSTS.includes(host) || ACCOUNT_HOST.test(host))) return { ok: true, value: resource };
  return fail(
    'invalid_resource',
    `AADSTS500011: The resource principal named ${resource} was not found in the tenant named ${tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
  );
}
