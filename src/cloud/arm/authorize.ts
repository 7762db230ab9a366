/**
 * RBAC for ARM: the sim's `evaluate` decides (with the groups frozen in the token), this module
 * records the decision for the request log and words ARM's 403s (rbac-arm.md §3.7): the object id
 * as client for apps, the UPN for users, the action as ARM prints it, `resourcegroups` lower-cased.
 */
import { evaluate, rbac } from '../../sim/index';
import type { Decision } from '../../sim/rbac/index';
import type { AuthorizationRecord, CallContext } from '../call-context';
import { ARM_TEXT, armError } from './errors';
import type { Principal } from './principal';

export interface Check {
  action: string;
  scope: string;
  isDataAction?: boolean;
}

export type Authorized = { ok: true } | { ok: false; response: Response };

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

const scopeForMessage = (scope: string) => {
  try {
    return rbac.armScopeForMessage(scope);
  } catch {
    return scope;
  }
};

export function authorizeArm(ctx: CallContext, principal: Principal, check: Check): Authorized {
  const decision = decide(ctx, principal, check);
  if (decision?.allowed) return { ok: true };
  const message = ARM_TEXT.authorizationFailed(
    principal.client,
    principal.principalId,
    check.action,
    scopeForMessage(check.scope),
    decision?.abacConditionNotFulfilled ?? false,
  );
  return { ok: false, response: armError(ctx, 'AuthorizationFailed', message, 403) };
}

/**
 * A linked check (attaching a user-assigned identity): the caller already holds `primary`; every
 * linked scope must allow `linkedAction`, else 403 LinkedAuthorizationFailed naming the ones that don't.
 */
export function authorizeLinked(ctx: CallContext, principal: Principal, primary: Check, linkedAction: string, linkedScopes: readonly string[]): Authorized {
  const denied = linkedScopes.filter((scope) => !decide(ctx, principal, { action: linkedAction, scope }, 'linked')?.allowed);
  if (denied.length === 0) return { ok: true };
  const message = ARM_TEXT.linkedAuthorizationFailed(
    principal.client,
    principal.principalId,
    primary.action,
    scopeForMessage(primary.scope),
    linkedAction,
    denied.map(scopeForMessage),
  );
  return { ok: false, response: armError(ctx, 'LinkedAuthorizationFailed', message, 403) };
}
