/** Shared setup for the cloud tests: a preset world, a router with instant waits, callers and tokens. */
import { createRouter, type Router } from '../../src/cloud/router';
import type { CallerId } from '../../src/cloud/call-context';
import {
  enableSystemAssigned,
  issueUserToken,
  quickstartWorld,
  setFaultPlan,
  defaultFaultPlan,
  type QuickstartWorld,
  type World,
} from '../../src/sim/index';

export const ARM = 'https://management.azure.com';
export const IMDS = 'http://169.254.169.254';
export const TOKEN_URL = `${IMDS}/metadata/identity/oauth2/token`;

export interface Rig extends QuickstartWorld {
  router: Router;
  linuxVm: CallerId;
  windowsVm: CallerId;
  sdk: CallerId;
}

export function rig(opts: { systemAssigned?: boolean; world?: QuickstartWorld; rateLimit?: boolean } = {}): Rig {
  const q = opts.world ?? quickstartWorld();
  if (opts.systemAssigned) {
    const r = enableSystemAssigned(q.world, q.linuxVmId);
    if (!r.ok) throw new Error(r.error.message);
  }
  // Tests fire many requests in one frozen simulated millisecond; the rate limit has its own test.
  if (!opts.rateLimit) setFaultPlan(q.world, { ...defaultFaultPlan(), rateLimit: { enabled: false, perSecond: 20, concurrent: 5 } });
  const router = createRouter(q.world, { wait: async () => {} });
  return {
    ...q,
    router,
    linuxVm: { kind: 'vm', vmId: vmIdOf(q.world, q.linuxVmId) },
    windowsVm: { kind: 'vm', vmId: vmIdOf(q.world, q.windowsVmId) },
    sdk: { kind: 'sdk' },
  };
}

export function vmIdOf(world: World, armId: string): string {
  const vm = world.data.virtualMachines[armId.toLowerCase()];
  if (!vm) throw new Error(`no VM ${armId}`);
  return vm.properties.vmId;
}

export async function imds(r: Rig, query: string, opts: { from?: CallerId; headers?: Record<string, string>; method?: string; path?: string } = {}) {
  const url = `${IMDS}${opts.path ?? '/metadata/identity/oauth2/token'}${query ? `?${query}` : ''}`;
  const res = await r.router.fetch(new Request(url, { method: opts.method ?? 'GET', headers: opts.headers ?? { Metadata: 'true' } }), {
    from: opts.from ?? r.linuxVm,
  });
  const text = await res.text();
  return { res, text, json: safeJson(text) };
}

export function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** An IMDS token for `resource` from the Linux VM (throws unless 200). */
export async function miToken(r: Rig, resource = 'https://management.azure.com/', extra = '', from?: CallerId): Promise<string> {
  const { res, json, text } = await imds(r, `api-version=2018-02-01&resource=${encodeURIComponent(resource)}${extra}`, from ? { from } : {});
  if (res.status !== 200) throw new Error(`IMDS ${res.status}: ${text}`);
  return json.access_token;
}

export async function adminToken(r: Rig, resource = 'https://management.azure.com/'): Promise<string> {
  const t = await issueUserToken(r.world, { user: r.adminUpn, resource });
  if (!t.ok) throw new Error(t.error.message);
  return t.value.record.jwt;
}

export async function arm(
  r: Rig,
  method: string,
  path: string,
  opts: { token?: string | null; body?: unknown; apiVersion?: string | null; from?: CallerId; headers?: Record<string, string> } = {},
) {
  const sep = path.includes('?') ? '&' : '?';
  const version = opts.apiVersion === undefined ? '2021-04-01' : opts.apiVersion;
  const url = `${ARM}${path}${version === null ? '' : `${sep}api-version=${version}`}`;
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await r.router.fetch(
    new Request(url, { method, headers, ...(opts.body !== undefined ? { body: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body) } : {}) }),
    { from: opts.from ?? r.linuxVm },
  );
  const text = await res.text();
  return { res, text, json: safeJson(text) };
}
