/**
 * A quickstart world with the Linux VM's bash session and `az` registered, against the real router:
 * what the az tests share. The clock is frozen, so outputs with times are stable.
 */
import { createRouter } from '../../../src/cloud/router';
import { createBashSession } from '../../../src/shells/bash';
import { azModule } from '../../../src/shells/az/module';
import { createRoleAssignment, defaultFaultPlan, enableSystemAssigned, quickstartWorld, setFaultPlan } from '../../../src/sim/index';
import type { CallerId } from '../../../src/cloud/call-context';

export const READER = '/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7';

export function azWorld(opts: { identity?: boolean; reader?: 'subscription' | 'group' | false; caller?: CallerId; cloudShell?: boolean } = {}) {
  const q = quickstartWorld();
  setFaultPlan(q.world, { ...defaultFaultPlan(), rateLimit: { enabled: false, perSecond: 20, concurrent: 5 } });
  const router = createRouter(q.world, { wait: async () => {} });
  const vm = q.world.data.virtualMachines[q.linuxVmId.toLowerCase()]!;
  const vmId = vm.properties.vmId;
  let principalId = '';
  if (opts.identity !== false) {
    const enabled = enableSystemAssigned(q.world, q.linuxVmId);
    if (!enabled.ok) throw new Error(enabled.error.message);
    principalId = q.world.data.virtualMachines[q.linuxVmId.toLowerCase()]!.identity!.principalId!;
  }
  if (opts.reader && principalId) {
    const scope = opts.reader === 'subscription' ? `/subscriptions/${q.subscriptionId}` : `/subscriptions/${q.subscriptionId}/resourceGroups/myResourceGroup`;
    const made = createRoleAssignment(q.world, { name: '0b7c6d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e', scope, roleDefinitionId: READER, principalId, principalType: 'ServicePrincipal' });
    if (!made.ok) throw new Error(made.error.message);
  }
  const caller: CallerId = opts.caller ?? { kind: 'vm', vmId };
  const session = createBashSession({
    vm: { vmName: vm.name, computerName: vm.properties.osProfile.computerName, adminUsername: vm.properties.osProfile.adminUsername, vmId, location: vm.location },
    fetch: (request) => router.fetch(request, { from: caller }),
    simulatedNow: () => q.world.clock.now(),
    modules: [azModule({ cloudShell: opts.cloudShell === true })],
  });
  return { ...q, router, session, principalId, vmId };
}

/** Runs a line as if piped (no colour, `ERROR:` prefixes), as scripts and CI logs see az. */
export async function piped(session: ReturnType<typeof azWorld>['session'], line: string) {
  return session.run(`${line} 2>&1 | cat`);
}
