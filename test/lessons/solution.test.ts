import { describe, expect, it } from 'vitest';
import { placeholderValues } from '../../src/lessons/placeholders.ts';
import { describePortalAction, showSolution } from '../../src/lessons/solution.ts';
import type { PortalAction } from '../../src/lessons/types.ts';
import { quickstartWorld } from '../../src/sim/index.ts';

describe('showing a solution', () => {
  it('commands are filled for this world and joined for the editor; portal actions become clicks', () => {
    const q = quickstartWorld();
    const shown = showSolution(
      {
        solution: [
          { portal: 'enableSystemAssigned', vm: 'myLinuxVM' },
          { shell: "curl 'https://management.azure.com/subscriptions/{{subscriptionId}}/resourceGroups/{{resourceGroup}}'\n" },
          { shell: 'echo done' },
        ],
      },
      placeholderValues(q.world, 'myLinuxVM'),
    );
    expect(shown.commands).toBe(`curl 'https://management.azure.com/subscriptions/${q.subscriptionId}/resourceGroups/myResourceGroup'\necho done`);
    expect(shown.portal).toEqual(['Portal: open myLinuxVM → Security → Identity → System assigned, set Status to On, then Save and confirm.']);
  });

  it.each<[PortalAction, RegExp]>([
    [{ portal: 'createUserAssignedIdentity', identity: 'id1', resourceGroup: 'rg1' }, /^Portal: open Managed Identities → \+ Create; Resource group: rg1, Name: id1; Review \+ create\.$/],
    [{ portal: 'disableSystemAssigned', vm: 'vm1' }, /vm1 .* Status to Off/],
    [{ portal: 'attachUserAssigned', vm: 'vm1', identity: 'id1' }, /User assigned → Add, pick id1/],
    [{ portal: 'detachUserAssigned', vm: 'vm1', identity: 'id1' }, /select id1, then Remove/],
    [{ portal: 'assignRole', role: 'Reader', scope: 'resourceGroup:rg1', principal: 'vm:vm1' }, /resource group rg1 → Access control \(IAM\) → Add → Add role assignment; Role: Reader; Members: Managed identity → Virtual machine → vm1/],
    [{ portal: 'assignRole', role: 'Reader', scope: 'subscription', principal: 'identity:id1' }, /the subscription → .* User-assigned managed identity → id1/],
    [{ portal: 'removeRoleAssignment', role: 'Reader', scope: 'vm:vm1', principal: 'vm:vm1' }, /open vm1 → Access control \(IAM\) → Role assignments, select Reader/],
  ])('%o', (action, text) => {
    expect(describePortalAction(action)).toMatch(text);
  });
});
