/**
 * Small stand-ins for the cloud layer, answering as the fact sheets say real IMDS and ARM answer
 * (/work/shared/spec/imds.md §1.3–1.4, rbac-arm.md §3.1), plus the network failures of the fetch
 * contract in src/shells/bash/README.md. The real router replaces them.
 */
import type { ShellFetch, VmFacts } from '../../../src/shells/bash';

export const VM: VmFacts = {
  vmName: 'myLinuxVM',
  computerName: 'myLinuxVM',
  adminUsername: 'azureuser',
  vmId: '5c08b38e-4d57-4c23-ac45-aca61037f084',
  location: 'eastus',
  osImage: 'Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:latest',
};

export const SUBSCRIPTION = 'aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e';
export const RESOURCE_GROUP = 'myResourceGroup';
export const CLIENT_ID = 'b84e06d3-aba1-4bcc-9626-2e0d76cba2ce';

const b64url = (s: string) => Buffer.from(s).toString('base64url');

/** A JWT whose payload segment needs padding, as real ones often do. */
export const TOKEN_PAYLOAD = {
  aud: 'https://management.azure.com/',
  iss: 'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/',
  iat: 1702350473,
  nbf: 1702350473,
  exp: 1702437173,
  aio: 'E2ZgYHh/XJ5rI+elrXfmCj6NYrzNBwA=',
  appid: CLIENT_ID,
  appidacr: '2',
  idp: 'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/',
  idtyp: 'app',
  oid: '30c7f262-1107-49d2-882a-abeb0050f854',
  rh: '0.ARoAv4j5cvGGr0GRqy180BHbR0quhCC2LFxJiJLoxflCytEaAAA.',
  sub: '30c7f262-1107-49d2-882a-abeb0050f854',
  tid: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  uti: 'h_EsYsvI6EaU4p-gACpTA',
  ver: '1.0',
  xms_mirid: `/subscriptions/${SUBSCRIPTION}/resourcegroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/virtualMachines/myLinuxVM`,
};
export const ACCESS_TOKEN = [
  b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5t: 'nOo3ZDrODXEK1jKWhXslHR_KXEg', kid: 'nOo3ZDrODXEK1jKWhXslHR_KXEg' })),
  b64url(JSON.stringify(TOKEN_PAYLOAD)),
  'c2lnbmF0dXJl',
].join('.');

export const IDENTITY_NOT_FOUND = '{"error":"invalid_request","error_description":"Identity not found"}';
export const METADATA_REQUIRED = '{"error":"invalid_request","error_description":"Required metadata header not specified"}';

export function tokenBody(resource: string): string {
  return JSON.stringify({
    access_token: ACCESS_TOKEN,
    client_id: CLIENT_ID,
    expires_in: '86400',
    expires_on: '1702437173',
    ext_expires_in: '86399',
    not_before: '1702350473',
    resource,
    token_type: 'Bearer',
  });
}

