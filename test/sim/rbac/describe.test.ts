import { describe, expect, it } from 'vitest';
import { describeStep, type TraceStep } from '../../../src/sim/rbac';

const RG = '/subscriptions/s/resourceGroups/myResourceGroup';
const base = {
  kind: 'roleAssignment',
  scope: RG,
  name: 'ra1',
  roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7',
  roleName: 'Reader',
  principalId: 'g1',
  via: 'principal',
  propagation: 'effective',
  effectiveFrom: 0,
  removedAt: null,
  plane: 'control',
  outcome: 'grants',
  pattern: '*/read',
  hasCondition: false,
} as const satisfies TraceStep;

describe('plain-language trace lines', () => {
  it.each<[TraceStep, string]>([
    [base, `Reader at ${RG} grants '*/read', which covers the action.`],
    [{ ...base, via: 'group' }, `Reader at ${RG} (through group g1) grants '*/read', which covers the action.`],
    [{ ...base, propagation: 'pendingCreate' }, `Reader at ${RG} grants '*/read', which covers the action — created, but not propagated yet, so it does not count.`],
    [
      { ...base, roleName: 'Contributor', pattern: '*', outcome: 'excludedByNotActions', notPattern: 'Microsoft.Authorization/*/Write' },
      `Contributor at ${RG} grants '*' but its own NotActions 'Microsoft.Authorization/*/Write' subtract it (this is not a deny: another role could still grant it).`,
    ],
    [
      { ...base, roleName: 'Owner', pattern: '*', plane: 'data', outcome: 'actionsNeverGrantData' },
      `Owner at ${RG} has the action '*', but Actions never grant data actions; only DataActions do.`,
    ],
    [{ ...base, roleName: null, outcome: 'roleNotFound' }, `role ${base.roleDefinitionId} at ${RG}: the role definition was not found, so it grants nothing.`],
    [
      { kind: 'denyAssignment', scope: RG, name: 'd', denyAssignmentName: 'stack deny', outcome: 'denies', principal: '00000000-0000-0000-0000-000000000000', pattern: '*' },
      `Deny assignment 'stack deny' at ${RG} blocks '*' for all principals.`,
    ],
    [
      { kind: 'denyAssignment', scope: RG, name: 'd', denyAssignmentName: 'stack deny', outcome: 'notInherited' },
      `Deny assignment 'stack deny' at ${RG} does not apply: it is set not to apply to child scopes.`,
    ],
    [{ kind: 'assignmentsAt', scope: RG, forCaller: 1, forOthers: 3 }, `At ${RG}: 1 role assignment(s) for the caller or its groups, 3 for others (not relevant).`],
    [
      { kind: 'condition', assignmentName: 'ra1', source: 'assignment', condition: '…', outcome: 'notMet', detail: 'the condition is not met' },
      "The assignment's condition on ra1: the condition is not met.",
    ],
    [
      { kind: 'request', principal: 'mi', groups: [], groupsFrom: 'token', action: 'Microsoft.Resources/subscriptions/resourceGroups/read', isDataAction: false, scope: RG, at: 0 },
      `Can mi perform the action Microsoft.Resources/subscriptions/resourceGroups/read on ${RG}?`,
    ],
  ])('%#', (step, line) => {
    expect(describeStep(step)).toBe(line);
  });
});
