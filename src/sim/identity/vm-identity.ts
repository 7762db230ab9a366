/**
 * Reading and writing a VM's `identity` property, kept in Compute's exact wire form
 * (rbac-arm.md §3.2): `type` spelled "SystemAssigned, UserAssigned" (comma and space), top-level
 * `principalId`/`tenantId` only for system-assigned, user-assigned entries keyed by the
 * identity's ARM id, and no `identity` at all when there is none.
 */
import type { VirtualMachine } from '../world/schema';

export interface UserAssignedRef {
  principalId: string;
  clientId: string;
}

export function systemAssignedOf(vm: VirtualMachine): { principalId: string; tenantId: string } | null {
  const id = vm.identity;
  if (!id || !id.type.startsWith('SystemAssigned') || !id.principalId || !id.tenantId) return null;
  return { principalId: id.principalId, tenantId: id.tenantId };
}

/** The attached user-assigned identities, in the casing they were attached with. */
export function userAssignedOf(vm: VirtualMachine): Record<string, UserAssignedRef> {
  return { ...(vm.identity?.userAssignedIdentities ?? {}) };
}

export function writeVmIdentity(
  vm: VirtualMachine,
  system: { principalId: string; tenantId: string } | null,
  userAssigned: Record<string, UserAssignedRef>,
): void {
  const hasUser = Object.keys(userAssigned).length > 0;
  if (!system && !hasUser) {
    delete vm.identity;
    return;
  }
  const type = system && hasUser ? 'SystemAssigned, UserAssigned' : system ? 'SystemAssigned' : 'UserAssigned';
  vm.identity = {
    type,
    ...(system ? { principalId: system.principalId, tenantId: system.tenantId } : {}),
    ...(hasUser ? { userAssignedIdentities: userAssigned } : {}),
  };
}

/** Finds a VM's entry for an identity id regardless of casing. */
export function userAssignedKey(vm: VirtualMachine, identityId: string): string | undefined {
  const want = identityId.toLowerCase();
  return Object.keys(vm.identity?.userAssignedIdentities ?? {}).find((k) => k.toLowerCase() === want);
}
