/**
 * Listing role assignments as `GET {scope}/providers/Microsoft.Authorization/roleAssignments`
 * does (rbac-arm.md §3.4): without a filter, assignments at, above and below the scope;
 * `atScope()` keeps those at or above; `principalId eq '…'` keeps that principal's assignments
 * at, above or below. Removed assignments are gone from lists at once, even while their
 * removal is still propagating.
 */
import { describePrincipal } from '../directory/principals';
import { errors, ok, type Result } from '../errors';
import { isAtOrBelow, normalizeScope } from '../rbac/index';
import type { RoleAssignment } from '../rbac/types';
import { parentOfScope } from '../world/tree';
import type { World } from '../world/world';
import type { AssignmentState } from './assignment.machine';
import { assignmentState } from './status';
import { show } from '../input';

export interface ListAssignmentsQuery {
  scope: string;
  atScope?: boolean;
  principalId?: string;
}

export interface ListedAssignment {
  assignment: RoleAssignment;
  state: AssignmentState;
  /** "Identity not found" / Unknown for orphaned assignments, as the portal shows them. */
  principal: ReturnType<typeof describePrincipal>;
}

export function listRoleAssignments(world: World, query: ListAssignmentsQuery): Result<ListedAssignment[]> {
  if (query === null || typeof query !== 'object') return errors.invalidParameter('The list query must be an object with a scope.');
  if (query.principalId !== undefined && typeof query.principalId !== 'string') {
    return errors.invalidParameter(`'principalId' must be a string; got ${show(query.principalId)}.`);
  }
  try {
    normalizeScope(query.scope);
  } catch (e) {
    return errors.invalidParameter(e instanceof Error ? e.message : `The scope '${show(query.scope)}' is not valid.`);
  }
  const parentOf = (s: string) => parentOfScope(world, s);
  const principal = query.principalId?.toLowerCase();
  const out: ListedAssignment[] = [];
  for (const a of Object.values(world.data.roleAssignments)) {
    if (a.removedAt != null) continue;
    if (principal !== undefined && a.principalId !== principal) continue;
    const above = isAtOrBelow(query.scope, a.scope, parentOf);
    const below = !query.atScope && isAtOrBelow(a.scope, query.scope, parentOf);
    if (!above && !below) continue;
    out.push({ assignment: a, state: assignmentState(world, a), principal: describePrincipal(world, a.principalId) });
  }
  return ok(out);
}
