/**
 * The world's change feed. Every operation that changes the world appends one or more entries; the
 * UI's inspector and the request log render them. Types are past-tense, dot-namespaced facts
 * (`identity.enabled`), the counterparts of the machines' imperative events (`identity.enable`).
 */

export type WorldEventBody =
  | { type: 'clock.advanced'; from: number; to: number }
  | { type: 'clock.frozen' }
  | { type: 'clock.unfrozen' }
  | { type: 'settings.changed'; propagationDelayMs: number }
  | { type: 'faults.changed' }
  | { type: 'managementGroup.created'; name: string; parent: string | null }
  | { type: 'subscription.created'; subscriptionId: string; managementGroup: string | null }
  | { type: 'subscription.moved'; subscriptionId: string; from: string | null; to: string }
  | { type: 'roleDefinition.updated'; name: string; roleName: string }
  | { type: 'resourceGroup.created'; id: string }
  | { type: 'resourceGroup.deleted'; id: string; deletedResources: string[] }
  | { type: 'vm.created'; id: string; vmId: string }
  | { type: 'vm.deleted'; id: string }
  | { type: 'identity.enabled'; resourceId: string; principalId: string; clientId: string }
  | { type: 'identity.disabled'; resourceId: string; principalId: string }
  | { type: 'identity.created'; id: string; principalId: string; clientId: string }
  | { type: 'identity.deleted'; id: string; principalId: string; detachedFrom: string[] }
  | { type: 'identity.attached'; identityId: string; resourceId: string }
  | { type: 'identity.detached'; identityId: string; resourceId: string }
  | { type: 'principal.created'; objectId: string; appId: string; displayName: string }
  | { type: 'principal.softDeleted'; objectId: string; purgeAfter: number }
  | { type: 'principal.purged'; objectId: string }
  | { type: 'group.memberAdded'; groupId: string; memberId: string }
  | { type: 'group.memberRemoved'; groupId: string; memberId: string }
  | { type: 'user.created'; objectId: string; userPrincipalName: string }
  | { type: 'group.created'; objectId: string; displayName: string }
  | {
      type: 'assignment.created';
      name: string;
      scope: string;
      roleDefinitionId: string;
      principalId: string;
      effectiveFrom: number;
    }
  | { type: 'assignment.propagated'; name: string }
  | { type: 'assignment.deleted'; name: string; removedAt: number }
  | { type: 'assignment.orphaned'; name: string; principalId: string }
  | { type: 'roleDefinition.created'; name: string; roleName: string }
  | { type: 'roleDefinition.deleted'; name: string }
  | { type: 'denyAssignment.created'; name: string; scope: string }
  | { type: 'denyAssignment.deleted'; name: string }
  | { type: 'storage.accountCreated'; id: string }
  | { type: 'storage.accountDeleted'; id: string }
  | { type: 'storage.containerCreated'; id: string }
  | { type: 'storage.containerDeleted'; id: string }
  | { type: 'storage.blobWritten'; containerId: string; blob: string }
  | { type: 'storage.blobDeleted'; containerId: string; blob: string }
  | { type: 'keyVault.created'; id: string }
  | { type: 'keyVault.deleted'; id: string }
  | { type: 'secret.set'; vaultId: string; name: string; version: string }
  | { type: 'secret.deleted' | 'secret.recovered' | 'secret.purged'; vaultId: string; name: string }
  | {
      type: 'token.issued';
      uti: string;
      kind: 'managedIdentity' | 'user';
      principalId: string;
      resource: string;
      fromCache: boolean;
    };

/** A feed entry: the fact plus its sequence number and simulated time. */
export type WorldEvent = WorldEventBody & { seq: number; at: number };

export type WorldListener = (event: WorldEvent) => void;
