/**
 * A Windows VM's PowerShell session wired to the real simulated cloud (router, IMDS, ARM), for the Az
 * cmdlet tests: the quickstart world, the Windows VM's identity on or off, roles granted through sim.
 */
import { createRouter } from '../../../../src/cloud/router';
import { createPowerShellSession, type PowerShellSession } from '../../../../src/shells/powershell';
import { createRoleAssignment, defaultFaultPlan, enableSystemAssigned, guid, quickstartWorld, setFaultPlan, type QuickstartWorld } from '../../../../src/sim/index';
import { loadGrammar, steppingClock } from '../fake-azure';

export const READER = '/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7';

export interface AzRig extends QuickstartWorld {
  session: PowerShellSession;
  requests: () => string[];
  principalId: () => string;
  grant: (scope: string, roleDefinitionId?: string) => void;
  newSession: () => PowerShellSession;
}

export function azRig(opts: { identity?: boolean } = {}): AzRig {
  const q = quickstartWorld();
  setFaultPlan(q.world, { ...defaultFaultPlan(), rateLimit: { enabled: false, perSecond: 20, concurrent: 5 } });
  if (opts.identity !== false) {
    const r = enableSystemAssigned(q.world, q.windowsVmId);
    if (!r.ok) throw new Error(r.error.message);
  }
  const router = createRouter(q.world, { wait: async () => {} });
  const vm = q.world.data.virtualMachines[q.windowsVmId.toLowerCase()]!;
  const facts = { vmName: vm.name, computerName: vm.name, adminUsername: 'azureuser', vmId: vm.properties.vmId, location: vm.location };
  const fetch = (r: Request) => router.fetch(r, { from: { kind: 'vm', vmId: vm.properties.vmId } });
  const newSession = () => createPowerShellSession({ vm: facts, fetch, loadGrammar, clock: steppingClock(), now: () => new Date(q.world.clock.now()) });
  const principalId = () => q.world.data.virtualMachines[q.windowsVmId.toLowerCase()]!.identity!.principalId!;
  return {
    ...q,
    session: newSession(),
    newSession,
    requests: () => router.log.entries().map((e) => `${e.request.method} ${e.request.url}`),
    principalId,
    grant: (scope, roleDefinitionId = READER) => {
      const made = createRoleAssignment(q.world, { name: guid(q.world.rng), scope, roleDefinitionId, principalId: principalId(), principalType: 'ServicePrincipal' });
      if (!made.ok) throw new Error(made.error.message);
    },
  };
}
