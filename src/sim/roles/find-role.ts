/**
 * Looking up role definitions the way ARM callers name them: by roleName ("Reader"), by GUID, or by
 * either id form — `/providers/Microsoft.Authorization/roleDefinitions/{guid}` (docs) or
 * `/subscriptions/{sub}/providers/Microsoft.Authorization/roleDefinitions/{guid}` (CLI output).
 * Built-in GUIDs are the same in every cloud, so the GUID is the key (spec §2).
 */
import type { RoleDefinition } from '../rbac/types';
import { builtInRoles } from './built-in';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLE_ID = /^(?:\/subscriptions\/[^/]+|\/providers\/Microsoft\.Management\/managementGroups\/[^/]+)?\/providers\/Microsoft\.Authorization\/roleDefinitions\/([^/]+)\/?$/i;

export function isGuid(s: string): boolean {
  return GUID.test(s);
}

/**
 * The lower-cased GUID a role definition id (either form) or bare GUID names, or undefined when
 * the string is neither.
 */
export function roleGuidOf(idOrGuid: string): string | undefined {
  const s = idOrGuid.trim();
  if (GUID.test(s)) return s.toLowerCase();
  const m = ROLE_ID.exec(s);
  const guid = m?.[1];
  return guid !== undefined && GUID.test(guid) ? guid.toLowerCase() : undefined;
}

/** The `/providers/...` id form of a role definition (the form the docs show). */
export function roleDefinitionId(role: Pick<RoleDefinition, 'name'>, subscriptionId?: string): string {
  const tail = `/providers/Microsoft.Authorization/roleDefinitions/${role.name}`;
  return subscriptionId ? `/subscriptions/${subscriptionId}${tail}` : tail;
}

const byGuid = new Map(builtInRoles.map((r) => [r.name.toLowerCase(), r]));
const byName = new Map(builtInRoles.map((r) => [r.roleName.toLowerCase(), r]));

/**
 * A role by roleName (case-insensitive), GUID or id. Searches `roles` (e.g. the world's custom
 * roles) first, then the built-ins.
 */
export function findRole(nameOrGuidOrId: string, roles: readonly RoleDefinition[] = []): RoleDefinition | undefined {
  if (typeof nameOrGuidOrId !== 'string' || nameOrGuidOrId.trim() === '') return undefined;
  const guid = roleGuidOf(nameOrGuidOrId);
  if (guid !== undefined) {
    return roles.find((r) => r.name.toLowerCase() === guid) ?? byGuid.get(guid);
  }
  const name = nameOrGuidOrId.trim().toLowerCase();
  return roles.find((r) => r.roleName.toLowerCase() === name) ?? byName.get(name);
}