export const RESOURCE_GROUP_BODY = JSON.stringify({
  id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}`,
  name: RESOURCE_GROUP,
  type: 'Microsoft.Resources/resourceGroups',
  location: 'eastus',
  properties: { provisioningState: 'Succeeded' },
});

const DATE = 'Tue, 12 Dec 2023 03:07:53 GMT';

function imds(status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      Server: 'IMDS/150.870.65.1854',
      Date: DATE,
      'Content-Length': String(Buffer.byteLength(body)),
    },
  });
}

function arm(status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: {
      'cache-control': 'no-cache',
      'content-type': 'application/json; charset=utf-8',
      'x-ms-request-id': '8a5c6a4e-7d7b-4f4e-9d0f-0b6bfe0d8c11',
      date: DATE,
      'content-length': String(Buffer.byteLength(body)),
    },
  });
}

export function networkError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

export interface FakeCloud {
  fetch: ShellFetch;
  /** Every request the session sent, in order. */
  requests: Request[];
  identityEnabled: boolean;
  readerGranted: boolean;
}

/**
 * IMDS at 169.254.169.254, ARM at management.azure.com, an echo service at echo.test (answers
 * with the request it got), redirects at redirect.test, a host that refuses connections
 * (refused.test) and one that never answers (hang.test). Anything else does not resolve.
 */
export function fakeCloud(init: Partial<Pick<FakeCloud, 'identityEnabled' | 'readerGranted'>> = {}): FakeCloud {
  const cloud: FakeCloud = {
    requests: [],
    identityEnabled: init.identityEnabled ?? true,
    readerGranted: init.readerGranted ?? true,
    fetch: async (request) => {
      cloud.requests.push(request.clone());
      const url = new URL(request.url);
      if (url.hostname === '169.254.169.254') {
        if (request.method !== 'GET') return imds(405, '{"error":"method_not_allowed","error_description":"Not allowed"}');
        if (request.headers.get('metadata') !== 'true') return imds(400, METADATA_REQUIRED);
        if (url.pathname === '/metadata/identity/oauth2/token') {
          const resource = url.searchParams.get('resource');
          if (!resource) return imds(400, `{"error":"invalid_request","error_description":"Required query variable 'resource' is missing"}`);
          if (!cloud.identityEnabled) return imds(400, IDENTITY_NOT_FOUND);
          return imds(200, tokenBody(resource));
        }
        if (url.pathname === '/metadata/instance/compute/vmId' && url.searchParams.get('format') === 'text') {
          return new Response(VM.vmId, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
        }
        return imds(404, '{"error":"not_found","error_description":"Not found"}');
      }
      if (url.hostname === 'management.azure.com') {
        if (request.headers.get('authorization') !== `Bearer ${ACCESS_TOKEN}`) {
          return arm(401, '{"error":{"code":"AuthenticationFailed","message":"Authentication failed. The \'Authorization\' header is missing."}}');
        }
        if (url.pathname === `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}`) {
          if (!cloud.readerGranted) {
            return arm(403, JSON.stringify({ error: { code: 'AuthorizationFailed', message: 'The client does not have authorization to perform action.' } }));
          }
          return arm(200, RESOURCE_GROUP_BODY);
        }
        return arm(404, '{"error":{"code":"ResourceGroupNotFound","message":"Resource group not found."}}');
      }
      if (url.hostname === 'echo.test') {
        const body = await request.text();
        const headers: Record<string, string> = {};
        request.headers.forEach((v, k) => (headers[k] = v));
        return new Response(JSON.stringify({ method: request.method, url: request.url, headers, body }), {
          status: Number(url.searchParams.get('status') ?? 200),
          headers: { 'Content-Type': 'application/json' },
        });
      }
      if (url.hostname === 'redirect.test') {
        const n = Number(url.pathname.slice(1) || '0');
        if (n > 0) return new Response(null, { status: 302, headers: { Location: `/${n - 1}` } });
        return new Response('landed', { headers: { 'Content-Type': 'text/plain' } });
      }
      if (url.hostname === 'refused.test') throw networkError('ECONNREFUSED', 'connect ECONNREFUSED');
      if (url.hostname === 'hang.test') return new Promise<Response>(() => {});
      if (url.hostname === 'timeout.test') throw networkError('ETIMEDOUT', `connect ETIMEDOUT ${url.hostname}:80`);
      // An address nothing answers (what the router says for an IP literal with no host behind it).
      if (url.hostname === '169.254.169.25') throw networkError('ETIMEDOUT', `connect ETIMEDOUT ${url.hostname}:80`);
      if (url.hostname === 'reset.test') throw networkError('ECONNRESET', 'read ECONNRESET');
      if (url.hostname === 'broken-body.test') {
        const body = new ReadableStream({ pull: (c) => c.error(new Error('socket hang up')) });
        return new Response(body, { status: 200 });
      }
      throw networkError('ENOTFOUND', `getaddrinfo ENOTFOUND ${url.hostname}`);
    },
  };
  return cloud;
}

/** A clock that advances 1 ms each time it is read, so curl's timings are reproducible. */
export function steppingClock(stepMs = 1): () => number {
  let t = 1_000;
  return () => (t += stepMs);
}

export const TOKEN_URL = 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/';
export const RG_URL = `https://management.azure.com/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}?api-version=2016-09-01`;
