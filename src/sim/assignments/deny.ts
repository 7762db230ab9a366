/**
 * Deny assignments. Customers cannot create them (rbac-arm.md §1.8); Azure does, for blueprints,
 * managed apps and deployment stacks. Here only scenarios (lessons, sandbox control) add them;
 * the ARM layer exposes them read-only.
 */
import * as v from 'valibot';
import { errors, ok, type Result } from '../errors';
import { isGuid } from '../ids';
import { normalizeScope } from '../rbac/index';
import type { DenyAssignment } from '../rbac/types';
import { DenyAssignmentSchema } from '../world/schema';
import { scopeExists } from '../world/tree';
import { scopeNotFound } from '../world/scope-errors';
import type { World } from '../world/world';
import { show } from '../input';

/** S5: "All Principals" may appear only in `principals`. */
const ALL_PRINCIPALS = '00000000-0000-0000-0000-000000000000';

export function addDenyAssignment(world: World, input: unknown): Result<DenyAssignment> {
  const parsed = v.safeParse(DenyAssignmentSchema, input);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    return errors.invalidParameter(`Invalid deny assignment at '${v.getDotPath(issue) ?? '(root)'}': ${issue.message}`);
  }
  const da = structuredClone(parsed.output);
  if (!isGuid(da.name)) return errors.invalidParameter(`The deny assignment name '${da.name}' must be a GUID.`);
  try {
    normalizeScope(da.scope);
  } catch (e) {
    return errors.invalidParameter(e instanceof Error ? e.message : 'Invalid scope.');
  }
  if (!scopeExists(world, da.scope)) return scopeNotFound(world, da.scope);
  if (da.permissions.length === 0 || da.permissions.every((p) => p.actions.length === 0 && p.dataActions.length === 0)) {
    return errors.invalidParameter('A deny assignment needs at least one action or data action.');
  }
  if (da.excludePrincipals.some((p) => p.id === ALL_PRINCIPALS)) {
    return errors.invalidParameter('All Principals can only appear in principals, not in excludePrincipals.');
  }
  da.name = da.name.toLowerCase();
  world.data.denyAssignments[da.name] = da;
  world.commit([{ type: 'denyAssignment.created', name: da.name, scope: da.scope }], { rbac: true });
  return ok(da);
}

export function removeDenyAssignment(world: World, name: string): Result<{ name: string | null }> {
  const key = show(name).toLowerCase();
  if (!world.data.denyAssignments[key]) return ok({ name: null });
  delete world.data.denyAssignments[key];
  world.commit([{ type: 'denyAssignment.deleted', name: key }], { rbac: true });
  return ok({ name: key });
}

export function listDenyAssignments(world: World): DenyAssignment[] {
  return Object.values(world.data.denyAssignments);
}
