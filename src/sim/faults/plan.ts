/**
 * The IMDS fault plan as data (sandbox control): timed fault windows, added latency and the
 * managed-identity rate limit. Setting it validates everything first; a plan is replaced whole.
 */
import * as v from 'valibot';
import { errors, ok, type Result } from '../errors';
import { FaultPlanSchema, type FaultPlan, type FaultRule } from '../world/schema';
import type { World } from '../world/world';

/** imds.md §1.4: after a 410, IMDS is back "within 70 seconds". */
export const MAX_GONE_MS = 70_000;
/**
 * The most latency a plan may add to each IMDS answer: one minute, longer than any SDK's IMDS
 * timeout, so a slow IMDS can be shown without a request that hangs for weeks (issue 16).
 */
export const MAX_FAULT_LATENCY_MS = 60_000;

export const defaultFaultPlan = (): FaultPlan => ({
  rules: [],
  latencyMs: 0,
  rateLimit: { enabled: true, perSecond: 20, concurrent: 5 },
});

export function setFaultPlan(world: World, plan: unknown): Result<FaultPlan> {
  const parsed = v.safeParse(FaultPlanSchema, plan);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    return errors.invalidFaultPlan(`The fault plan is invalid: ${issue.message}`, v.getDotPath(issue) ?? undefined);
  }
  if (parsed.output.latencyMs > MAX_FAULT_LATENCY_MS) {
    return errors.invalidFaultPlan(`Added latency is at most ${MAX_FAULT_LATENCY_MS} ms (one minute); got ${parsed.output.latencyMs}.`, 'latencyMs');
  }
  for (const [i, rule] of parsed.output.rules.entries()) {
    const bad = checkRule(rule);
    if (bad) return errors.invalidFaultPlan(bad, `rules.${i}`);
  }
  world.data.faultPlan = structuredClone(parsed.output);
  world.commit([{ type: 'faults.changed' }]);
  return ok(world.data.faultPlan);
}

function checkRule(rule: FaultRule): string | null {
  if (rule.until <= rule.from) return `A fault window must end after it starts (from ${rule.from}, until ${rule.until}).`;
  if (rule.kind === 'gone' && rule.until - rule.from > MAX_GONE_MS) {
    return `IMDS answers 410 for at most 70 seconds; this window lasts ${rule.until - rule.from} ms.`;
  }
  return null;
}

/** Adds one timed fault starting now (the common lesson case: "IMDS is updating for 30 s"). */
export function scheduleImdsFault(
  world: World,
  kind: FaultRule['kind'],
  durationMs: number,
  vm?: string,
): Result<FaultPlan> {
  const from = world.now();
  const rule: FaultRule = { kind, from, until: from + durationMs, ...(vm ? { vm } : {}) };
  return setFaultPlan(world, { ...world.data.faultPlan, rules: [...world.data.faultPlan.rules, rule] });
}
