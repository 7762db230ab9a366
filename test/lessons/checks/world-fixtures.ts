/** Quickstart worlds at the states the checks care about, built with the sim API. */
import {
  createRoleAssignment,
  enableSystemAssigned,
  guid,
  quickstartWorld,
  rbac,
  setPropagationDelay,
  type QuickstartWorld,
} from '../../../src/sim/index.ts';
import { placeholderValues } from '../../../src/lessons/placeholders.ts';
import type { CheckContext } from '../../../src/lessons/checks/types.ts';
import type { RequestLogEntry } from '../../../src/cloud/request-log.ts';

export function linuxVm(q: QuickstartWorld) {
  return q.world.data.virtualMachines[q.linuxVmId.toLowerCase()]!;
}

export function withIdentity(): QuickstartWorld {
  const q = quickstartWorld();
  const r = enableSystemAssigned(q.world, q.linuxVmId);
  if (!r.ok) throw new Error(r.error.message);
  return q;
}

export function principalOf(q: QuickstartWorld): string {
  return linuxVm(q).identity!.principalId!;
}

export function grant(q: QuickstartWorld, roleName: string, scope: string, opts: { delayMs?: number } = {}) {
  if (opts.delayMs !== undefined) setPropagationDelay(q.world, opts.delayMs);
  const role = rbac.findRole(roleName)!;
  const r = createRoleAssignment(q.world, {
    name: guid(q.world.rng),
    scope,
    roleDefinitionId: rbac.roleDefinitionId(role),
    principalId: principalOf(q),
    principalType: 'ServicePrincipal',
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.assignment;
}

export const ctx = (q: QuickstartWorld, log: RequestLogEntry[] = []): CheckContext => ({
  world: q.world,
  log,
  values: placeholderValues(q.world, 'myLinuxVM'),
});
