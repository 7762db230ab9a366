/**
 * What the "Why?" panel asks of the portal when the learner presses the fix button: open the IAM
 * blade of the fix's scope and start "Add role assignment" with the role and member filled in.
 * The portal's blades for IAM are resource groups, subscriptions, VMs and user-assigned identities
 * (navigation.machine.ts); a fix at any other scope (a container, a vault, a secret) opens the
 * nearest ancestor that has one and says so. The panel sends it on `runtime.portalRequests`; the
 * portal opens the blade, fills in the wizard and leaves "Review + assign" to the learner.
 */
import type { Blade } from '../portal-client/navigation.machine';
import { parentOfScope, type World } from '../../sim/index';
import { ancestorsOrSelf, scopeLevel } from '../../sim/rbac/index';
import { scopeLabel } from './names';
import type { AssignRoleFix } from './smallest-fix';

export interface AddRoleAssignmentRequest {
  kind: 'addRoleAssignment';
  /** The IAM blade to open (section 'iam'). */
  blade: Blade;
  /** The scope the blade manages (may be above the fix's scope; see `exact`). */
  bladeScope: string;
  exact: boolean;
  roleName: string;
  roleGuid: string;
  assignAccessTo: AssignRoleFix['assignAccessTo'];
  principalId: string;
  principalName: string;
}

const IAM_TYPES: Record<string, 'virtualMachine' | 'managedIdentity'> = {
  'microsoft.compute/virtualmachines': 'virtualMachine',
  'microsoft.managedidentity/userassignedidentities': 'managedIdentity',
};

/** The portal blade showing IAM for exactly this scope, or null when the portal has none for it. */
export function iamBladeFor(scope: string): Blade | null {
  let level;
  try {
    level = scopeLevel(scope);
  } catch {
    return null;
  }
  if (level === 'subscription') return { kind: 'subscription', id: scope.split('/').filter(Boolean)[1] ?? '', section: 'iam' };
  if (level === 'resourceGroup') return { kind: 'resourceGroup', id: scope, section: 'iam' };
  if (level === 'resource') {
    const m = /\/providers\/([^/]+\/[^/]+)\/[^/]+$/i.exec(scope);
    const kind = m ? IAM_TYPES[m[1]!.toLowerCase()] : undefined;
    if (kind === 'virtualMachine') return { kind, id: scope, section: 'iam' };
    if (kind === 'managedIdentity') return { kind, id: scope, section: 'iam' };
  }
  return null;
}

export function addRoleAssignmentRequest(world: World, fix: AssignRoleFix): AddRoleAssignmentRequest | null {
  let chain: string[];
  try {
    chain = ancestorsOrSelf(fix.scope, (s) => parentOfScope(world, s));
  } catch {
    return null;
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const blade = iamBladeFor(chain[i]!);
    if (!blade) continue;
    return {
      kind: 'addRoleAssignment',
      blade,
      bladeScope: chain[i]!,
      exact: i === chain.length - 1,
      roleName: fix.roleName,
      roleGuid: fix.roleGuid,
      assignAccessTo: fix.assignAccessTo,
      principalId: fix.principalId,
      principalName: fix.principalName,
    };
  }
  return null;
}

/** What the Why? panel says once it has sent the request; the portal's wizard says if it cannot fill it in. */
export function requestSentMessage(world: World, request: AddRoleAssignmentRequest): string {
  const where = scopeLabel(world, request.bladeScope).name;
  return `Sent to the portal: Add role assignment on ${where}, filled in with ${request.roleName} for ${request.principalName}. Check it on the Review + assign tab, then press Review + assign.`;
}
