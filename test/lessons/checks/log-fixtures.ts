/** Request-log entries shaped like the router's, for checks that read the log. */
import type { RequestLogEntry } from '../../../src/cloud/request-log.ts';
import type { VirtualMachine } from '../../../src/sim/index.ts';

let seq = 0;

export interface EntryInput {
  url: string;
  method?: string;
  headers?: [string, string][];
  status?: number;
  body?: string;
  from?: VirtualMachine | 'portal';
  /** Use the VM's vmId GUID as the caller instead of its ARM id (the router may send either). */
  callerByVmId?: boolean;
  principalId?: string;
  /** Which kind of identity `principalId` is (the router logs it); system-assigned unless said. */
  identityKind?: 'SystemAssigned' | 'UserAssigned';
  resource?: string;
  responseHeaders?: [string, string][];
}

/** The router's service names, by host. */
function serviceOf(host: string): RequestLogEntry['service'] {
  if (host === '169.254.169.254') return 'imds';
  if (host === 'management.azure.com') return 'arm';
  if (host.endsWith('.blob.core.windows.net')) return 'storage';
  if (host.endsWith('.vault.azure.net')) return 'keyvault';
  return null;
}

export function entry(input: EntryInput): RequestLogEntry {
  const url = new URL(input.url);
  const service = serviceOf(url.hostname);
  const from = input.from ?? 'portal';
  return {
    seq: ++seq,
    requestId: `req-${seq}`,
    caller: from === 'portal' ? { kind: 'portal' } : { kind: 'vm', vmId: input.callerByVmId ? from.properties.vmId : from.id },
    service,
    operation: service === 'imds' && url.pathname === '/metadata/identity/oauth2/token' ? 'imds.token' : null,
    request: { method: input.method ?? 'GET', url: input.url, headers: input.headers ?? [], body: '' },
    response: { status: input.status ?? 200, statusText: '', headers: input.responseHeaders ?? [], body: input.body ?? '{}' },
    networkError: null,
    timing: { simulatedAt: 0, wallMs: 0, latencyMs: 0 },
    identity: input.principalId ? { principalId: input.principalId, clientId: null, kind: input.identityKind ?? 'SystemAssigned', resourceId: null, userPrincipalName: null } : null,
    tokenId: null,
    authorizations: [],
    imdsToken: input.resource !== undefined ? { resource: input.resource, fromCache: false, selector: {} } : null,
  };
}

export const TOKEN_URL = 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/';
export const armError = (code: string, message = 'x') => JSON.stringify({ error: { code, message } });

/** A Storage error as the blob service sends it: the code in a header and in an XML body. */
export const storageError = (code: string): Pick<EntryInput, 'body' | 'responseHeaders'> => ({
  body: `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>x</Message></Error>`,
  responseHeaders: [['x-ms-error-code', code]],
});
