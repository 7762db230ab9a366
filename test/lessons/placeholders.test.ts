import { describe, expect, it } from 'vitest';
import { fillHtml, fillText, placeholderValues, unknownPlaceholderMessage, unknownPlaceholders } from '../../src/lessons/placeholders.ts';
import { enableSystemAssigned, quickstartWorld, userAssignedWorld } from '../../src/sim/index.ts';

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
      identities: {},
    });
    enableSystemAssigned(q.world, q.linuxVmId);
    expect(placeholderValues(q.world, 'mylinuxvm').principalId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('fill text and HTML; HTML values are escaped; unknown names stay as written', () => {
    const values = { ...placeholderValues(quickstartWorld().world, 'myLinuxVM'), vmName: '<b>"vm"</b>' };
    expect(fillText('/subscriptions/{{subscriptionId}}/x/{{ vmName }}', values)).toBe(`/subscriptions/${values.subscriptionId}/x/<b>"vm"</b>`);
    expect(fillHtml('<p>{{vmName}} {{nope}}</p>', values)).toBe('<p>&lt;b&gt;&quot;vm&quot;&lt;/b&gt; {{nope}}</p>');
  });

  it('fill a named user-assigned identity’s ids, whatever the case of its name, and say when it does not exist yet', () => {
    const u = userAssignedWorld();
    const identity = u.world.data.userAssignedIdentities[u.identityId.toLowerCase()]!;
    const values = placeholderValues(u.world, 'myLinuxVM');
    const text = '{{clientId:myUserAssignedIdentity}} {{ objectId : myuserassignedidentity }} {{resourceId:myUserAssignedIdentity}}';
    expect(fillText(text, values)).toBe(`${identity.properties.clientId} ${identity.properties.principalId} ${identity.id}`);
    expect(fillHtml('<p>{{clientId:otherIdentity}}</p>', values)).toBe('<p>(no identity named otherIdentity yet)</p>');
    // A plain name with an argument, or an identity name without one, is not a placeholder: left as written.
    expect(fillText('{{vmName:x}} {{clientId}}', values)).toBe('{{vmName:x}} {{clientId}}');
  });

  it.each([
    { text: '{{subscriptionId}} {{subscriptionID}} {{vm}} {{vm}}', unknown: ['subscriptionID', 'vm'] },
    { text: '{{clientId:myUserAssignedIdentity}} {{objectId:a.b-c_d}} {{resourceId:x}}', unknown: [] },
    { text: '{{clientId}} {{vmName:myLinuxVM}} {{clientID:x}}', unknown: ['clientId', 'vmName:myLinuxVM', 'clientID:x'] },
  ])('finds unknown names for the loader: $text', ({ text, unknown }) => {
    expect(unknownPlaceholders(text)).toEqual(unknown);
  });

  it('tells the author which names exist', () => {
    expect(unknownPlaceholderMessage('clientId')).toBe(
      "unknown placeholder '{{clientId}}' (known: subscriptionId, tenantId, resourceGroup, vmName, location, principalId; for a user-assigned identity clientId:<identity name>, objectId:<identity name>, resourceId:<identity name>)",
    );
  });
});
