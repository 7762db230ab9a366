/**
 * `Connect-AzAccount -Identity` then `Get-AzResourceGroup` on a warm Windows VM PowerShell session, in
 * Node, against the real router and a quickstart world (IMDS token, subscriptions list, resource
 * groups list: every request through the handlers, tokens signed). Budget (issue 14):
 * pwsh.connect_get_rg.median_ms ≤ 30. The budgeted number is the CPU-time median (harness cpuMedian):
 * on this shared machine the wall-clock median mostly measures waiting for a core; it is recorded too.
 */
import { expect, test } from 'vitest';
import { azRig } from '../test/shells/powershell/az/az-rig';
import { cpuMedian, measure, record } from './harness';

test('Connect-AzAccount -Identity + Get-AzResourceGroup, warm session', async () => {
  const r = azRig();
  r.grant(r.resourceGroupId);
  const both = async () => {
    await r.session.run('$null = Connect-AzAccount -Identity');
    return r.session.run('(Get-AzResourceGroup).ResourceGroupName');
  };
  expect((await both()).stdout).toBe('myResourceGroup\n');
  const wall = await measure(both, { iterations: 100, warmup: 20 });
  record('pwsh.connect_get_rg.wall_median_ms', wall.median);
  record('pwsh.connect_get_rg.median_ms', await cpuMedian(both, 100));
}, 120_000);
