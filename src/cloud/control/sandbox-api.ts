/**
 * The sandbox control API (not part of Azure), as the emulator serves it under `/_sandbox/` on its
 * IMDS port: reset to a preset, read the world, mint a user token, move the clock, set the IMDS
 * fault plan, and pick the VM the loopback IMDS answers as. Plain request → reply functions over
 * a host object, so the same API can sit behind any transport.
 */
import {
  advanceClock,
  createWorld,
  findVm,
  issueUserToken,
  PRESET_NAMES,
  setFaultPlan,
  snapshotWorld,
  type World,
} from '../../sim/index';
import { isPlainObject, parseJsonBody } from '../http/body';

export interface SandboxHost {
  readonly world: World;
  replaceWorld(world: World): void;
  /** vmId of the VM the loopback IMDS answers as; null when the world has none. */
  currentVm(): string | null;
  setVm(vmId: string | null): void;
}

export interface ControlReply {
  status: number;
  body: unknown;
}

const fail = (status: number, code: string, message: string): ControlReply => ({ status, body: { error: { code, message } } });

/** A running clock: SDKs and token lifetimes see time pass, and the IMDS rate limit counts real seconds. */
export function newEmulatorWorld(preset: string): ReturnType<typeof createWorld> {
  return createWorld(preset, { frozen: false, now: Date.now() });
}

/** The first VM of a world, which IMDS answers as after a reset. */
export function defaultVm(world: World): string | null {
  return Object.values(world.data.virtualMachines)[0]?.properties.vmId ?? null;
}

export function worldSummary(host: SandboxHost) {
  const w = host.world;
  const d = w.data;
  const vm = host.currentVm();
  return {
    tenantId: w.tenantId,
    subscriptions: Object.values(d.subscriptions).map((s) => ({ subscriptionId: s.subscriptionId, displayName: s.displayName })),
    users: Object.values(d.users).map((u) => ({ objectId: u.objectId, userPrincipalName: u.userPrincipalName })),
    resourceGroups: Object.values(d.resourceGroups).map((g) => ({ id: g.id, name: g.name, location: g.location })),
    virtualMachines: Object.values(d.virtualMachines).map((v) => ({ id: v.id, name: v.name, vmId: v.properties.vmId, identity: v.identity ?? null })),
    userAssignedIdentities: Object.values(d.userAssignedIdentities).map((i) => ({ id: i.id, name: i.name, clientId: i.properties.clientId, principalId: i.properties.principalId })),
    storageAccounts: Object.values(d.storageAccounts).map((a) => ({
      id: a.id,
      name: a.name,
      containers: Object.values(d.blobContainers).filter((c) => c.accountId.toLowerCase() === a.id.toLowerCase()).map((c) => c.name),
    })),
    keyVaults: Object.values(d.keyVaults).map((v) => ({ id: v.id, name: v.name, vaultUri: v.properties.vaultUri, enableRbacAuthorization: v.properties.enableRbacAuthorization })),
    roleAssignments: Object.values(d.roleAssignments)
      .filter((a) => a.removedAt == null)
      .map((a) => ({ name: a.name, scope: a.scope, roleDefinitionId: a.roleDefinitionId, principalId: a.principalId, principalType: a.principalType })),
    clock: { now: new Date(w.now()).toISOString(), frozen: w.clock.frozen },
    imdsVm: vm ? { vmId: vm, name: findVm(w, vm)?.name ?? null } : null,
  };
}

async function body(text: string): Promise<{ ok: true; value: Record<string, unknown> } | { ok: false; reply: ControlReply }> {
  const parsed = parseJsonBody(text);
  if (!parsed.ok) return { ok: false, reply: fail(400, 'InvalidJson', `The request body is not JSON: ${parsed.message}`) };
  if (parsed.empty) return { ok: true, value: {} };
  if (!isPlainObject(parsed.value)) return { ok: false, reply: fail(400, 'InvalidJson', 'The request body must be a JSON object.') };
  return { ok: true, value: parsed.value };
}

const ROUTES = {
  'GET /_sandbox': 'this list',
  'GET /_sandbox/world': 'ids and names in the world (?full=true adds the whole snapshot)',
  'POST /_sandbox/reset': '{"preset":"quickstart" | "empty" | "user-assigned" | "data"}',
  'POST /_sandbox/token': '{"principal":"<upn or object id>","resource":"https://management.azure.com/"}',
  'POST /_sandbox/clock': '{"advanceSeconds": n}',
  'PUT /_sandbox/faults': '{"rules":[{"kind":"updating","from":<ms>,"until":<ms>}],"latencyMs":0,"rateLimit":{…}} (merged over the current plan)',
  'PUT /_sandbox/vm': '{"vm":"<name, ARM id or vmId>"}',
};

