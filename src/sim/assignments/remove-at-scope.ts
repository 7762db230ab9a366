/**
 * Role and deny assignments are extension resources of their scope: when a resource or group is
 * deleted they go with it, immediately (there is nothing left for them to grant on).
 */
import type { WorldEventBody } from '../events';
import { keyOf } from '../world/arm-id';
import type { World } from '../world/world';
import { step } from '../machine-step';
import { assignmentMachine } from './assignment.machine';
import { assignmentSnapshot } from './status';

export function removeScopeExtensions(world: World, scope: string): WorldEventBody[] {
  const key = keyOf(scope);
  const under = (s: string) => {
    const k = keyOf(s);
    return k === key || k.startsWith(key + '/');
  };
  const events: WorldEventBody[] = [];
  const now = world.now();
  for (const a of Object.values(world.data.roleAssignments)) {
    if (a.removedAt != null || !under(a.scope)) continue;
    const removed = step(assignmentMachine, assignmentSnapshot(world, a, now), { type: 'assignment.remove' }, {
      markRemoved: () => {
        a.removedAt = now;
      },
    });
    if (removed) events.push({ type: 'assignment.deleted', name: a.name, removedAt: now });
  }
  for (const [k, d] of Object.entries(world.data.denyAssignments)) {
    if (under(d.scope)) {
      delete world.data.denyAssignments[k];
      events.push({ type: 'denyAssignment.deleted', name: d.name });
    }
  }
  return events;
}
