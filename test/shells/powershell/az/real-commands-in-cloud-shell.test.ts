/**
 * Every Azure PowerShell command the Real commands panel writes runs verbatim in Cloud Shell's
 * PowerShell and makes the same change as the portal action it came from (the replay:
 * ../../real-commands-replay.ts).
 */
import { describe, expect, it } from 'vitest';
import type { World } from '../../../../src/sim/index';
import { identityLifecycle, replay, roleAssignments, withGroup, type ReplayShell } from '../../real-commands-replay';
import { cloudShellRig } from './az-rig';

async function cloudShell(world: World): Promise<ReplayShell> {
  const { session } = await cloudShellRig(world);
  return {
    run: async (command) => {
      const r = await session.run(command);
      return { ok: r.exitCode === 0 && r.stderr === '', text: `${r.stdout}${r.stderr}` };
    },
  };
}

describe('Real commands (Azure PowerShell) replayed in Cloud Shell', () => {
  it('system-assigned on and off, a user-assigned identity created, attached, granted, detached and deleted', async () => {
    const { commands } = await replay('powershell', cloudShell, identityLifecycle);
    // The panel's forms: one line, and splatted (a hashtable of the parameters) when long.
    expect(commands.some((c) => c.startsWith('Update-AzVM') && c.includes('-IdentityType SystemAssigned'))).toBe(true);
    expect(commands.some((c) => c.includes('Update-AzVM @params') && /IdentityType\s+= 'UserAssigned'/.test(c))).toBe(true);
    expect(commands.some((c) => c.startsWith('Update-AzVM') && c.includes('-IdentityType None'))).toBe(true);
    expect(commands.some((c) => c.startsWith('New-AzUserAssignedIdentity'))).toBe(true);
    expect(commands.some((c) => c.startsWith('Remove-AzUserAssignedIdentity'))).toBe(true);
    expect(commands.some((c) => c.includes('New-AzRoleAssignment'))).toBe(true);
  });

  it('role assignments to a VM identity, a user and a group at subscription, group and resource scope, then removed', async () => {
    const { commands } = await replay('powershell', cloudShell, roleAssignments, withGroup);
    expect(commands.some((c) => c.includes('Remove-AzRoleAssignment'))).toBe(true);
    expect(commands.some((c) => c.includes('Get-AzADGroup -DisplayName'))).toBe(true);
    expect(commands.some((c) => /SignInName\s+= 'admin@/.test(c))).toBe(true);
  });
});
