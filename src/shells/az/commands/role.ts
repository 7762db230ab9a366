/**
 * `az role assignment create | list | delete` and `az role definition list` (azure-cli
 * command_modules/role/custom.py: `create_role_assignment`, `list_role_assignments`,
 * `delete_role_assignments`, `_search_role_assignments`, `_resolve_role_id`,
 * `_resolve_object_id_and_type`, `_get_displayable_name`; commands.py `transform_assignment_list`).
 * The SDK flattens ARM's `properties` into the object; principals are looked up in Microsoft Graph
 * with the signed-in account's Graph token, and a Graph refusal falls back as the CLI does.
 */
import type { AzContext } from '../cli/context';
import { AzCliError } from '../cli/errors';
import { API, armList, armRequest, subscriptionId } from '../cli/arm';
import { expectOk, send } from '../cli/http';
import { currentAccount, tokenFor } from '../cli/profile';
import { addCommand, addGroup, type ArgValues, type CommandLoader } from '../cli/types';
import { isGuid } from './common';

const GRAPH = 'https://graph.microsoft.com';
const PRINCIPAL_TYPES = ['User', 'Group', 'ServicePrincipal', 'ForeignGroup', 'Device'];

class GraphError extends AzCliError {}

type Wire = { id: string; name: string; type: string; properties: Record<string, unknown> };

/** Python's datetime.isoformat() of a parsed ISO time: `+00:00`, microseconds only when not zero. */
function pythonIso(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\dT/.test(value)) return value;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const micro = /\.(\d+)/.exec(value)?.[1]?.padEnd(6, '0').slice(0, 6) ?? '000000';
  return `${d.toISOString().slice(0, 19)}${micro === '000000' ? '' : `.${micro}`}+00:00`;
}

/** The SDK model as a dict: `properties` flattened (and a definition's `type` → `roleType`), datetimes as Python prints them. */
function flatten(wire: Wire, definition = false): Record<string, unknown> {
  const { properties, ...top } = wire;
  const props = { ...properties };
  for (const key of ['createdOn', 'updatedOn']) if (key in props) props[key] = pythonIso(props[key]);
  if (definition) {
    props.roleType = props.type;
    delete props.type;
  }
  return { ...props, ...top };
}

