/**
 * How long until a new role assignment counts. ARM does not say (real Azure just takes "up to 10
 * minutes"), so this reads the simulated world — read-only, like the directory — to show learners
 * why a fresh grant still gets 403 while the propagation delay is on.
 */
import type { World } from '../../sim/index';

/** Simulated ms left before the assignment takes effect; null once it does (or if unknown). */
export function pendingPropagationMs(world: World, assignmentName: string): number | null {
  const a = world.data.roleAssignments[assignmentName.toLowerCase()] ?? world.data.roleAssignments[assignmentName];
  if (!a || a.removedAt != null) return null;
  const left = a.effectiveFrom - world.now();
  return left > 0 ? left : null;
}

/** "2 min 30 s" for the notice next to the assignment. */
export function formatSimulatedDelay(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const min = Math.floor(total / 60);
  const s = total % 60;
  if (min === 0) return `${s} s`;
  return s === 0 ? `${min} min` : `${min} min ${s} s`;
}
