import { describe, expect, it } from 'vitest';
import { fillHtml, fillText, placeholderValues, unknownPlaceholders } from '../../src/lessons/placeholders.ts';
import { enableSystemAssigned, quickstartWorld } from '../../src/sim/index.ts';

describe('placeholders', () => {
  it('resolve against the lesson VM in this world', () => {
    const q = quickstartWorld();
    expect(placeholderValues(q.world, 'myLinuxVM')).toEqual({
      subscriptionId: q.subscriptionId,
      tenantId: q.world.tenantId,
      resourceGroup: 'myResourceGroup',
      vmName: 'myLinuxVM',
      location: 'eastus',
      principalId: '(no identity yet)',
    });
    enableSystemAssigned(q.world, q.linuxVmId);
    expect(placeholderValues(q.world, 'mylinuxvm').principalId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('fill text and HTML; HTML values are escaped; unknown names stay as written', () => {
    const values = { ...placeholderValues(quickstartWorld().world, 'myLinuxVM'), vmName: '<b>"vm"</b>' };
    expect(fillText('/subscriptions/{{subscriptionId}}/x/{{ vmName }}', values)).toBe(`/subscriptions/${values.subscriptionId}/x/<b>"vm"</b>`);
    expect(fillHtml('<p>{{vmName}} {{nope}}</p>', values)).toBe('<p>&lt;b&gt;&quot;vm&quot;&lt;/b&gt; {{nope}}</p>');
  });

  it('finds unknown names for the loader', () => {
    expect(unknownPlaceholders('{{subscriptionId}} {{subscriptionID}} {{vm}} {{vm}}')).toEqual(['subscriptionID', 'vm']);
  });
});
