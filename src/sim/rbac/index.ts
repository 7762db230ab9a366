/**
 * The RBAC engine's public API (see README.md in this folder). Everything the world model and the
 * HTTP layer need comes from here.
 */
export type * from './types';
export { builtInRoles, BUILT_IN_ROLE_IDS } from '../roles/built-in';
export { findRole, roleGuidOf, roleDefinitionId, isGuid } from '../roles/find-role';
export { validateCustomRole, CUSTOM_ROLE_LIMITS, type RoleValidation } from '../roles/validate-custom-role';
export { checkAssignableAt } from '../roles/assignable';
export { matchesAction, wildcardCount } from './wildcard';
export {
  normalizeScope,
  ancestorsOrSelf,
  scopeChain,
  scopeLevel,
  isAtOrBelow,
  armScopeForMessage,
  InvalidScopeError,
  ROOT_SCOPE,
  type ScopeSegment,
} from './scope';
export { evaluateCondition, parseCondition, ConditionSyntaxError, type ConditionResult } from './condition';
export { createRbacIndex, RbacIndex, type RbacIndexOptions } from './rbac-index';
export { evaluateIndexed } from './evaluate-indexed';
export { resolveWithMachine, resolutionMachine, type ResolutionInput } from './resolution.machine';
export { describeStep, describeDecision } from './describe';
export { ALL_PRINCIPALS_ID, InvalidAccessRequestError, propagationOf } from './rules';
