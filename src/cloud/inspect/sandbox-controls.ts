/**
 * The Time and faults panel's controls. These are sandbox controls, not Azure: they call the sim's
 * documented control functions directly (advanceClock, freeze/unfreeze, setFaultPlan /
 * scheduleImdsFault, setPropagationDelay), and every one returns a sentence for the polite
 * announcement or the sim's own error text.
 */
import {
  advanceClock,
  freezeClock,
  MAX_GONE_MS,
  MAX_PROPAGATION_DELAY_MS,
  scheduleImdsFault,
  setFaultPlan,
  setPropagationDelay,
  unfreezeClock,
  type FaultRule,
  type World,
} from '../../sim/index';
import { formatDuration, formatUtc } from './time-format';

export type Outcome = { ok: true; message: string } | { ok: false; message: string };

export const CLOCK_STEPS = [
  { label: '+10 min', ms: 10 * 60_000 },
  { label: '+1 h', ms: 60 * 60_000 },
  { label: '+24 h', ms: 24 * 60 * 60_000 },
] as const;

type ToggleKind = Extract<FaultRule['kind'], 'throttled' | 'serverError' | 'gone'>;

export interface FaultToggle {
  kind: ToggleKind;
  status: 429 | 500 | 410;
  label: string;
  /** What the learner should expect, in one line. */
  teaches: string;
  /** How long a switched-on fault lasts in simulated time. */
  durationMs: number;
}

/** A day is "until you switch it off" for a session; 410 is capped at IMDS's documented 70 s. */
const DAY = 24 * 60 * 60_000;

export const FAULT_TOGGLES: readonly FaultToggle[] = [
  { kind: 'throttled', status: 429, label: '429 Too Many Requests', teaches: 'IMDS is throttling: retry with exponential back-off.', durationMs: DAY },
  { kind: 'serverError', status: 500, label: '500 Internal Server Error', teaches: 'A transient IMDS error: retry with back-off.', durationMs: DAY },
  { kind: 'gone', status: 410, label: '410 Gone (IMDS updating, 70 s)', teaches: 'IMDS is being updated: retry for up to 70 seconds.', durationMs: MAX_GONE_MS },
];

/** The VM-wide rule of this kind in force now, if any (per-VM rules are lesson-made; left alone). */
export function activeFault(world: World, kind: ToggleKind): FaultRule | null {
  const now = world.now();
  return world.data.faultPlan.rules.find((r) => r.kind === kind && !r.vm && r.from <= now && now < r.until) ?? null;
}

export function setFaultToggle(world: World, kind: ToggleKind, on: boolean): Outcome {
  const toggle = FAULT_TOGGLES.find((t) => t.kind === kind);
  if (!toggle) return { ok: false, message: `There is no fault toggle '${String(kind)}'.` };
  if (on) {
    if (activeFault(world, kind)) return { ok: true, message: `IMDS already answers ${toggle.status}.` };
    const r = scheduleImdsFault(world, kind, toggle.durationMs);
    return r.ok
      ? { ok: true, message: `IMDS now answers ${toggle.status} to token requests for ${formatDuration(toggle.durationMs)} of simulated time.` }
      : { ok: false, message: r.error.message };
  }
  // Off: drop the VM-wide rules of this kind; keep everything else in the plan as it was.
  const plan = world.data.faultPlan;
  const r = setFaultPlan(world, { ...plan, rules: plan.rules.filter((x) => x.kind !== kind || Boolean(x.vm)) });
  return r.ok ? { ok: true, message: `IMDS no longer answers ${toggle.status}.` } : { ok: false, message: r.error.message };
}

export function advance(world: World, ms: number): Outcome {
  const r = advanceClock(world, ms);
  return r.ok ? { ok: true, message: `Simulated time moved forward ${formatDuration(ms)}; it is now ${formatUtc(r.value)}.` } : { ok: false, message: r.error.message };
}

export function setFrozen(world: World, frozen: boolean): Outcome {
  if (frozen) freezeClock(world);
  else unfreezeClock(world);
  return { ok: true, message: frozen ? 'The simulated clock is frozen: time moves only when you advance it.' : 'The simulated clock runs with real time again.' };
}

export const PROPAGATION_CHOICES_MS = [0, 30_000, 2 * 60_000, 5 * 60_000, MAX_PROPAGATION_DELAY_MS] as const;

export function setDelay(world: World, ms: number): Outcome {
  const r = setPropagationDelay(world, ms);
  if (!r.ok) return { ok: false, message: r.error.message };
  return {
    ok: true,
    message: r.value === 0 ? 'New role assignments take effect at once.' : `New and removed role assignments now take ${formatDuration(r.value)} of simulated time to take effect.`,
  };
}

export interface ClockView {
  now: number;
  utc: string;
  frozen: boolean;
  propagationDelayMs: number;
}

export function clockView(world: World): ClockView {
  const now = world.now();
  return { now, utc: formatUtc(now), frozen: world.clock.frozen, propagationDelayMs: world.data.settings.propagationDelayMs };
}
