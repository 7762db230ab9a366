/**
 * Who a principal id is. The real portal asks Microsoft Graph for display names; the sandbox has
 * no Graph endpoint, so this reads the simulated directory (read-only, the Graph stand-in). An id
 * the directory does not know, or a soft-deleted managed identity, resolves to null: the portal
 * then shows "Identity not found" (rbac-arm.md §4.3).
 */
import { findPrincipal, type World } from '../../sim/index';

export interface DirectoryEntry {
  objectId: string;
  type: 'User' | 'Group' | 'ServicePrincipal';
  displayName: string;
  userPrincipalName?: string;
  /** Managed identities: the client id. */
  appId?: string;
  /** Managed identities: the VM (system-assigned) or identity resource (user-assigned). */
  managedIdentityResourceId?: string;
}

export interface PrincipalDirectory {
  lookup(objectId: string): DirectoryEntry | null;
  /** Users and groups whose name or UPN contains the text (case-insensitive); all of them for ''. */
  searchUsersAndGroups(text: string): DirectoryEntry[];
}

export function worldDirectory(getWorld: () => World): PrincipalDirectory {
  return {
    lookup(objectId) {
      const found = findPrincipal(getWorld(), objectId);
      if (!found) return null;
      return { ...found };
    },
    searchUsersAndGroups(text) {
      const q = text.trim().toLowerCase();
      const { users, groups } = getWorld().data;
      const entries: DirectoryEntry[] = [
        ...Object.values(users).map((u) => ({ objectId: u.objectId, type: 'User' as const, displayName: u.displayName, userPrincipalName: u.userPrincipalName })),
        ...Object.values(groups).map((g) => ({ objectId: g.objectId, type: 'Group' as const, displayName: g.displayName })),
      ];
      return entries
        .filter((e) => !q || e.displayName.toLowerCase().includes(q) || (e.userPrincipalName ?? '').toLowerCase().includes(q))
        .sort((a, b) => a.displayName.localeCompare(b.displayName));
    },
  };
}

/** The portal's "Type" column: managed identities and other service principals show as "App". */
export function principalTypeLabel(entry: DirectoryEntry | null): 'User' | 'Group' | 'App' | 'Unknown' {
  if (!entry) return 'Unknown';
  return entry.type === 'ServicePrincipal' ? 'App' : entry.type;
}
