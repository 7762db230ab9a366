/**
 * `az resource list` against the real router: the subscription list narrowed by `$filter` as
 * custom.py `_list_resources_odata_filter_builder` builds it, RBAC-trimmed by ARM, and its table.
 */
import { describe, expect, it } from 'vitest';
import { createResourceGroup, createUserAssignedIdentity } from '../../../src/sim/index';
import { resourceListFilter } from '../../../src/shells/az/commands/resource';
import { azWorld, piped } from './az-world';

function world(reader: 'subscription' | 'group') {
  const w = azWorld({ reader });
  const rg = createResourceGroup(w.world, { subscriptionId: w.subscriptionId, name: 'other', location: 'westus' });
  const uai = createUserAssignedIdentity(w.world, { subscriptionId: w.subscriptionId, resourceGroup: 'other', name: 'otherId', location: 'westus' });
  if (!rg.ok || !uai.ok) throw new Error('setup');
  return w;
}

const lastArmUrl = (w: ReturnType<typeof azWorld>) =>
  decodeURIComponent(w.router.log.entries().map((e) => e.request.url).filter((u) => u.includes('/resources?')).at(-1) ?? '');

describe('az resource list', () => {
  it.each([
    [{}, ''],
    [{ resource_group: 'g' }, "resourceGroup eq 'g'"],
    [{ resource_group: 'g', name: 'n', location: 'eastus', resource_type: 'A.B/c' }, "resourceGroup eq 'g' and name eq 'n' and location eq 'eastus' and resourceType eq 'A.B/c'"],
    [{ namespace: 'A.B', resource_type: 'c' }, "resourceType eq 'A.B/c'"],
  ])('filter for %o is %s', (args, filter) => {
    expect(resourceListFilter(args)).toBe(filter);
  });

  it('a malformed --resource-type and a lone --namespace are the CLI\'s errors', async () => {
    const w = world('subscription');
    await piped(w.session, 'az login --identity');
    expect((await piped(w.session, 'az resource list --resource-type vm')).stdout).toBe('ERROR: Malformed resource-type: --resource-type=<namespace>/<resource-type> expected.\n');
    expect((await piped(w.session, 'az resource list --namespace Microsoft.Compute')).stdout).toBe('ERROR: --namespace also requires --resource-type\n');
  });

  it('lists the subscription as the SDK model with resourceGroup added; Reader on one group sees that group only', async () => {
    const w = world('group');
    await piped(w.session, 'az login --identity');
    const r = await piped(w.session, 'az resource list');
    const items = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(items.map((x) => x.name)).toEqual(['myLinuxVM', 'myWindowsVM']);
    expect(items[0]).toMatchObject({ resourceGroup: 'myResourceGroup', type: 'Microsoft.Compute/virtualMachines', location: 'eastus', provisioningState: 'Succeeded', managedBy: null, plan: null });
    expect((items[0]!.identity as { type: string }).type).toBe('SystemAssigned');
    expect(lastArmUrl(w)).toBe(`https://management.azure.com/subscriptions/${w.subscriptionId}/resources?$expand=createdTime,changedTime,provisioningState&api-version=2024-11-01`);
  });

  it('-g and --resource-type narrow by $filter; the table is transform_resource_list\'s; a missing group is ResourceGroupNotFound', async () => {
    const w = world('subscription');
    await piped(w.session, 'az login --identity');
    expect((await piped(w.session, 'az resource list -g other --query "[].name" -o tsv')).stdout).toBe('otherId\n');
    expect(lastArmUrl(w)).toContain("$filter=resourceGroup eq 'other'");
    const typed = await piped(w.session, 'az resource list --resource-type Microsoft.Compute/virtualMachines -l eastus -o table');
    expect(typed.stdout).toBe(
      [
        'Name         ResourceGroup    Location    Type                               Status',
        '-----------  ---------------  ----------  ---------------------------------  --------',
        'myLinuxVM    myResourceGroup  eastus      Microsoft.Compute/virtualMachines',
        'myWindowsVM  myResourceGroup  eastus      Microsoft.Compute/virtualMachines',
        '',
      ].join('\n'),
    );
    const missing = await piped(w.session, 'az resource list -g nope');
    expect(missing.stdout).toMatch(/^ERROR: \(ResourceGroupNotFound\) Resource group 'nope' could not be found\./);
  });
});
