/**
 * One RBAC check for any service: the sim's `evaluate` decides, with the groups frozen in the
 * caller's token, and the decision (with its trace) is recorded on the call for the request log.
 * Each service words its own refusal.
 */
import { evaluate } from '../../sim/index';
import type { Decision } from '../../sim/rbac/index';
import type { AuthorizationRecord, CallContext } from '../call-context';
import type { Principal } from './principal';

export interface Check {
  action: string;
  scope: string;
  isDataAction?: boolean;
}

/** Decides and records one check; a scope RBAC cannot parse is denied like an uncovered one. */
export function decide(
  ctx: CallContext,
  principal: Principal,
  check: Check,
  purpose: AuthorizationRecord['purpose'] = 'request',
): Decision | null {
  let decision: Decision;
  try {
    decision = evaluate(ctx.world, {
      principal: principal.principalId,
      groups: principal.groups,
      action: check.action,
      isDataAction: check.isDataAction ?? false,
      scope: check.scope,
    });
  } catch {
    return null;
  }
  ctx.authorizations.push({
    action: check.action,
    scope: check.scope,
    isDataAction: check.isDataAction ?? false,
    allowed: decision.allowed,
    decision,
    purpose,
  });
  return decision;
}

