/**
 * RBAC decisions against a world. The engine (../rbac) reads only `RbacData`; this module hands it
 * the world's assignments, definitions, deny assignments, group closure and management-group
 * ancestry, and keeps one index per RBAC revision so repeated decisions never rebuild it.
 */
import { groupsOf } from '../directory/groups';
import { errors, ok, type Result } from '../errors';
import { createRbacIndex, evaluateIndexed, InvalidAccessRequestError, InvalidScopeError, type RbacIndex } from '../rbac/index';
import type { ConditionalAccessRequest, Decision, RbacData } from '../rbac/types';
import { parentOfScope } from '../world/tree';
import type { World } from '../world/world';

const cache = new WeakMap<World, { rbacRevision: number; index: RbacIndex }>();

/** The world's RBAC inputs, as the engine's contract describes them. */
export function rbacDataOf(world: World): RbacData {
  return {
    roleDefinitions: Object.values(world.data.roleDefinitions),
    roleAssignments: Object.values(world.data.roleAssignments),
    denyAssignments: Object.values(world.data.denyAssignments),
    groupsOf: (principalId) => groupsOf(world, principalId),
  };
}

/** The index for the world's current RBAC revision (built at most once per revision). */
export function rbacIndexOf(world: World): RbacIndex {
  const hit = cache.get(world);
  if (hit && hit.rbacRevision === world.rbacRevision) return hit.index;
  const index = createRbacIndex(rbacDataOf(world), { parentOf: (scope) => parentOfScope(world, scope) });
  cache.set(world, { rbacRevision: world.rbacRevision, index });
  return index;
}

/**
 * Decides one request. Pass `groups` from the caller's token (a managed identity's groups are
 * frozen in its token); omit it to use the directory's current closure. `at` defaults to now.
 */
export function evaluate(
  world: World,
  req: Omit<ConditionalAccessRequest, 'at'> & { at?: number },
): Decision {
  return evaluateIndexed(rbacIndexOf(world), { ...req, at: req.at ?? world.now() });
}

/**
 * `evaluate` for requests built from user input (a URL's scope, a typed action): a malformed
 * request becomes a named error (`InvalidAccessRequest`, `InvalidScope`) instead of a throw.
 */
export function tryEvaluate(world: World, req: Omit<ConditionalAccessRequest, 'at'> & { at?: number }): Result<Decision> {
  try {
    return ok(evaluate(world, req));
  } catch (e) {
    if (e instanceof InvalidAccessRequestError || e instanceof InvalidScopeError) {
      return { ok: false, error: { code: e.code, message: e.message } };
    }
    return errors.invalidParameter(`The access request could not be evaluated: ${e instanceof Error ? e.message : String(e)}`);
  }
}
