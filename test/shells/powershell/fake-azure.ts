/**
 * Test doubles for the VM-bound fetch: a tiny IMDS + ARM that answer like the spec sheets
 * (/work/shared/spec/imds.md §1.3–1.4, rbac-arm.md §AuthorizationFailed), with switches for the
 * quickstart's stages: identity off, no role yet, role granted. Network failures reject with the
 * `code` contract the router uses.
 */
import { createPowerShellSession, type PowerShellSession } from '../../../src/shells/powershell';

export const SUB = '98f51385-2edc-4b79-bed9-7718de4cb861';
export const RG = 'DevTest';
export const PRINCIPAL = '30c7f262-1107-49d2-882a-abeb0050f854';
export const CLIENT = '2084ae4a-2cb6-495c-8892-e8c5f942cad1';
export const VM = { vmName: 'myWindowsVM', computerName: 'myWindowsVM', adminUsername: 'azureuser', vmId: '5c08b38e-4d57-4c23-ac45-aca61037f084' };

function b64url(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export const NOW = Date.UTC(2026, 10, 27, 7, 30, 0) / 1000;

export function makeToken(payloadExtra: Record<string, unknown> = {}): string {
  const header = { typ: 'JWT', alg: 'RS256', x5t: 'nOo3ZDrODXEK1jKWhXslHR_KXEg', kid: 'nOo3ZDrODXEK1jKWhXslHR_KXEg' };
  const payload = {
    aud: 'https://management.azure.com/',
    iss: 'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/',
    iat: NOW - 300,
    nbf: NOW - 300,
    exp: NOW - 300 + 86700,
    appid: CLIENT,
    appidacr: '2',
    idp: 'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/',
    idtyp: 'app',
    oid: PRINCIPAL,
    sub: PRINCIPAL,
    tid: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    ver: '1.0',
    xms_mirid: `/subscriptions/${SUB}/resourcegroups/${RG}/providers/Microsoft.Compute/virtualMachines/myWindowsVM`,
    ...payloadExtra,
  };
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.c2lnbmF0dXJl`;
}

export interface World {
  identity: boolean;
  reader: boolean;
}

const json = (status: number, body: unknown, extra: Record<string, string> = {}) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)), ...extra },
  });
};

export function fakeFetch(world: World, log: Request[] = []): (r: Request) => Promise<Response> {
  return async (request) => {
    log.push(request);
    const url = new URL(request.url);
    if (url.hostname === '169.254.169.254') {
      const imds = { Server: 'IMDS/150.870.65.1854', Date: 'Fri, 27 Nov 2026 07:30:00 GMT' };
      if (request.method !== 'GET') return json(405, { error: 'method_not_allowed', error_description: 'Not allowed' }, imds);
      if (request.headers.get('Metadata') !== 'true') return json(400, { error: 'invalid_request', error_description: 'Required metadata header not specified' }, imds);
      if (url.pathname === '/metadata/identity/oauth2/token') {
        const resource = url.searchParams.get('resource');
        if (!resource) return json(400, { error: 'invalid_request', error_description: "Required query variable 'resource' is missing" }, imds);
        if (!world.identity) return json(400, { error: 'invalid_request', error_description: 'Identity not found' }, imds);
        return json(
          200,
          {
            access_token: makeToken({ aud: resource }),
            client_id: CLIENT,
            expires_in: '86400',
            expires_on: String(NOW - 300 + 86700),
            ext_expires_in: '86399',
            not_before: String(NOW - 300),
            resource,
            token_type: 'Bearer',
          },
          imds,
        );
      }
      return json(404, { error: 'not_found', error_description: 'Not found' }, imds);
    }
    if (url.hostname === 'management.azure.com') {
      const auth = request.headers.get('Authorization') ?? '';
      const arm = { 'x-ms-request-id': 'b1a7a1f0-0c5e-4f7e-9c8e-2f0e3a4b5c6d', 'Cache-Control': 'no-cache', Pragma: 'no-cache', Expires: '-1' };
      if (!auth.startsWith('Bearer ')) return json(401, { error: { code: 'AuthenticationFailed', message: "Authentication failed. The 'Authorization' header is missing." } }, arm);
      const rgPath = `/subscriptions/${SUB}/resourceGroups/${RG}`;
      if (url.pathname.toLowerCase() !== rgPath.toLowerCase()) return json(404, { error: { code: 'ResourceGroupNotFound', message: `Resource group '${url.pathname.split('/').pop()}' could not be found.` } }, arm);
      if (!world.reader) {
        return json(
          403,
          {
            error: {
              code: 'AuthorizationFailed',
              message: `The client '${PRINCIPAL}' with object id '${PRINCIPAL}' does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourcegroups/read' over scope '/subscriptions/${SUB}/resourcegroups/${RG}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
            },
          },
          arm,
        );
      }
      return json(200, { id: `/subscriptions/${SUB}/resourceGroups/${RG}`, name: RG, location: 'westus', properties: { provisioningState: 'Succeeded' } }, arm);
    }
    if (url.hostname === 'refused.example') throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    if (url.hostname === 'slow.example') throw Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' });
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${url.hostname}`), { code: 'ENOTFOUND' });
  };
}

export const loadGrammar = async () => ({ languageWasm: 'node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm' });

/**
 * A run-limit clock that steps on every read: the time limit then counts work (the interpreter reads
 * the clock every 64 statements, loop turns or pipeline items), so limit tests stop at the same point
 * on any machine, however loaded.
 */
export function steppingClock(stepMs = 1): () => number {
  let t = 0;
  return () => (t += stepMs);
}

export function newSession(world: Partial<World> = {}, log: Request[] = []): PowerShellSession {
  return createPowerShellSession({
    fetch: fakeFetch({ identity: true, reader: true, ...world }, log),
    vm: VM,
    loadGrammar,
    now: () => new Date(NOW * 1000),
    clock: steppingClock(),
  });
}
