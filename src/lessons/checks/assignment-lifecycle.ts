/**
 * What happens to role assignments when identities go: an assignment left behind by a deleted
 * principal ("Identity not found", rbac-arm.md §4.3), and an assignment removed through ARM.
 */
import { describePrincipal, listRoleAssignments, rbac, type World } from '../../sim/index';
import { acceptedPrincipals, parsePrincipalRef, parseScopeRef, principalPhrase, resolveScope, scopePhrase } from '../refs';
import { newest, pathOf } from './log-entry';
import { result, type CheckContext, type CheckOf, type CheckResult, type RequestLogEntry } from './types';

interface Target {
  roleName: string;
  roleGuid: string;
  scopeId: string;
  scopeWords: string;
}

function target(world: World, spec: { role: string; scope: string }, label: string): Target | CheckResult {
  const role = rbac.findRole(spec.role);
  const scopeRef = parseScopeRef(spec.scope);
  if (!role || 'error' in scopeRef) return result(false, label, 'This check is misconfigured (unknown role or scope).');
  const scope = resolveScope(world, scopeRef);
  if ('missing' in scope) return result(false, label, `Waiting: ${scope.missing}`);
  return { roleName: role.roleName, roleGuid: role.name.toLowerCase(), scopeId: scope.id, scopeWords: scopePhrase(scopeRef) };
}

const isTarget = (t: Target | CheckResult): t is Target => 'roleGuid' in t;

/** The live assignments of exactly this role at exactly this scope (not inherited ones). */
function assignmentsAt(world: World, t: Target) {
  const listed = listRoleAssignments(world, { scope: t.scopeId, atScope: true });
  const key = rbac.normalizeScope(t.scopeId);
  return listed.ok
    ? listed.value.filter((l) => rbac.normalizeScope(l.assignment.scope) === key && rbac.roleGuidOf(l.assignment.roleDefinitionId) === t.roleGuid)
    : [];
}

const orphaned = (world: World, principalId: string) => describePrincipal(world, principalId).type === 'Unknown';

export const roleAssignmentOrphaned: CheckOf<'roleAssignmentOrphaned'> = (spec, { world }) => {
  const label = `A ${spec.role} assignment on ${spec.scope.replace(/^\w+:/, '')} is left behind as "Identity not found"`;
  const t = target(world, spec, label);
  if (!isTarget(t)) return t;
  const labelled = `A ${t.roleName} assignment on ${t.scopeWords} is left behind as "Identity not found"`;
  const hit = assignmentsAt(world, t).some((l) => orphaned(world, l.assignment.principalId));
  return result(hit, labelled, `Waiting for the identity that holds ${t.roleName} on ${t.scopeWords} to be disabled or deleted`);
};

/** The assignment an ARM DELETE answered 200 for: its body is the removed assignment. */
function removedBy(e: RequestLogEntry): { name: string; scope: string; roleGuid: string; principalId: string } | null {
  if (e.service !== 'arm' || e.request.method.toUpperCase() !== 'DELETE' || e.response?.status !== 200) return null;
  if (!/\/providers\/Microsoft\.Authorization\/roleAssignments\/[^/]+$/i.test(pathOf(e))) return null;
  try {
    const body = JSON.parse(e.response.body) as { name?: unknown; properties?: { scope?: unknown; roleDefinitionId?: unknown; principalId?: unknown } };
    const p = body.properties;
    if (typeof body.name !== 'string' || typeof p?.scope !== 'string' || typeof p.roleDefinitionId !== 'string' || typeof p.principalId !== 'string') return null;
    return { name: body.name, scope: p.scope, roleGuid: rbac.roleGuidOf(p.roleDefinitionId) ?? '', principalId: p.principalId.toLowerCase() };
  } catch {
    return null;
  }
}

/**
 * ARM answered 200 to a DELETE of an assignment of this role at this scope (in this step), and no
 * such assignment is left: optionally one of a named principal, or one whose principal is gone.
 */
export const roleAssignmentRemoved: CheckOf<'roleAssignmentRemoved'> = (spec, ctx: CheckContext) => {
  const { world, log } = ctx;
  const principalRef = spec.principal ? parsePrincipalRef(spec.principal) : null;
  if (principalRef && 'error' in principalRef) return result(false, `${spec.role} removed`, 'This check is misconfigured (bad principal reference).');
  const whose = spec.orphaned ? ' whose identity no longer exists' : principalRef ? ` for ${principalPhrase(principalRef)}` : '';
  const fallback = `The ${spec.role} assignment on ${spec.scope.replace(/^\w+:/, '')}${whose} is removed`;
  const t = target(world, spec, fallback);
  if (!isTarget(t)) return t;
  const label = `The ${t.roleName} assignment on ${t.scopeWords}${whose} is removed`;
  // A principal named by reference may be current or gone by now (removed after a disable).
  let principals: ReadonlySet<string> | null = null;
  if (principalRef) {
    const now = acceptedPrincipals(world, principalRef, false);
    const before = acceptedPrincipals(world, principalRef, true);
    principals = new Set([...('ids' in now ? now.ids : []), ...('ids' in before ? before.ids : [])]);
  }
  const key = rbac.normalizeScope(t.scopeId);
  const matches = (a: { scope: string; roleGuid: string; principalId: string }) =>
    rbac.normalizeScope(a.scope) === key &&
    a.roleGuid === t.roleGuid &&
    (principals === null || principals.has(a.principalId)) &&
    (!spec.orphaned || orphaned(world, a.principalId));
  const deleted = newest(log, (e) => {
    const a = removedBy(e);
    return a !== null && matches(a);
  });
  const remaining = assignmentsAt(world, t).filter((l) =>
    matches({ scope: l.assignment.scope, roleGuid: t.roleGuid, principalId: l.assignment.principalId.toLowerCase() }),
  );
  if (deleted && remaining.length === 0) return result(true, label, '');
  const how = `(${t.scopeWords} → Access control (IAM) → Role assignments: select it, then Remove)`;
  if (deleted) return result(false, label, `Waiting for the other ${t.roleName} assignment${remaining.length > 1 ? 's' : ''}${whose} on ${t.scopeWords} to be removed too ${how}`);
  return result(false, label, `Waiting for the ${t.roleName} assignment${whose} on ${t.scopeWords} to be removed ${how}`);
};
