/**
 * Sandbox control (not part of Azure): moving simulated time and the propagation delay. Moving
 * the clock is also when the world notices what time alone changes: assignments finishing
 * propagation and soft-deleted principals reaching their 30-day purge.
 */
import { purgeExpiredPrincipals } from '../directory/principals';
import { errors, ok, type Result } from '../errors';
import type { WorldEventBody } from '../events';
import type { World } from './world';
import { show } from '../input';

/** rbac-arm.md §4.4: propagation takes up to 10 minutes. */
export const MAX_PROPAGATION_DELAY_MS = 10 * 60 * 1000;

export function advanceClock(world: World, ms: number): Result<number> {
  const from = world.now();
  const moved = world.clock.advance(ms);
  if (!moved.ok) return moved;
  const to = world.now();
  const events: WorldEventBody[] = [{ type: 'clock.advanced', from, to }];
  for (const a of Object.values(world.data.roleAssignments)) {
    if (a.removedAt == null && a.effectiveFrom > from && a.effectiveFrom <= to) {
      events.push({ type: 'assignment.propagated', name: a.name });
    }
  }
  // Removed assignments whose removal has propagated are no longer honoured by anyone: drop them.
  let pruned = false;
  for (const [key, a] of Object.entries(world.data.roleAssignments)) {
    if (a.removedAt != null && a.removedAt <= to) {
      delete world.data.roleAssignments[key];
      pruned = true;
    }
  }
  events.push(...purgeExpiredPrincipals(world));
  world.data.clock = world.clock.state();
  world.commit(events, { rbac: pruned });
  return ok(to);
}

export function freezeClock(world: World): void {
  if (world.clock.frozen) return;
  world.clock.freeze();
  world.data.clock = world.clock.state();
  world.commit([{ type: 'clock.frozen' }]);
}

export function unfreezeClock(world: World): void {
  if (!world.clock.frozen) return;
  world.clock.unfreeze();
  world.data.clock = world.clock.state();
  world.commit([{ type: 'clock.unfrozen' }]);
}

/** Delay before new and removed role assignments take effect: 0 (default) to 10 simulated minutes. */
export function setPropagationDelay(world: World, ms: number): Result<number> {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > MAX_PROPAGATION_DELAY_MS) {
    return errors.invalidSetting(`The propagation delay must be between 0 and ${MAX_PROPAGATION_DELAY_MS} ms (10 minutes); got ${show(ms)}.`);
  }
  world.data.settings.propagationDelayMs = Math.floor(ms);
  world.commit([{ type: 'settings.changed', propagationDelayMs: world.data.settings.propagationDelayMs }]);
  return ok(world.data.settings.propagationDelayMs);
}
