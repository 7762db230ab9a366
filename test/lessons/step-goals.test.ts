import { describe, expect, it } from 'vitest';
import { identityGoals } from '../../src/lessons/step-goals';
import type { CheckSpec } from '../../src/lessons/index';

const checks: CheckSpec[] = [
  { type: 'systemAssignedEnabled', vm: 'myLinuxVM' },
  { type: 'imdsToken', vm: 'myLinuxVM', resource: 'https://management.azure.com/' },
  { type: 'roleAssigned', role: 'Reader', scope: 'resourceGroup:myResourceGroup', principal: 'vm:myLinuxVM' },
];

describe('identityGoals', () => {
  it.each([
    [[true, false, false], [{ label: 'a', met: true, missing: '' }, { label: 'c', met: false, missing: 'wait c' }]],
    [[false, true, true], [{ label: 'a', met: false, missing: 'wait a' }, { label: 'c', met: true, missing: '' }]],
  ])('keeps identity and role checks only, met or missing (%j)', (passed, goals) => {
    const results = ['a', 'b', 'c'].map((label, i) => ({ label, passed: passed[i]!, waitingFor: passed[i] ? '' : `wait ${label}` }));
    expect(identityGoals(checks, results)).toEqual(goals);
  });

  it('shows nothing before the checks have been judged', () => {
    expect(identityGoals(checks, [])).toEqual([]);
  });
});
