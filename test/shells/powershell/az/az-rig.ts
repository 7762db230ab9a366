/**
 * A Windows VM's PowerShell session wired to the real simulated cloud (router, IMDS, ARM), for the Az
 * cmdlet tests: the quickstart world, the Windows VM's identity on or off, roles granted through sim.
 */
import { createRouter } from '../../../../src/cloud/router';
import { createPowerShellSession, type PowerShellSession } from '../../../../src/shells/powershell';
import { createCloudShellPowerShellSession, signInCloudShellAz } from '../../../../src/shells/powershell/cloud-shell';
import { createRoleAssignment, defaultFaultPlan, enableSystemAssigned, guid, quickstartWorld, setFaultPlan, type QuickstartWorld, type World } from '../../../../src/sim/index';
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

export interface CloudShellRig {
  world: World;
  session: PowerShellSession;
  router: ReturnType<typeof createRouter>;
  requests: () => string[];
  subscriptionId: string;
  user: World['data']['users'][string];
}

/** Cloud Shell's PowerShell as the world's admin, signed in as Cloud Shell's profile does it. */
export async function cloudShellRig(world: World): Promise<CloudShellRig> {
  const router = createRouter(world, { wait: async () => {} });
  const user = Object.values(world.data.users)[0]!;
  const session = createCloudShellPowerShellSession({
    vm: { vmName: 'Cloud Shell', computerName: 'SandboxHost-1', adminUsername: 'admin', vmId: '00000000-0000-0000-0000-00000c10d5e1', location: 'eastus' },
    fetch: (request) => router.fetch(request, { from: { kind: 'cloudShell', userId: user.objectId } }),
    loadGrammar,
    clock: steppingClock(),
    now: () => new Date(world.clock.now()),
  });
  await signInCloudShellAz(session);
  return { world, session, router, user, subscriptionId: Object.keys(world.data.subscriptions)[0]!, requests: () => router.log.entries().map((e) => `${e.request.method} ${e.request.url}`) };
}
