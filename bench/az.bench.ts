/**
 * `az login --identity` then `az group show` on a warm Linux VM session, in Node, against the real
 * router and a quickstart world (every request goes through IMDS and ARM handlers, tokens signed):
 * what a learner's first two az commands cost. Budget: az.login_group_show.median_ms ≤ 30.
 */
import { expect, test } from 'vitest';
import { azWorld } from '../test/shells/az/az-world';
import { measure, record } from './harness';

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
  // CPU time of the same work: on a busy shared machine the wall-clock median mostly measures
  // waiting for a core (as bash.bench.ts notes); this one does not.
  const cpu: number[] = [];
  for (let i = 0; i < 100; i++) {
    const before = process.cpuUsage();
    await both();
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
  }
  cpu.sort((a, b) => a - b);
  record('az.login_group_show.cpu_median_ms', cpu[50] ?? NaN);
}, 120_000);
