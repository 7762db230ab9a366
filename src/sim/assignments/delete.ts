/**
 * Deleting a role assignment. ARM answers at once (200 with the body, or 204 when there is
 * nothing to delete), but authorization keeps honouring the assignment until the removal
 * propagates: `removedAt` = now + the world's propagation delay.
 */
import { errors, ok, type Result } from '../errors';
import { step } from '../machine-step';
import { normalizeScope } from '../rbac/index';
import type { RoleAssignment } from '../rbac/types';
import type { World } from '../world/world';
import { assignmentMachine } from './assignment.machine';
import { assignmentSnapshot, assignmentState } from './status';

const ASSIGNMENT_ID = /^(.*)\/providers\/Microsoft\.Authorization\/roleAssignments\/([^/]+)$/i;

/** Finds a live assignment by GUID name or full id (`{scope}/providers/Microsoft.Authorization/roleAssignments/{guid}`). */
export function findRoleAssignment(world: World, nameOrId: string): RoleAssignment | null {
  if (typeof nameOrId !== 'string') return null;
  const m = ASSIGNMENT_ID.exec(nameOrId);
  const name = (m ? m[2]! : nameOrId).toLowerCase();
  const a = world.data.roleAssignments[name];
  if (!a || a.removedAt != null) return null;
  if (m && normalizeScope(m[1] === '' ? '/' : m[1]!) !== normalizeScope(a.scope)) return null;
  return a;
}

/** `assignment` is null when there was nothing to delete (ARM's 204). */
export function deleteRoleAssignment(world: World, nameOrId: string): Result<{ assignment: RoleAssignment | null }> {
  const a = findRoleAssignment(world, nameOrId);
  if (!a) return ok({ assignment: null });
  const removedAt = world.now() + world.data.settings.propagationDelayMs;
  const next = step(assignmentMachine, assignmentSnapshot(world, a), { type: 'assignment.remove' }, {
    markRemoved: () => {
      a.removedAt = removedAt;
    },
  });
  if (!next) return errors.invalidAssignmentTransition(a.name, assignmentState(world, a), 'assignment.remove');
  world.commit([{ type: 'assignment.deleted', name: a.name, removedAt }], { rbac: true });
  return ok({ assignment: a });
}
