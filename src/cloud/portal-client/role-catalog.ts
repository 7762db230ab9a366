/**
 * The Role tab's lists: the portal splits built-ins into "Job function roles" and "Privileged
 * administrator roles" (those that can grant access or manage everything), and searches by name
 * and description.
 */
import type { RoleDefinitionResource } from './arm-types';

/** Owner, Contributor, User Access Administrator, Role Based Access Control Administrator. */
export const PRIVILEGED_ROLE_GUIDS: ReadonlySet<string> = new Set([
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  'b24988ac-6180-42a0-ab88-20f7382dd24c',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
]);

export type RoleCategory = 'jobFunction' | 'privileged';

export function roleCategory(role: RoleDefinitionResource): RoleCategory {
  return PRIVILEGED_ROLE_GUIDS.has(role.name.toLowerCase()) ? 'privileged' : 'jobFunction';
}

export function searchRoles(roles: readonly RoleDefinitionResource[], query: string, category: RoleCategory): RoleDefinitionResource[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return roles
    .filter((r) => roleCategory(r) === category)
    .filter((r) => {
      const text = `${r.properties.roleName} ${r.properties.description}`.toLowerCase();
      return words.every((w) => text.includes(w));
    })
    .sort((a, b) => a.properties.roleName.localeCompare(b.properties.roleName));
}

/** The "View" permissions pane: each block's four lists, empty ones included (the portal shows them). */
export function permissionLists(role: RoleDefinitionResource): { label: string; items: string[] }[] {
  const blocks = role.properties.permissions ?? [];
  const merge = (pick: (p: (typeof blocks)[number]) => string[] | undefined) => blocks.flatMap((p) => pick(p) ?? []);
  return [
    { label: 'Actions', items: merge((p) => p.actions) },
    { label: 'NotActions', items: merge((p) => p.notActions) },
    { label: 'DataActions', items: merge((p) => p.dataActions) },
    { label: 'NotDataActions', items: merge((p) => p.notDataActions) },
  ];
}
