/**
 * `az login --identity` then `az group show` on a warm Linux VM session, in Node, against the real
 * router and a quickstart world (every request goes through IMDS and ARM handlers, tokens signed):
 * what a learner's first two az commands cost. Budget: az.login_group_show.median_ms ≤ 30.
 */
import { expect, test } from 'vitest';
import { azWorld } from '../test/shells/az/az-world';
import { cpuMedian, measure, record } from './harness';

test('az login --identity + az group show, warm session', async () => {
  const w = azWorld({ reader: 'subscription' });
  const both = async () => {
    await w.session.run('az login --identity --output none');
    return w.session.run('az group show --name myResourceGroup --query name --output tsv');
  };
  expect((await both()).stdout).toBe('myResourceGroup\n');
  const m = await measure(both, { iterations: 100, warmup: 20 });
  record('az.login_group_show.median_ms', m.median);
  record('az.login_group_show.p95_ms', m.p95);
  // CPU time of the same work (the wall-clock median mostly measures waiting for a core when the machine is busy).
  record('az.login_group_show.cpu_median_ms', await cpuMedian(both, 100));
}, 120_000);