export async function handleControl(host: SandboxHost, method: string, url: URL, text: string): Promise<ControlReply> {
  const path = url.pathname.replace(/\/+$/, '');
  const key = `${method.toUpperCase()} ${path}`;
  switch (key) {
    case 'GET /_sandbox':
      return { status: 200, body: { endpoints: ROUTES } };
    case 'GET /_sandbox/world': {
      const summary = worldSummary(host);
      return { status: 200, body: url.searchParams.get('full') === 'true' ? { ...summary, snapshot: snapshotWorld(host.world) } : summary };
    }
    case 'POST /_sandbox/reset': {
      const b = await body(text);
      if (!b.ok) return b.reply;
      const preset = b.value.preset === undefined ? 'quickstart' : b.value.preset;
      if (typeof preset !== 'string') return fail(400, 'UnknownPreset', `'preset' must be one of ${PRESET_NAMES.join(', ')}.`);
      const made = newEmulatorWorld(preset);
      if (!made.ok) return fail(400, made.error.code, made.error.message);
      host.replaceWorld(made.value);
      host.setVm(defaultVm(made.value));
      return { status: 200, body: worldSummary(host) };
    }
    case 'POST /_sandbox/token': {
      const b = await body(text);
      if (!b.ok) return b.reply;
      const { principal, resource } = b.value;
      if (typeof principal !== 'string' || typeof resource !== 'string') {
        return fail(400, 'InvalidParameter', "Give 'principal' (a user's UPN or object id) and 'resource' as strings.");
      }
      const issued = await issueUserToken(host.world, { user: principal, resource });
      if (!issued.ok) return fail(issued.error.code === 'UserNotFound' ? 404 : 400, issued.error.code, issued.error.message);
      const t = issued.value;
      // The IMDS token shape, so the same client code reads both.
      return {
        status: 200,
        body: {
          access_token: t.record.jwt,
          client_id: t.clientId,
          expires_in: String(t.expiresIn),
          expires_on: String(t.expiresOn),
          ext_expires_in: String(t.extExpiresIn),
          not_before: String(t.notBefore),
          resource,
          token_type: 'Bearer',
        },
      };
    }
    case 'POST /_sandbox/clock': {
      const b = await body(text);
      if (!b.ok) return b.reply;
      const seconds = b.value.advanceSeconds;
      if (typeof seconds !== 'number') return fail(400, 'InvalidClockChange', "'advanceSeconds' must be a number of seconds ≥ 0.");
      const moved = advanceClock(host.world, seconds * 1000);
      if (!moved.ok) return fail(400, moved.error.code, moved.error.message);
      return { status: 200, body: { now: new Date(moved.value).toISOString() } };
    }
    case 'PUT /_sandbox/faults': {
      const b = await body(text);
      if (!b.ok) return b.reply;
      const set = setFaultPlan(host.world, { ...host.world.data.faultPlan, ...b.value });
      if (!set.ok) return fail(400, set.error.code, set.error.path ? `${set.error.message} (at ${set.error.path})` : set.error.message);
      return { status: 200, body: set.value };
    }
    case 'PUT /_sandbox/vm': {
      const b = await body(text);
      if (!b.ok) return b.reply;
      const want = b.value.vm;
      if (typeof want !== 'string' || want === '') return fail(400, 'InvalidParameter', "'vm' must be a VM name, ARM id or vmId.");
      const byName = Object.values(host.world.data.virtualMachines).filter((v) => v.name.toLowerCase() === want.toLowerCase());
      if (byName.length > 1) return fail(400, 'AmbiguousVm', `Several VMs are named '${want}'; give the ARM id or vmId.`);
      const vm = byName[0] ?? findVm(host.world, want);
      if (!vm) return fail(404, 'VmNotFound', `No VM '${want}' exists in the world.`);
      host.setVm(vm.properties.vmId);
      return { status: 200, body: worldSummary(host).imdsVm };
    }
    default: {
      const known = Object.keys(ROUTES).some((r) => r.endsWith(` ${path}`));
      return known ? fail(405, 'MethodNotAllowed', `${method} is not supported on ${path}.`) : fail(404, 'NotFound', `No control endpoint ${path}; GET /_sandbox lists them.`);
    }
  }
}
