/**
 * The smallest change that would turn a denial into an allow, worded for the learner:
 * "Assign Reader on myResourceGroup to myLinuxVM's identity". The role is the least-privileged
 * built-in role containing the denied action (role-ranking.ts); the scope is the narrowest one that
 * exists — the request's own scope, or its nearest existing ancestor when the request named
 * something that is not there. Some denials have no role fix: a deny assignment wins over any role,
 * and an assignment still propagating only needs time.
 */
import { describePrincipal, listResourceGroups, parentOfScope, scopeExists, type World } from '../../sim/index';
import { ancestorsOrSelf, roleDefinitionId, type Decision } from '../../sim/rbac/index';
import type { AuthorizationRecord } from '../call-context';
import { principalName, scopeLabel, type ScopeLabel } from './names';
import { leastPrivilegedRole } from './role-ranking';
import { formatDuration } from './time-format';

export interface AssignRoleFix {
  kind: 'assignRole';
  sentence: string;
  /** Why this role and this scope. */
  reason: string;
  roleName: string;
  roleGuid: string;
  roleDefinitionId: string;
  scope: string;
  scopeLabel: ScopeLabel;
  principalId: string;
  principalName: string;
  principalType: 'User' | 'Group' | 'ServicePrincipal' | 'Unknown';
  /** The wizard's "Assign access to" choice for this principal. */
  assignAccessTo: 'managedIdentity' | 'userGroupServicePrincipal';
}

export type Fix =
  | AssignRoleFix
  | { kind: 'wait'; sentence: string; remainingMs: number }
  | { kind: 'blockedByDeny'; sentence: string; denyAssignmentName: string }
  | { kind: 'condition'; sentence: string }
  /** The request named something that is not there: a typo, not a missing role. */
  | { kind: 'checkName'; sentence: string; missing: string; existingScope: string }
  | { kind: 'noBuiltInRole'; sentence: string };

/** The narrowest scope at or above `scope` that the world has (a role can only be assigned there). */
export function narrowestExistingScope(world: World, scope: string): string {
  let chain: string[];
  try {
    chain = ancestorsOrSelf(scope, (s) => parentOfScope(world, s));
  } catch {
    return '/';
  }
  for (let i = chain.length - 1; i >= 0; i--) if (scopeExists(world, chain[i]!)) return chain[i]!;
  return '/';
}

function principalOf(decision: Decision): string | null {
  const request = decision.trace.find((s) => s.kind === 'request');
  return request?.kind === 'request' ? request.principal : null;
}

export function smallestFix(world: World, record: AuthorizationRecord): Fix | null {
  const { decision } = record;
  if (decision.allowed) return null;

  if (decision.reason === 'deniedByDenyAssignment') {
    const name = decision.matched?.denyAssignment?.denyAssignmentName ?? 'a deny assignment';
    return {
      kind: 'blockedByDeny',
      denyAssignmentName: name,
      sentence: `No role assignment can fix this: the deny assignment '${name}' wins over every role. Only whoever created it (a managed application or a deployment stack) can remove it or exclude this caller.`,
    };
  }

  if (decision.reason === 'notYetPropagated') {
    const pending = decision.trace.flatMap((s) => (s.kind === 'roleAssignment' && s.outcome === 'grants' && s.propagation === 'pendingCreate' ? [s] : []));
    const first = pending.reduce<number | null>((m, s) => (m === null || s.effectiveFrom < m ? s.effectiveFrom : m), null);
    const remainingMs = Math.max(0, (first ?? world.now()) - world.now());
    return {
      kind: 'wait',
      remainingMs,
      sentence:
        remainingMs > 0
          ? `Nothing to change: the role assignment exists and takes effect in ${formatDuration(remainingMs)} of simulated time. Wait (or advance the clock), then send the request again.`
          : 'Nothing to change: the role assignment has propagated since this request. Send the request again.',
    };
  }

  if (decision.reason === 'conditionNotMet') {
    return {
      kind: 'condition',
      sentence: 'A role assignment would allow this, but its ABAC condition is not met by this request. Change the request to fit the condition, or edit the condition on the assignment.',
    };
  }

  // A scope that does not exist is a wrong name: ARM authorizes before it looks the name up, so the
  // caller gets 403 and not 404 unless it holds a role above it. A role on the nearest existing scope
  // would be a wider grant than the learner meant, and would only turn this into a 404.
  if (!scopeExists(world, record.scope)) return checkName(world, record.scope);

  const grant = leastPrivilegedRole(record.action, record.isDataAction);
  const principalId = principalOf(decision);
  if (!grant || !principalId) {
    return { kind: 'noBuiltInRole', sentence: `No built-in role grants ${record.action} without a condition; a custom role would be needed.` };
  }
  const scope = narrowestExistingScope(world, record.scope);
  const label = scopeLabel(world, scope);
  const who = principalName(world, principalId);
  const p = describePrincipal(world, principalId);
  const isMi = p.type === 'ServicePrincipal' && Boolean(p.managedIdentityResourceId);
  const plane = record.isDataAction ? 'data action' : 'action';
  return {
    kind: 'assignRole',
    sentence: `Assign ${grant.role.roleName} on ${label.phrase} to ${who}.`,
    reason: `${grant.role.roleName} is the least-privileged built-in role that includes the ${plane} ${record.action} (through '${grant.pattern}'), and ${label.phrase} is the narrowest scope that covers the request.`,
    roleName: grant.role.roleName,
    roleGuid: grant.role.name,
    roleDefinitionId: roleDefinitionId(grant.role),
    scope,
    scopeLabel: label,
    principalId,
    principalName: who,
    principalType: p.type,
    assignAccessTo: isMi ? 'managedIdentity' : 'userGroupServicePrincipal',
  };
}

/** Edit distance, for "did you mean": names a learner misspells are short. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

const KIND: Record<string, string> = {
  subscriptions: 'subscription',
  resourcegroups: 'resource group',
  virtualmachines: 'virtual machine',
  storageaccounts: 'storage account',
  containers: 'container',
  vaults: 'key vault',
  userassignedidentities: 'managed identity',
};

function checkName(world: World, scope: string): Fix {
  const existing = narrowestExistingScope(world, scope);
  // The first segment past the existing scope is the one that is not there: "<type>/<name>".
  const rest = scope.slice(existing === '/' ? 0 : existing.length).split('/').filter(Boolean);
  const at = rest[0]?.toLowerCase() === 'providers' ? 2 : 0;
  const type = rest[at] ?? '';
  const missing = rest[at + 1] ?? rest.at(-1) ?? scope;
  const kind = KIND[type.toLowerCase()] ?? 'resource';
  const where = existing === '/' ? '' : ` in ${scopeLabel(world, existing).phrase}`;
  let suggestion = '';
  if (type.toLowerCase() === 'resourcegroups') {
    const sub = /^\/subscriptions\/([^/]+)/i.exec(existing)?.[1];
    const groups = sub ? listResourceGroups(world, sub) : null;
    const near = groups?.ok ? groups.value.map((g) => g.name).filter((n) => distance(n, missing) <= 2).sort((a, b) => distance(a, missing) - distance(b, missing)) : [];
    if (near[0]) suggestion = ` (did you mean ${near[0]}?)`;
  }
  return {
    kind: 'checkName',
    missing,
    existingScope: existing,
    sentence:
      `The ${kind} ${missing} does not exist${where}: check the name${suggestion}. ` +
      'ARM checks access before it looks the name up, so a caller with no role above it gets 403 rather than 404; no role assignment is the fix for a misspelt name.',
  };
}
