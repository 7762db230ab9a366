/**
 * The decision the IMDS handler asks for on every identity request: answer normally, answer late,
 * or answer with a fault (imds.md §1.4–1.5). Timed rules come first (an updating IMDS does not
 * count requests), then the managed-identity limits: 5 concurrent, 20 per second per VM.
 * Throttled requests count toward the window, so a client that retries too fast stays throttled.
 */
import type { World } from '../world/world';

export type ImdsFaultCause = 'updating' | 'gone' | 'serverError' | 'throttled' | 'rateLimit' | 'concurrency';

export type ImdsFault =
  | {
      kind: 'error';
      status: 404 | 410 | 429 | 500;
      cause: ImdsFaultCause;
      body: { error: string; error_description: string };
      latencyMs: number;
    }
  | { kind: 'latency'; latencyMs: number };

/** Bodies: 404, 429 and 500 are the REST spec's examples; 410 has none documented (ours, in the same form). */
const BODIES = {
  updating: { status: 404, body: { error: 'not_found', error_description: 'Not found' } },
  gone: { status: 410, body: { error: 'service_unavailable', error_description: 'IMDS is going through updates' } },
  serverError: { status: 500, body: { error: 'server_error', error_description: 'Server error' } },
  throttled: { status: 429, body: { error: 'too_many_requests', error_description: 'Too many requests' } },
} as const;

const recent = new WeakMap<World, Map<string, number[]>>();

/**
 * @param now simulated ms of the request
 * @param concurrency requests from this VM in flight, this one included
 * @param vm the calling VM's vmId or ARM id (rate limits are per VM)
 */
export function imdsFaultFor(world: World, now: number, concurrency: number, vm = ''): ImdsFault | null {
  // Internal callers pass numbers; anything else is read as "now, one request, unknown VM".
  if (typeof now !== 'number' || !Number.isFinite(now)) now = world.now();
  if (typeof concurrency !== 'number' || !Number.isFinite(concurrency)) concurrency = 1;
  if (typeof vm !== 'string') vm = '';
  const plan = world.data.faultPlan;
  const latencyMs = plan.latencyMs;
  const vmKey = vm.toLowerCase();
  for (const rule of plan.rules) {
    if (now < rule.from || now >= rule.until) continue;
    if (rule.vm && !matchesVm(world, rule.vm, vmKey)) continue;
    return { kind: 'error', cause: rule.kind, ...BODIES[rule.kind], latencyMs };
  }
  if (plan.rateLimit.enabled) {
    if (concurrency > plan.rateLimit.concurrent) {
      return { kind: 'error', cause: 'concurrency', ...BODIES.throttled, latencyMs };
    }
    let perVm = recent.get(world);
    if (!perVm) recent.set(world, (perVm = new Map()));
    const window = (perVm.get(vmKey) ?? []).filter((t) => t > now - 1000 && t <= now);
    window.push(now);
    perVm.set(vmKey, window);
    if (window.length > plan.rateLimit.perSecond) {
      return { kind: 'error', cause: 'rateLimit', ...BODIES.throttled, latencyMs };
    }
  }
  return latencyMs > 0 ? { kind: 'latency', latencyMs } : null;
}

/** A rule names a VM by vmId or ARM id; the caller may give either. */
function matchesVm(world: World, ruleVm: string, callerKey: string): boolean {
  const want = ruleVm.toLowerCase();
  if (want === callerKey) return true;
  const vm = world.data.virtualMachines[want] ?? world.data.virtualMachines[callerKey];
  if (!vm) return false;
  const ids = [vm.id.toLowerCase(), vm.properties.vmId];
  return ids.includes(want) && ids.includes(callerKey);
}
