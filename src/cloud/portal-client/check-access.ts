/**
 * The IAM blade's "Check access": a principal's role assignments that apply at the blade's scope
 * (read from ARM with `$filter=principalId eq '…'`) and the RBAC decision for one action there,
 * in plain language. ARM has no "explain this decision" API, so the trace comes from a read-only
 * `evaluate` on the world — the same engine ARM's handlers consult.
 */
import { evaluate, rbac, type World } from '../../sim/index';
import type { ArmClient } from './arm-client';
import type { RoleDefinitionResource } from './arm-types';
import type { PrincipalDirectory, DirectoryEntry } from './principal-directory';
import { roleAssignmentRows, type RoleAssignmentRow } from './role-assignment-rows';

export interface AccessExplanation {
  action: string;
  allowed: boolean;
  /** One plain-language sentence per trace step, in order. */
  lines: string[];
}

export interface CheckAccessResult {
  principalId: string;
  principal: DirectoryEntry | null;
  /** Assignments held directly by the principal at or above the scope. */
  assignments: RoleAssignmentRow[];
  explanation: AccessExplanation;
}

export interface CheckAccessInput {
  principalId: string;
  scope: string;
  /** Control-plane action to explain; defaults to reading the scope. */
  action: string;
  definitions: readonly RoleDefinitionResource[];
}

const norm = (s: string) => s.replace(/\/+$/, '').toLowerCase();

/** Syntactic "at or above": the assignment's scope is a path prefix of the blade's scope. */
export function appliesAt(assignmentScope: string, scope: string): boolean {
  const a = norm(assignmentScope);
  const s = norm(scope);
  return a === '' || s === a || s.startsWith(`${a}/`);
}

export function explainAccess(world: World, principalId: string, action: string, scope: string): AccessExplanation {
  const trimmed = action.trim();
  if (!/^[A-Za-z0-9.*-]+\/[^\s]+$/.test(trimmed)) {
    throw new Error(`'${action}' is not an action string: use the form {Company}.{Provider}/{resourceType}/{action}, e.g. Microsoft.Resources/subscriptions/resourceGroups/read.`);
  }
  const decision = evaluate(world, { principal: principalId, action: trimmed, isDataAction: false, scope });
  return { action: trimmed, allowed: decision.allowed, lines: rbac.describeDecision(decision) };
}

export async function checkAccess(
  client: ArmClient,
  directory: PrincipalDirectory,
  world: World,
  input: CheckAccessInput,
): Promise<CheckAccessResult> {
  const listed = await client.listRoleAssignmentsForPrincipal(input.scope, input.principalId);
  const here = listed.filter((a) => appliesAt(a.properties.scope, input.scope));
  return {
    principalId: input.principalId,
    principal: directory.lookup(input.principalId),
    assignments: roleAssignmentRows(input.scope, here, input.definitions, directory),
    explanation: explainAccess(world, input.principalId, input.action, input.scope),
  };
}