async function graph(ctx: AzContext, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> {
  const token = await tokenFor(ctx, await currentAccount(ctx), `${GRAPH}/`);
  const response = await send(ctx, {
    method,
    url: `${GRAPH}/v1.0${path}`,
    headers: { Authorization: `Bearer ${token.accessToken}`, Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  let parsed: { error?: { message?: string } } & Record<string, unknown> = {};
  try {
    parsed = response.text ? JSON.parse(response.text) : {};
  } catch {
    // not JSON
  }
  if (response.status >= 400) throw new GraphError(parsed.error?.message ?? response.reason);
  return parsed;
}

const odataString = (s: string) => s.replace(/'/g, "''");

/** `_resolve_object_id_and_type`: a UPN, a service principal name, or an object id. */
async function resolveAssignee(ctx: AzContext, assignee: string, fallbackToObjectId: boolean): Promise<{ id: string; type: string | null }> {
  try {
    if (assignee.includes('@')) {
      const users = (await graph(ctx, 'GET', `/users?$filter=${encodeURIComponent(`userPrincipalName eq '${odataString(assignee)}'`)}`)).value as { id: string }[] | undefined;
      if (users?.length) return { id: users[0]!.id, type: 'User' };
    }
    const sps = (await graph(ctx, 'GET', `/servicePrincipals?$filter=${encodeURIComponent(`servicePrincipalNames/any(c:c eq '${odataString(assignee)}')`)}`)).value as { id: string }[] | undefined;
    if (sps?.length) return { id: sps[0]!.id, type: 'ServicePrincipal' };
    if (isGuid(assignee)) {
      const found = await objectStubs(ctx, [assignee]);
      if (found.length) return { id: String(found[0]!.id), type: principalTypeOf(found[0]!) };
    }
    throw new AzCliError(
      `Cannot find user or service principal in graph database for '${assignee}'. If the assignee is an appId, make sure the corresponding service principal is created with 'az ad sp create --id ${assignee}'.`,
    );
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    ctx.log.warning(`Failed to query ${assignee} by invoking Graph API. If you don't have permission to query Graph API, please specify --assignee-object-id and --assignee-principal-type.`);
    if (fallbackToObjectId && isGuid(assignee)) {
      ctx.log.warning(`Assuming ${assignee} as an object ID.`);
      return { id: assignee, type: null };
    }
    throw error;
  }
}

function principalTypeOf(obj: Record<string, unknown>): string {
  const t = String(obj['@odata.type'] ?? '');
  return t.endsWith('user') ? 'User' : t.endsWith('group') ? 'Group' : t.endsWith('servicePrincipal') ? 'ServicePrincipal' : 'Unknown';
}

async function objectStubs(ctx: AzContext, ids: string[]): Promise<Record<string, unknown>[]> {
  const body = await graph(ctx, 'POST', '/directoryObjects/getByIds', { ids, types: ['user', 'group', 'servicePrincipal', 'directoryObjectPartnerReference'] });
  return (body.value as Record<string, unknown>[] | undefined) ?? [];
}

function displayableName(obj: Record<string, unknown>): string {
  if (typeof obj.userPrincipalName === 'string') return obj.userPrincipalName;
  if (Array.isArray(obj.servicePrincipalNames)) return String(obj.servicePrincipalNames[0] ?? '');
  return typeof obj.displayName === 'string' ? obj.displayName : '';
}

/** `_build_role_scope`. */
async function buildScope(ctx: AzContext, resourceGroup: string | undefined, scope: string | undefined): Promise<string> {
  const sub = `/subscriptions/${await subscriptionId(ctx)}`;
  if (scope) {
    if (resourceGroup) throw new AzCliError(`Resource group "${resourceGroup}" is redundant because scope is supplied`);
    return scope;
  }
  return resourceGroup ? `${sub}/resourceGroups/${resourceGroup}` : sub;
}

async function listDefinitions(ctx: AzContext, scope: string, filter?: string): Promise<Record<string, unknown>[]> {
  const path = `${scope === '/' ? '' : scope}/providers/Microsoft.Authorization/roleDefinitions`;
  return (await armList(ctx, path, API.roleDefinitions, filter ? { $filter: filter } : undefined)).map((w) => flatten(w as Wire, true));
}

/** `_resolve_role_id`: a full id, a GUID, or a name looked up at the scope. */
async function resolveRoleId(ctx: AzContext, role: string, scope: string): Promise<string> {
  if (/^\/subscriptions\/.+\/providers\/Microsoft\.Authorization\/roleDefinitions\//i.test(role)) return role;
  if (isGuid(role)) return `/subscriptions/${await subscriptionId(ctx)}/providers/Microsoft.Authorization/roleDefinitions/${role}`;
  const defs = await listDefinitions(ctx, scope, `roleName eq '${role}'`);
  if (defs.length === 0) throw new AzCliError(`Role '${role}' doesn't exist.`);
  if (defs.length > 1) throw new AzCliError(`More than one role matches the given name '${role}'. Please pick a value from '${JSON.stringify(defs.map((d) => d.id))}'`);
  return String(defs[0]!.id);
}

const s = (v: ArgValues[string]) => (typeof v === 'string' ? v : undefined);

async function searchAssignments(ctx: AzContext, scope: string | null, assignee: string | undefined, role: string | undefined, includeInherited: boolean, assigneeObjectId?: string) {
  const objectId = assigneeObjectId ?? (assignee ? (await resolveAssignee(ctx, assignee, true)).id : undefined);
  let wires: Wire[];
  const sub = `/subscriptions/${await subscriptionId(ctx)}`;
  if (scope) wires = (await armList(ctx, `${scope === '/' ? '' : scope}/providers/Microsoft.Authorization/roleAssignments`, API.authorization, { $filter: 'atScope()' })) as Wire[];
  else if (objectId) wires = (await armList(ctx, `${sub}/providers/Microsoft.Authorization/roleAssignments`, API.authorization, { $filter: `principalId eq '${objectId}'` })) as Wire[];
  else wires = (await armList(ctx, `${sub}/providers/Microsoft.Authorization/roleAssignments`, API.authorization)) as Wire[];
  let found = wires.map((w) => flatten(w));
  if (scope) {
    const lower = scope.toLowerCase();
    found = found.filter((a) => {
      const own = String(a.scope).toLowerCase();
      return own === lower || (includeInherited && lower.startsWith(own === '/' ? '/' : own));
    });
  }
  if (role) {
    const roleId = (await resolveRoleId(ctx, role, scope ?? sub)).toLowerCase();
    found = found.filter((a) => String(a.roleDefinitionId).toLowerCase() === roleId);
  }
  if (objectId) found = found.filter((a) => String(a.principalId).toLowerCase() === objectId.toLowerCase());
  return found;
}

async function create(ctx: AzContext, a: ArgValues): Promise<unknown> {
  const assignee = s(a.assignee);
  const objectIdArg = s(a.assignee_object_id);
  if (Boolean(assignee) === Boolean(objectIdArg)) throw new AzCliError('usage error: --assignee STRING | --assignee-object-id GUID');
  if (s(a.assignee_principal_type) && !objectIdArg) throw new AzCliError('usage error: --assignee-object-id GUID --assignee-principal-type TYPE');
  let objectId: string;
  let principalType: string | null;
  if (assignee) ({ id: objectId, type: principalType } = await resolveAssignee(ctx, assignee, true));
  else {
    objectId = objectIdArg!;
    principalType = s(a.assignee_principal_type) ?? null;
    if (!principalType) {
      ctx.log.warning('RBAC service might reject creating role assignment without --assignee-principal-type in the future. Better to specify --assignee-principal-type manually.');
      try {
        const stubs = await objectStubs(ctx, [objectId]);
        principalType = stubs[0] ? principalTypeOf(stubs[0]) : null;
      } catch (error) {
        if (!(error instanceof GraphError)) throw error;
        principalType = null;
      }
    }
  }
  const scope = String(a.scope);
  const roleId = await resolveRoleId(ctx, String(a.role), scope);
  const name = s(a.name) ?? crypto.randomUUID();
  const properties: Record<string, unknown> = { roleDefinitionId: roleId, principalId: objectId };
  if (principalType) properties.principalType = principalType;
  if (s(a.description)) properties.description = s(a.description);
  if (s(a.condition)) {
    properties.condition = s(a.condition);
    properties.conditionVersion = s(a.condition_version) ?? '2.0';
  } else if (s(a.condition_version)) throw new AzCliError('usage error: When --condition-version is set, --condition must be set as well.');
  try {
    const { body } = await armRequest(ctx, {
      method: 'PUT',
      path: `${scope === '/' ? '' : scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
      apiVersion: API.authorization,
      body: { properties },
    });
    return flatten(body as Wire);
  } catch (error) {
    // role/custom.py _error_caused_by_role_assignment_exists: idempotent on a duplicate
    if (error instanceof AzCliError && error.message.startsWith('(RoleAssignmentExists)')) {
      const existing = await searchAssignments(ctx, scope, undefined, String(a.role), false, objectId);
      if (existing[0]) return existing[0];
    }
    throw error;
  }
}

async function list(ctx: AzContext, a: ArgValues): Promise<unknown> {
  if (a.all === true && (s(a.resource_group) || s(a.scope))) throw new AzCliError('group or scope are not required when --all is used');
  const scope = a.all === true ? null : await buildScope(ctx, s(a.resource_group), s(a.scope));
  const found = await searchAssignments(ctx, scope, s(a.assignee), s(a.role), a.include_inherited === true, s(a.assignee_object_id));
  if (found.length === 0) return [];
  if (s(a.fill_role_definition_name) !== 'false') {
    const defs = await listDefinitions(ctx, scope ?? `/subscriptions/${await subscriptionId(ctx)}`);
    const names = new Map(defs.map((d) => [String(d.id).split('/').pop()!.toLowerCase(), d.roleName]));
    for (const r of found) r.roleDefinitionName = names.get(String(r.roleDefinitionId).split('/').pop()!.toLowerCase()) ?? null;
  }
  if (s(a.fill_principal_name) !== 'false') {
    try {
      const stubs = await objectStubs(ctx, [...new Set(found.map((r) => String(r.principalId)))]);
      const names = new Map(stubs.map((o) => [String(o.id).toLowerCase(), displayableName(o)]));
      for (const r of found) r.principalName = names.get(String(r.principalId).toLowerCase()) ?? '';
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      ctx.log.info(`Failed to resolve graph object information per error '${error.message}'`, 'cli.azure.cli.command_modules.role.custom');
    }
  }
  return found;
}

async function remove(ctx: AzContext, a: ArgValues): Promise<unknown> {
  const ids = Array.isArray(a.ids) ? a.ids : [];
  if (ids.length) {
    for (const id of ids) await armRequest(ctx, { method: 'DELETE', path: id, apiVersion: API.authorization });
    return null;
  }
  if (!s(a.assignee) && !s(a.assignee_object_id) && !s(a.role) && !s(a.resource_group) && !s(a.scope) && a.yes !== true) {
    throw new AzCliError('This will delete all role assignments under the subscription. Run with --yes to confirm (a prompt cannot be answered here).');
  }
  const scope = await buildScope(ctx, s(a.resource_group), s(a.scope));
  const found = await searchAssignments(ctx, scope, s(a.assignee), s(a.role), a.include_inherited === true, s(a.assignee_object_id));
  if (found.length === 0) throw new AzCliError('No matched assignments were found to delete');
  for (const r of found) await armRequest(ctx, { method: 'DELETE', path: String(r.id), apiVersion: API.authorization });
  return null;
}

const ASSIGNEE = { dest: 'assignee', options: ['--assignee'], help: 'Represent a user, group, or service principal. supported format: object id, user sign-in name, or service principal name.' } as const;
const ASSIGNEE_OID = {
  dest: 'assignee_object_id',
  options: ['--assignee-object-id'],
  help: "Use this parameter instead of '--assignee' to bypass Graph API invocation in case of insufficient privileges. This parameter only works with object ids for users, groups, service principals, and managed identities.",
} as const;
const ROLE = { dest: 'role', options: ['--role'], help: 'Role name or id.' } as const;
const SCOPE_HELP = 'Scope at which the role assignment or definition applies to, e.g., /subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333, /subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/myGroup, or /subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/myGroup/providers/Microsoft.Compute/virtualMachines/myVM';
const GROUP = { dest: 'resource_group', options: ['--resource-group', '-g'], help: 'Use it only if the role or assignment was added at the level of a resource group.' } as const;

export const loadRole: CommandLoader = (t) => {
  addGroup(t, 'role', 'Manage Azure role-based access control (Azure RBAC).');
  addGroup(t, 'role assignment', 'Manage role assignments.');
  addGroup(t, 'role definition', 'Manage role definitions.');
  addCommand(t, {
    name: 'role assignment create',
    summary: 'Create a new role assignment for a user, group, or service principal.',
    args: [
      { ...ROLE, required: true },
      { dest: 'scope', options: ['--scope'], required: true, help: SCOPE_HELP },
      ASSIGNEE,
      ASSIGNEE_OID,
      { dest: 'assignee_principal_type', options: ['--assignee-principal-type'], choices: PRINCIPAL_TYPES, help: 'Use with --assignee-object-id to avoid errors caused by propagation latency in Microsoft Graph.' },
      { dest: 'description', options: ['--description'], help: 'Description of role assignment.' },
      { dest: 'condition', options: ['--condition'], help: 'Condition under which the user can be granted permission.' },
      { dest: 'condition_version', options: ['--condition-version'], help: 'Version of the condition syntax. If --condition is specified without --condition-version, default to 2.0.' },
      { dest: 'name', options: ['--name'], help: 'A GUID for the role assignment. It must be unique and different for each role assignment. If omitted, a new GUID is generetd.' },
    ],
    examples: [
      { summary: 'Create role assignment to grant the specified assignee the Reader role on an Azure virtual machine.', command: 'az role assignment create --assignee sp_name --role a7b1b19a-0e83-4fe5-935c-faaefbfd18c3 --scope /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/MyResourceGroup/providers/Microsoft.Compute/virtualMachines/MyVm' },
      { summary: 'Create role assignment for an assignee with description, condition and condition version.', command: 'az role assignment create --role "Owner" --assignee-object-id 00000000-0000-0000-0000-000000000000 --assignee-principal-type ServicePrincipal --scope /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/MyResourceGroup' },
    ],
    run: create,
  });
  addCommand(t, {
    name: 'role assignment list',
    summary: 'List role assignments.',
    long: 'By default, only assignments scoped to subscription will be displayed. To view assignments scoped by resource or group, use `--all`.',
    args: [
      { dest: 'all', options: ['--all'], flag: true, help: 'Show all assignments under the current subscription.' },
      ASSIGNEE,
      ASSIGNEE_OID,
      { dest: 'fill_principal_name', options: ['--fill-principal-name'], choices: ['false', 'true'], help: 'If true, fill principalName property with the principal name from Microsoft Graph. This requires an extra Graph call.', defaultText: 'True' },
      { dest: 'fill_role_definition_name', options: ['--fill-role-definition-name'], choices: ['false', 'true'], help: 'If true, fill roleDefinitionName property with the role name. This requires an extra ARM call.', defaultText: 'True' },
      { dest: 'include_groups', options: ['--include-groups'], flag: true, help: 'Include extra assignments to the groups of which the user is a member(transitively).' },
      { dest: 'include_inherited', options: ['--include-inherited'], flag: true, help: 'Include assignments applied on parent scopes.' },
      GROUP,
      ROLE,
      { dest: 'scope', options: ['--scope'], help: SCOPE_HELP },
    ],
    // commands.py transform_assignment_list; a principal Graph could not name prints as an empty cell.
    tableTransform: (result) => (result as Record<string, unknown>[]).map((r) => ({ Principal: r.principalName ?? '', Role: r.roleDefinitionName, Scope: r.scope })),
    run: list,
  });
  addCommand(t, {
    name: 'role assignment delete',
    summary: 'Delete role assignments.',
    args: [
      ASSIGNEE,
      ASSIGNEE_OID,
      { dest: 'ids', options: ['--ids'], many: true, help: "Space-separated role assignment ids. You should not provide --role or --assignee when --ids is provided." },
      { dest: 'include_inherited', options: ['--include-inherited'], flag: true, help: 'Include assignments applied on parent scopes.' },
      GROUP,
      ROLE,
      { dest: 'scope', options: ['--scope'], help: SCOPE_HELP },
      { dest: 'yes', options: ['--yes', '-y'], flag: true, help: 'Currently no-op.' },
    ],
    run: remove,
  });
  addCommand(t, {
    name: 'role definition list',
    summary: 'List role definitions.',
    args: [
      { dest: 'custom_role_only', options: ['--custom-role-only'], choices: ['false', 'true'], help: 'Custom roles only(vs. build-in ones).' },
      { dest: 'name', options: ['--name', '-n'], help: 'Matches the role definition name.' },
      GROUP,
      { dest: 'scope', options: ['--scope'], help: SCOPE_HELP },
    ],
    run: async (ctx, a) => {
      const scope = await buildScope(ctx, s(a.resource_group), s(a.scope));
      const name = s(a.name);
      let roles = await listDefinitions(ctx, scope, name && !isGuid(name) ? `roleName eq '${name}'` : undefined);
      if (name && isGuid(name)) roles = roles.filter((r) => String(r.name).toLowerCase() === name.toLowerCase());
      if (s(a.custom_role_only) === 'true') roles = roles.filter((r) => r.roleType === 'CustomRole');
      return roles;
    },
  });
};
