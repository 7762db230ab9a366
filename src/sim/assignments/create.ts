/**
 * Creating a role assignment (PUT …/roleAssignments/{guid}, rbac-arm.md §3.4). Checks, in ARM's
 * order of concern: the name is a GUID; the scope exists; the role exists and is assignable
 * there; the name is not reused with different properties (`RoleAssignmentUpdateNotPermitted`);
 * the (scope, role, principal) triple is new (`RoleAssignmentExists`); the principal exists
 * unless `principalType` was given (ARM skips the directory lookup then, which is how orphaned
 * "Identity not found" assignments get created); the subscription is under its limit.
 */
import { findPrincipal } from '../directory/principals';
import { errors, fail, ok, type Result } from '../errors';
import type { WorldEventBody } from '../events';
import { isGuid } from '../ids';
import { step } from '../machine-step';
import { checkAssignableAt, normalizeScope, roleGuidOf } from '../rbac/index';
import type { PrincipalType, RoleAssignment } from '../rbac/types';
import { roleDefinitionId } from '../world/arm-id';
import { parentOfScope, scopeExists } from '../world/tree';
import { scopeNotFound } from '../world/scope-errors';
import type { World } from '../world/world';
import { findRoleDefinition } from '../definitions/role-definitions';
import { assignmentMachine } from './assignment.machine';
import * as v from 'valibot';
import { parseInput, show } from '../input';

/** rbac-arm.md §6: 5,000 role assignments per subscription (newest limit). */
export const ASSIGNMENTS_PER_SUBSCRIPTION = 5000;
/** rbac-arm.md §6: descriptions up to 2,048 characters. */
const DESCRIPTION_MAX = 2048;
/** rbac-arm.md §6: conditions up to 8 KB. */
const CONDITION_MAX = 8 * 1024;

export interface CreateAssignmentInput {
  name: string;
  scope: string;
  roleDefinitionId: string;
  principalId: string;
  principalType?: PrincipalType | string;
  condition?: string | null;
  conditionVersion?: string | null;
  description?: string | null;
}

const nullableString = v.optional(v.nullable(v.string()));
const ASSIGNMENT_INPUT = v.object({
  name: v.unknown(),
  scope: v.unknown(),
  roleDefinitionId: v.unknown(),
  principalId: v.unknown(),
  principalType: v.optional(v.unknown()),
  condition: nullableString,
  conditionVersion: nullableString,
  description: nullableString,
});

const PRINCIPAL_TYPES: readonly string[] = ['User', 'Group', 'ServicePrincipal', 'ForeignGroup'];

export function createRoleAssignment(
  world: World,
  input: CreateAssignmentInput,
): Result<{ assignment: RoleAssignment; created: boolean }> {
  const checked = parseInput(ASSIGNMENT_INPUT, input, 'role assignment');
  if (!checked.ok) return checked;
  if (!isGuid(input.name)) return errors.invalidRoleAssignmentId(show(input.name));
  if (typeof input.scope !== 'string' || !scopeExists(world, input.scope)) return scopeNotFound(world, show(input.scope));
  const guid = typeof input.roleDefinitionId === 'string' ? roleGuidOf(input.roleDefinitionId) : undefined;
  const role = guid ? findRoleDefinition(world, guid) : undefined;
  if (!role) return errors.roleDefinitionDoesNotExist(guid ?? show(input.roleDefinitionId));
  const assignable = checkAssignableAt(role, input.scope, (s) => parentOfScope(world, s));
  if (!assignable.ok) return fail(assignable.code, assignable.message);
  if (!isGuid(input.principalId)) return errors.invalidPrincipalId();
  if (input.principalType !== undefined && !PRINCIPAL_TYPES.includes(input.principalType)) {
    if (input.principalType === 'Application') return errors.principalTypeNotSupported();
    return errors.invalidParameter(
      `The principalType '${show(input.principalType)}' is not valid. Allowed values are ${PRINCIPAL_TYPES.map((t) => `'${t}'`).join(', ')}.`,
    );
  }
  if (input.description != null && input.description.length > DESCRIPTION_MAX) {
    return errors.invalidParameter(`The role assignment description exceeds the maximum length of ${DESCRIPTION_MAX} characters.`);
  }
  if (input.condition != null) {
    if (input.conditionVersion !== '2.0') return errors.invalidConditionVersion();
    if (input.condition.length > CONDITION_MAX) return errors.invalidParameter('The condition exceeds the maximum size of 8 KB.');
  }

  const principalId = input.principalId.toLowerCase();
  const scopeKey = normalizeScope(input.scope);
  const name = input.name.toLowerCase();
  const existing = world.data.roleAssignments[name];
  if (existing && existing.removedAt == null) {
    const same =
      normalizeScope(existing.scope) === scopeKey &&
      roleGuidOf(existing.roleDefinitionId) === role.name.toLowerCase() &&
      existing.principalId === principalId;
    return same ? ok({ assignment: existing, created: false }) : errors.roleAssignmentUpdateNotPermitted();
  }

  const subKey = /^\/subscriptions\/[^/]+/i.exec(input.scope)?.[0]?.toLowerCase();
  let inSubscription = 0;
  for (const a of Object.values(world.data.roleAssignments)) {
    if (a.removedAt != null) continue;
    if (a.principalId === principalId && normalizeScope(a.scope) === scopeKey && roleGuidOf(a.roleDefinitionId) === role.name.toLowerCase()) {
      return errors.roleAssignmentExists();
    }
    if (subKey && normalizeScope(a.scope).startsWith(subKey)) inSubscription++;
  }

  const principal = findPrincipal(world, principalId);
  if (!principal && input.principalType === undefined) return errors.principalNotFound(input.principalId, world.tenantId);
  if (principal && input.principalType !== undefined && input.principalType !== principal.type) {
    return errors.unmatchedPrincipalType(input.principalId, principal.type, input.principalType);
  }
  if (subKey && inSubscription >= ASSIGNMENTS_PER_SUBSCRIPTION) return errors.roleAssignmentLimitExceeded();

  const now = world.now();
  const assignment: RoleAssignment = {
    name,
    scope: input.scope,
    roleDefinitionId: roleDefinitionId(role.name),
    principalId,
    principalType: (input.principalType as PrincipalType | undefined) ?? (principal?.type as PrincipalType | undefined) ?? 'User',
    createdOn: new Date(now).toISOString(),
    effectiveFrom: now + world.data.settings.propagationDelayMs,
    removedAt: null,
    condition: input.condition ?? null,
    conditionVersion: input.condition != null ? '2.0' : null,
    description: input.description ?? null,
  };
  const requested = assignmentMachine.resolveState({ value: 'requested', context: {} });
  const accepted = step(assignmentMachine, requested, { type: 'assignment.accept' }, {
    store: () => {
      // Reusing the name of a removed assignment replaces its record (the old one no longer exists).
      world.data.roleAssignments[name] = assignment;
    },
  });
  const events: WorldEventBody[] = [
    { type: 'assignment.created', name, scope: assignment.scope, roleDefinitionId: assignment.roleDefinitionId, principalId, effectiveFrom: assignment.effectiveFrom },
  ];
  if (accepted && assignment.effectiveFrom <= now) {
    step(assignmentMachine, accepted, { type: 'assignment.propagated' }, {});
    events.push({ type: 'assignment.propagated', name });
  }
  world.commit(events, { rbac: true });
  return ok({ assignment, created: true });
}
