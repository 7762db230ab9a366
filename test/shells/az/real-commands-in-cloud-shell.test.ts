/**
 * Every Azure CLI command the Real commands panel writes runs verbatim in Cloud Shell's bash and makes
 * the same change as the portal action it came from (the replay: ../real-commands-replay.ts).
 */
import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../src/cloud/router';
import { createBashSession } from '../../../src/shells/bash';
import { azModule } from '../../../src/shells/az/module';
import type { World } from '../../../src/sim/index';
import { admin } from '../../cloud/portal-client/portal-fixture';
import { identityLifecycle, replay, roleAssignments, withGroup, type ReplayShell } from '../real-commands-replay';

async function cloudShell(world: World): Promise<ReplayShell> {
  const router = createRouter(world, { wait: async () => {} });
  const user = admin(world);
  const session = createBashSession({
    vm: { vmName: 'Cloud Shell', computerName: 'SandboxHost-1', adminUsername: 'admin', vmId: '00000000-0000-0000-0000-00000c10d5e1', location: 'eastus' },
    fetch: (request) => router.fetch(request, { from: { kind: 'cloudShell', userId: user.objectId } }),
    simulatedNow: () => world.clock.now(),
    image: 'cloudShell',
    modules: [azModule({ cloudShell: true })],
  });
  return {
    run: async (command) => {
      const r = await session.run(command);
      return { ok: r.exitCode === 0, text: `${r.stdout}${r.stderr}` };
    },
  };
}

describe('Real commands (Azure CLI) replayed in Cloud Shell', () => {
  it('system-assigned on and off, a user-assigned identity created, attached, granted, detached and deleted', async () => {
    const { commands } = await replay('bash', cloudShell, identityLifecycle);
    // Every kind of command the panel writes for these changes was run.
    expect(commands.some((c) => c.startsWith('az vm identity assign'))).toBe(true);
    expect(commands.some((c) => c.startsWith('az vm identity remove'))).toBe(true);
    expect(commands.some((c) => c.startsWith('az identity create'))).toBe(true);
    expect(commands.some((c) => c.startsWith('az identity delete'))).toBe(true);
    expect(commands.some((c) => c.startsWith('az role assignment create'))).toBe(true);
  });

  it('role assignments to a VM identity, a user and a group at subscription, group and resource scope, then removed', async () => {
    const { commands } = await replay('bash', cloudShell, roleAssignments, withGroup);
    expect(commands.some((c) => c.startsWith('az role assignment delete'))).toBe(true);
    expect(commands.some((c) => c.includes('az ad group show'))).toBe(true);
    expect(commands.some((c) => c.includes('--assignee admin@'))).toBe(true);
  });
});
