/** Every check type by name, and evaluating a step's list of checks. */
import type { CheckSpec } from '../types';
import { roleAssignmentOrphaned, roleAssignmentRemoved } from './assignment-lifecycle';
import { armError, dataError } from './error-answered';
import { armCall, armGet, dataCall, dataRead } from './call-succeeded';
import { systemAssignedDisabled, systemAssignedEnabled } from './identity-enabled';
import { imdsResponse } from './imds-response';
import { imdsRetried } from './imds-retried';
import { imdsToken } from './imds-token';
import { userAssignedDeleted, vmDeleted } from './resource-deleted';
import { roleAssigned } from './role-assigned';
import type { CheckContext, CheckOf, CheckResult } from './types';
import { userAssignedAttached } from './user-assigned-attached';
import { userAssignedCreated } from './user-assigned-created';

export type { CheckContext, CheckResult } from './types';

const CHECKS: { [T in CheckSpec['type']]: CheckOf<T> } = {
  systemAssignedEnabled,
  systemAssignedDisabled,
  userAssignedCreated,
  userAssignedAttached,
  userAssignedDeleted,
  vmDeleted,
  roleAssigned,
  roleAssignmentOrphaned,
  roleAssignmentRemoved,
  imdsToken,
  imdsResponse,
  imdsRetried,
  armGet,
  armCall,
  armError,
  dataRead,
  dataCall,
  dataError,
};

export function evaluateCheck(spec: CheckSpec, ctx: CheckContext): CheckResult {
  const check = CHECKS[spec.type] as CheckOf<CheckSpec['type']> | undefined;
  if (!check) return { passed: false, label: String(spec.type), waitingFor: `Unknown check type '${String(spec.type)}'.` };
  try {
    return check(spec as never, ctx);
  } catch (e) {
    // A check must never take the lesson down; report it as not passed with the reason.
    return { passed: false, label: spec.type, waitingFor: `This check failed to run: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export function evaluateChecks(specs: readonly CheckSpec[], ctx: CheckContext): { passed: boolean; results: CheckResult[] } {
  const results = specs.map((s) => evaluateCheck(s, ctx));
  return { passed: results.length > 0 && results.every((r) => r.passed), results };
}
