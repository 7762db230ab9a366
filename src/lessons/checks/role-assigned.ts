/**
 * Role R reaches a principal at scope S: an assignment at S or above it (inherited), and already
 * effective. A fresh assignment that is still propagating does not count yet, because ARM would
 * still refuse the call (rbac-arm.md §4.4).
 */
import { assignmentState, listRoleAssignments, rbac } from '../../sim/index';
import { parsePrincipalRef, parseScopeRef, principalPhrase, resolvePrincipal, resolveScope, scopePhrase } from '../refs';
import { result, type CheckOf } from './types';

export const roleAssigned: CheckOf<'roleAssigned'> = (spec, { world }) => {
  const principalRef = parsePrincipalRef(spec.principal);
  const scopeRef = parseScopeRef(spec.scope);
  const role = rbac.findRole(spec.role);
  // The loader rejects bad references; these guards keep a hand-built spec from crashing.
  if ('error' in principalRef || 'error' in scopeRef || !role) {
    return result(false, `${spec.role} at ${spec.scope} for ${spec.principal}`, 'This check is misconfigured (unknown role, scope or principal).');
  }
  const label = `${principalPhrase(principalRef)} has ${role.roleName} on ${scopePhrase(scopeRef)}`;
  const waiting = `Waiting for ${role.roleName} on ${scopePhrase(scopeRef)} to be granted to ${principalPhrase(principalRef)} (Access control (IAM) → Add role assignment)`;
  const principal = resolvePrincipal(world, principalRef);
  if ('missing' in principal) return result(false, label, `${waiting}; ${principal.missing}`);
  const scope = resolveScope(world, scopeRef);
  if ('missing' in scope) return result(false, label, `${waiting}; ${scope.missing}`);

  const listed = listRoleAssignments(world, { scope: scope.id, atScope: true, principalId: principal.principalId });
  const matching = listed.ok ? listed.value.filter((l) => rbac.roleGuidOf(l.assignment.roleDefinitionId) === role.name.toLowerCase()) : [];
  if (matching.some((l) => assignmentState(world, l.assignment) === 'effective')) return result(true, label, '');
  const propagating = matching.find((l) => l.state === 'propagating');
  if (propagating) {
    const seconds = Math.max(1, Math.ceil((propagating.assignment.effectiveFrom - world.now()) / 1000));
    return result(false, label, `${role.roleName} was granted and is still propagating; it takes effect in about ${seconds} s`);
  }
  return result(false, label, waiting);
};
