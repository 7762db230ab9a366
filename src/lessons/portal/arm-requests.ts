/**
 * The ARM calls the mini-portal makes for a portal action, so a "solve" changes the world the
 * same way the learner's clicks would: through ARM, visible in the request log, subject to RBAC.
 * The host supplies a fetch that reaches the router as the signed-in portal user.
 */
import { guid, type World } from '../../sim/index';
import { lessonSubscriptionId } from '../refs';
import type { PortalAction } from '../types';
import { resolvePortalAction, type ResolvedAction } from './resolve-action';

const ARM = 'https://management.azure.com';
/** Versions the Azure portal sends today for these resource types. */
const COMPUTE_API = '2024-07-01';
const AUTHZ_API = '2022-04-01';

export type ArmFetch = (request: Request) => Promise<Response>;

function vmIdentityType(system: boolean, userAssigned: boolean): string {
  if (system && userAssigned) return 'SystemAssigned, UserAssigned';
  if (system) return 'SystemAssigned';
  return userAssigned ? 'UserAssigned' : 'None';
}

const json = (method: string, url: string, body: unknown) =>
  new Request(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The request for an already-resolved action, or null when there is nothing to do. */
export function armRequestFor(world: World, a: ResolvedAction): Request | null {
  switch (a.kind) {
    case 'systemAssigned':
    case 'userAssigned': {
      if (a.alreadyDone) return null;
      const vm = world.data.virtualMachines[a.vmId.toLowerCase()];
      const hasSystem = vm?.identity?.type.includes('SystemAssigned') ?? false;
      const userIds = Object.keys(vm?.identity?.userAssignedIdentities ?? {});
      if (a.kind === 'systemAssigned') {
        return json('PATCH', `${ARM}${a.vmId}?api-version=${COMPUTE_API}`, { identity: { type: vmIdentityType(a.enable, userIds.length > 0) } });
      }
      const remaining = userIds.filter((k) => k.toLowerCase() !== a.identityId.toLowerCase()).length + (a.attach ? 1 : 0);
      return json('PATCH', `${ARM}${a.vmId}?api-version=${COMPUTE_API}`, {
        // ARM removes a user-assigned identity when its entry is null (rbac-arm.md §3.2).
        identity: { type: vmIdentityType(hasSystem, remaining > 0), userAssignedIdentities: { [a.identityId]: a.attach ? {} : null } },
      });
    }
    case 'createAssignment': {
      if (a.alreadyDone) return null;
      const sub = /^\/subscriptions\/([^/]+)/i.exec(a.scope)?.[1] ?? lessonSubscriptionId(world) ?? '';
      // Names come from the world's seeded generator, so replays are repeatable.
      return json('PUT', `${ARM}${a.scope}/providers/Microsoft.Authorization/roleAssignments/${guid(world.rng)}?api-version=${AUTHZ_API}`, {
        properties: {
          roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${a.roleGuid}`,
          principalId: a.principalId,
          // The portal always sends the type for managed identities, which also avoids
          // PrincipalNotFound during directory replication.
          principalType: 'ServicePrincipal',
        },
      });
    }
    case 'deleteAssignment':
      if (!a.assignmentName) return null;
      return new Request(`${ARM}${a.scope}/providers/Microsoft.Authorization/roleAssignments/${a.assignmentName}?api-version=${AUTHZ_API}`, {
        method: 'DELETE',
      });
  }
}

/** Performs one portal action through ARM; a non-2xx answer becomes the error, as the portal shows it. */
export async function performPortalAction(world: World, action: PortalAction, armFetch: ArmFetch): Promise<{ ok: true } | { ok: false; message: string }> {
  const resolved = resolvePortalAction(world, action);
  if (!resolved.ok) return resolved;
  const request = armRequestFor(world, resolved.action);
  if (!request) return { ok: true };
  const response = await armFetch(request);
  if (response.ok) return { ok: true };
  const body = await response.text();
  let message = `${response.status} ${response.statusText}`;
  try {
    const parsed = JSON.parse(body) as { error?: { code?: string; message?: string } };
    if (parsed.error?.code) message = `${parsed.error.code}: ${parsed.error.message ?? ''}`;
  } catch {
    // Not ARM's envelope; the status line says enough.
  }
  return { ok: false, message };
}
