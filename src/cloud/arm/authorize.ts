/**
 * ARM's refusals (rbac-arm.md §3.7): AuthorizationFailed with the object id as client for apps and
 * the UPN for users, the action as ARM prints it and `resourcegroups` lower-cased in the scope; and
 * LinkedAuthorizationFailed for linked scopes. The decision itself comes from access/decide.ts.
 */
import { rbac } from '../../sim/index';
import { decide, type Check } from '../access/decide';
import type { Principal } from '../access/principal';
import type { CallContext } from '../call-context';
import { ARM_TEXT, armError } from './errors';

export type Authorized = { ok: true } | { ok: false; response: Response };

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
