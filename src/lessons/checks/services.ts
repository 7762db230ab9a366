/**
 * The service a request-log check listens to: ARM, or one data plane (a storage account's blob
 * endpoint, a key vault). The "answered 200" and "answered this error" checks are the same for
 * every service; only which log entries are its answers, and how paths compare, differ.
 */
import type { DataPlaneTarget } from '../types';
import { isArm, isService, urlOf } from './log-entry';
import type { RequestLogEntry } from './types';

export interface AnsweringService {
  /** How check texts name it: "ARM", "mysandboxstorage.blob.core.windows.net". */
  name: string;
  answers: (e: RequestLogEntry) => boolean;
  /** Blob names are case-sensitive; ARM ids and secret names are not. */
  caseSensitivePaths: boolean;
}

export const ARM: AnsweringService = { name: 'ARM', answers: isArm, caseSensitivePaths: false };

export function dataPlane(target: DataPlaneTarget): AnsweringService {
  const host = (target.service === 'storage' ? `${target.account}.blob.core.windows.net` : `${target.vault}.vault.azure.net`).toLowerCase();
  return {
    name: host,
    // The host, not just the service: a world may hold several accounts or vaults.
    answers: (e) => isService(e, target.service) && urlOf(e)?.hostname.toLowerCase() === host,
    caseSensitivePaths: target.service === 'storage',
  };
}
