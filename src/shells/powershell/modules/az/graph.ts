/**
 * The Microsoft Graph look-ups Az.Resources makes (its MSGraph client, v1.0): principals by id with
 * `directoryObjects/getByIds`, users by sign-in name, groups by display name. Tokens are for
 * `https://graph.microsoft.com/`, from the same credential as ARM's. A caller that may not read the
 * directory (a managed identity: Graph's 403 Authorization_RequestDenied) gets `null`, and the
 * cmdlets fall back to what ARM knows, as Az.Resources 8.1.1+ does.
 */
import type { CmdletCall } from '../../engine/cmdlet';
import { send, type AzContext } from './az-context';

const GRAPH = 'https://graph.microsoft.com/v1.0';
export const GRAPH_RESOURCE = 'https://graph.microsoft.com/';

export interface DirectoryObject {
  id: string;
  type: 'User' | 'Group' | 'ServicePrincipal';
  displayName: string | null;
  userPrincipalName: string | null;
}

function objectOf(o: Record<string, unknown>, fallback?: DirectoryObject['type']): DirectoryObject {
  const odata = String(o['@odata.type'] ?? '');
  const type = odata.endsWith('.user') ? 'User' : odata.endsWith('.group') ? 'Group' : odata.endsWith('.servicePrincipal') ? 'ServicePrincipal' : (fallback ?? 'ServicePrincipal');
  return { id: String(o.id ?? ''), type, displayName: (o.displayName as string | null) ?? null, userPrincipalName: (o.userPrincipalName as string | null) ?? null };
}

async function graph(call: CmdletCall, context: AzContext, method: string, path: string, body?: unknown): Promise<Record<string, unknown>[] | null> {
  const result = await send(call, context, method, `${GRAPH}${path}`, GRAPH_RESOURCE, body);
  if (result.status >= 400) return null;
  return ((result.json as { value?: Record<string, unknown>[] } | null)?.value ?? []) as Record<string, unknown>[];
}

/** The principals Graph knows among `ids`; null when the caller may not read the directory. */
export async function objectsByIds(call: CmdletCall, context: AzContext, ids: string[]): Promise<DirectoryObject[] | null> {
  if (ids.length === 0) return [];
  const found = await graph(call, context, 'POST', '/directoryObjects/getByIds', { ids, types: ['user', 'group', 'servicePrincipal'] });
  return found?.map((o) => objectOf(o)) ?? null;
}

const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function userBySignInName(call: CmdletCall, context: AzContext, upn: string): Promise<DirectoryObject | null | undefined> {
  const found = await graph(call, context, 'GET', `/users?$filter=${encodeURIComponent(`userPrincipalName eq ${quoted(upn)}`)}`);
  return found === null ? null : found[0] ? objectOf(found[0], 'User') : undefined;
}

export async function groupsByDisplayName(call: CmdletCall, context: AzContext, name: string): Promise<DirectoryObject[] | null> {
  const found = await graph(call, context, 'GET', `/groups?$filter=${encodeURIComponent(`displayName eq ${quoted(name)}`)}`);
  return found?.map((o) => objectOf(o, 'Group')) ?? null;
}

/** A service principal by one of its names (an app id, for a managed identity its client id). */
export async function servicePrincipalByName(call: CmdletCall, context: AzContext, name: string): Promise<DirectoryObject | null | undefined> {
  const found = await graph(call, context, 'GET', `/servicePrincipals?$filter=${encodeURIComponent(`servicePrincipalNames/any(c:c eq ${quoted(name)})`)}`);
  return found === null ? null : found[0] ? objectOf(found[0], 'ServicePrincipal') : undefined;
}
