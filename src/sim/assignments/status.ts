/**
 * Where a role assignment stands, derived from data and simulated time: the assignment machine's
 * state. Data holds only facts (effectiveFrom, removedAt, the principal's existence); the state is
 * never stored, so it can never disagree with them.
 */
import { findPrincipal } from '../directory/principals';
import type { RoleAssignment } from '../rbac/types';
import type { World } from '../world/world';
import { assignmentMachine, type AssignmentState } from './assignment.machine';

export function assignmentState(world: World, a: RoleAssignment, at: number = world.now()): AssignmentState {
  if (a.removedAt != null) return 'removed';
  if (!findPrincipal(world, a.principalId)) return 'orphaned';
  return at < a.effectiveFrom ? 'propagating' : 'effective';
}

export function assignmentSnapshot(world: World, a: RoleAssignment, at?: number) {
  return assignmentMachine.resolveState({ value: assignmentState(world, a, at), context: {} });
}
