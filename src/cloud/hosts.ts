/**
 * The sandbox's DNS: which host names exist and which service answers them. A Key Vault or
 * storage host exists only while its vault or account does, as with real DNS; everything else
 * fails to resolve, so no simulated request can ever reach a real network.
 */
import { findStorageAccountByName, findVaultByName, type World } from '../sim/index';
import type { Service } from './call-context';

export const IMDS_HOST = '169.254.169.254';
export const ARM_HOST = 'management.azure.com';
export const IMDS_ORIGIN = `http://${IMDS_HOST}`;
export const ARM_ORIGIN = `https://${ARM_HOST}`;
export const GRAPH_HOST = 'graph.microsoft.com';
/** Cloud Shell's token endpoint listens on the container's loopback (MSI_ENDPOINT). */
export const CLOUD_SHELL_HOST = 'localhost';
export const CLOUD_SHELL_PORT = 50342;

const VAULT_HOST = /^([a-z0-9-]{3,24})\.vault\.azure\.net$/;
const BLOB_HOST = /^([a-z0-9]{3,24})\.blob\.core\.windows\.net$/;

export interface Resolved {
  service: Service;
  /** Vault or storage account name for the data-plane hosts. */
  name: string | null;
}

export function resolveHost(world: World, hostname: string): Resolved | null {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === IMDS_HOST) return { service: 'imds', name: null };
  if (host === ARM_HOST) return { service: 'arm', name: null };
  if (host === GRAPH_HOST) return { service: 'graph', name: null };
  if (host === CLOUD_SHELL_HOST || host === '127.0.0.1') return { service: 'cloudshell', name: null };
  const vault = VAULT_HOST.exec(host);
  if (vault && findVaultByName(world, vault[1]!)) return { service: 'keyvault', name: vault[1]! };
  const blob = BLOB_HOST.exec(host);
  if (blob && findStorageAccountByName(world, blob[1]!)) return { service: 'storage', name: blob[1]! };
  return null;
}
