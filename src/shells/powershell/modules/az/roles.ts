/**
 * Az.Resources role assignments: Get-, New-, Remove-AzRoleAssignment (Azure/azure-powershell
 * src/Resources/Resources/Models.Authorization/AuthorizationClient.cs FilterRoleAssignments /
 * CreateRoleAssignment, AuthorizationClientExtensions.cs ToPSRoleAssignments; messages from
 * Properties/Resources.resx). Each assignment is completed with its role's name (the role
 * definitions `atScopeAndBelow()` the listed scope) and its principal from Microsoft Graph
 * (`directoryObjects/getByIds`): a principal Graph no longer has is `ObjectType Unknown` with no
 * DisplayName (an orphan, D-rbac-ts), so `Get-AzRoleAssignment | Where-Object ObjectType -eq Unknown |
 * Remove-AzRoleAssignment` removes exactly the orphans. A caller that may not read Graph (a managed
 * identity) sees the assignment's principalType and empty names instead (spec/az-cli.md §6.6).
 */
import { arg, missingMandatory, type CmdletCall, type CmdletDef } from '../../engine/cmdlet';
import { PSObject } from '../../runtime/values';
import { armCall, armList, requireContext, requireSubscription, type AzContext } from './az-context';
import { COMMON_PARAM } from './common-params';
import { groupsByDisplayName, objectsByIds, servicePrincipalByName, userBySignInName, type DirectoryObject } from './graph';

// Az.Resources' Authorization client (2022-04-01, the role-assignment API with principalType/conditions).
const AUTHORIZATION_API = '2022-04-01';
export const PS_ROLE_ASSIGNMENT = 'Microsoft.Azure.Commands.Resources.Models.Authorization.PSRoleAssignment';
const RA = '/providers/Microsoft.Authorization/roleAssignments';
const RD = '/providers/Microsoft.Authorization/roleDefinitions';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const guidOf = (id: string) => id.replace(/\/+$/, '').split('/').pop() ?? id;

/** AuthorizationHelper.ConstructFullyQualifiedRoleDefinitionIdFromScopeAndIdAsGuid. */
function qualifiedRoleId(scope: string, guid: string): string {
  const sub = /^\/subscriptions\/([^/]+)/i.exec(scope)?.[1];
  return `${sub ? `/subscriptions/${sub}` : ''}${RD}/${guid}`;
}

interface RoleDefinition {
  id: string;
  name: string;
}

async function roleDefinitionsAt(call: CmdletCall, context: AzContext, scope: string, filter: string): Promise<RoleDefinition[]> {
  const list = await armList(call, context, `${scope === '/' ? '' : scope}${RD}`, AUTHORIZATION_API, 'authorization', { $filter: filter });
  return list.map((d) => ({ id: String(d.name ?? guidOf(String(d.id ?? ''))), name: String((d.properties as { roleName?: string } | undefined)?.roleName ?? '') }));
}

/** ARM's role assignments, completed with role names and Graph's view of each principal. */
async function toPSRoleAssignments(call: CmdletCall, context: AzContext, assignments: Record<string, unknown>[], roleScope: string, keepDeleted: boolean): Promise<PSObject[]> {
  if (assignments.length === 0) return [];
  const roles = await roleDefinitionsAt(call, context, roleScope, 'atScopeAndBelow()');
  const ids = [...new Set(assignments.map((a) => String((a.properties as Record<string, unknown>).principalId ?? '')))];
  const directory = await objectsByIds(call, context, ids);
  const out: PSObject[] = [];
  for (const a of assignments) {
    const p = a.properties as Record<string, unknown>;
    const principalId = String(p.principalId ?? '');
    const roleGuid = guidOf(String(p.roleDefinitionId ?? ''));
    const found: DirectoryObject | undefined = directory?.find((o) => o.id.toLowerCase() === principalId.toLowerCase());
    if (directory && !found && !keepDeleted) continue;
    const objectType = directory === null ? String(p.principalType ?? '') : (found?.type ?? 'Unknown');
    out.push(
      PSObject.from(
        [
          ['RoleAssignmentName', a.name ?? guidOf(String(a.id ?? ''))],
          ['RoleAssignmentId', a.id ?? null],
          ['Scope', p.scope ?? null],
          ['DisplayName', found?.displayName ?? null],
          ['SignInName', found?.type === 'User' ? found.userPrincipalName : null],
          ['RoleDefinitionName', roles.find((r) => r.id.toLowerCase() === roleGuid.toLowerCase())?.name ?? null],
          ['RoleDefinitionId', roleGuid],
          ['ObjectId', principalId],
          ['ObjectType', objectType],
          ['CanDelegate', false],
          ['Description', p.description ?? null],
          ['ConditionVersion', p.conditionVersion ?? null],
          ['Condition', p.condition ?? null],
        ],
        [PS_ROLE_ASSIGNMENT, 'System.Object'],
      ),
    );
  }
  return out;
}

/** -Scope, or the scope -ResourceGroupName / -ResourceName / -ResourceType / -ParentResource spell out. */
function scopeOf(call: CmdletCall, subscriptionId: string): string | undefined {
  const scope = arg<string>(call, 'Scope');
  if (scope) return scope.length > 1 ? scope.replace(/\/+$/, '') : scope;
  const rg = arg<string>(call, 'ResourceGroupName');
  if (!rg) return undefined;
  const rgScope = `/subscriptions/${subscriptionId}/resourceGroups/${rg}`;
  const name = arg<string>(call, 'ResourceName');
  const type = arg<string>(call, 'ResourceType');
  if (!name || !type) return rgScope;
  const parent = arg<string>(call, 'ParentResource');
  const [provider, ...types] = type.split('/');
  return `${rgScope}/providers/${provider}${parent ? `/${parent}` : ''}/${types.join('/')}/${name}`;
}

function notMapped(): Parameters<CmdletCall['fail']>[0] {
  return {
    exceptionTypes: ['System.Collections.Generic.KeyNotFoundException', 'System.SystemException'],
    message: 'The provided information does not map to a role assignment.',
    category: 'CloseError',
    fullyQualifiedErrorId: 'Microsoft.Azure.Commands.Resources.RemoveAzureRoleAssignmentCommand',
    unqualified: true,
  };
}

function principalNotFound(cmdletClass: string): Parameters<CmdletCall['fail']>[0] {
  return {
    exceptionTypes: ['System.Collections.Generic.KeyNotFoundException', 'System.SystemException'],
    message: 'Cannot find principal using the specified options',
    category: 'CloseError',
    fullyQualifiedErrorId: cmdletClass,
    unqualified: true,
  };
}

/** The principal named by -ObjectId, -SignInName or -ServicePrincipalName (looked up in Graph), if any. */
async function principalOf(call: CmdletCall, context: AzContext): Promise<{ id: string; type?: string } | undefined> {
  // Az declares these [ValidateNotNullOrEmpty] (Resources' *AzureRoleAssignmentCommand.cs), so 5.1's binder
  // refuses $null or '' before the cmdlet runs.
  for (const name of ['ObjectId', 'SignInName', 'ServicePrincipalName']) {
    const given = call.bound.get(name.toLowerCase());
    if (call.bound.has(name.toLowerCase()) && (given === null || given === undefined || given === '')) {
      return call.fail({
        exceptionTypes: ['System.Management.Automation.ParameterBindingValidationException', 'System.Management.Automation.ParameterBindingException'],
        message: `Cannot validate argument on parameter '${name}'. The argument is null or empty. Provide an argument that is not null or empty, and then try the command again.`,
        category: 'InvalidData',
        fullyQualifiedErrorId: `ParameterArgumentValidationError,${call.def.className}`,
        unqualified: true,
      });
    }
  }
  const objectId = arg<string>(call, 'ObjectId');
  if (objectId) return { id: objectId };
  const upn = arg<string>(call, 'SignInName');
  if (upn) {
    const user = await userBySignInName(call, context, upn);
    if (!user) return call.fail(principalNotFound(call.def.className));
    return { id: user.id, type: 'User' };
  }
  // -ServicePrincipalName / -ApplicationId: the service principal Graph lists under that name.
  const spn = arg<string>(call, 'ServicePrincipalName');
  if (!spn) return undefined;
  const sp = await servicePrincipalByName(call, context, spn);
  if (!sp) return call.fail(principalNotFound(call.def.className));
  return { id: sp.id, type: 'ServicePrincipal' };
}

const PRINCIPAL_PARAMS = [
  { name: 'ObjectId', type: 'string' as const, aliases: ['Id', 'PrincipalId'] },
  { name: 'SignInName', type: 'string' as const, aliases: ['Email', 'UserPrincipalName'] },
  { name: 'ServicePrincipalName', type: 'string' as const, aliases: ['SPN', 'ApplicationId'] },
];
const SCOPE_PARAMS = [
  { name: 'ResourceGroupName', type: 'string' as const },
  { name: 'ResourceName', type: 'string' as const },
  { name: 'ResourceType', type: 'string' as const },
  { name: 'ParentResource', type: 'string' as const },
  { name: 'Scope', type: 'string' as const },
];
const ROLE_PARAMS = [
  { name: 'RoleDefinitionName', type: 'string' as const },
  { name: 'RoleDefinitionId', type: 'string' as const },
];

const hasPrincipal = (call: CmdletCall) => ['ObjectId', 'SignInName', 'ServicePrincipalName'].some((p) => arg(call, p) !== undefined);

export const getAzRoleAssignment: CmdletDef = {
  name: 'Get-AzRoleAssignment',
  className: 'Microsoft.Azure.Commands.Resources.GetAzureRoleAssignmentCommand',
  synopsis: 'Lists Azure RBAC role assignments at the specified scope.',
  params: [...PRINCIPAL_PARAMS, ...SCOPE_PARAMS, ...ROLE_PARAMS, { name: 'AtScope', type: 'switch' }, { name: 'IncludeClassicAdministrators', type: 'switch' }, { name: 'ExpandPrincipalGroups', type: 'switch' }, { name: 'SkipClientSideScopeValidation', type: 'switch' }, COMMON_PARAM],
  async run(call) {
    const context = requireContext(call);
    const sub = requireSubscription(call, context).id;
    const scope = scopeOf(call, sub);
    const principal = await principalOf(call, context);
    const subScope = `/subscriptions/${sub}`;
    let assignments: Record<string, unknown>[];
    if (principal) {
      assignments = await armList(call, context, `${subScope}${RA}`, AUTHORIZATION_API, 'authorization', { $filter: `principalId eq '${principal.id}'` });
      // The principal's assignments that apply at the scope: at it or above it.
      if (scope) assignments = assignments.filter((a) => scope.toLowerCase().startsWith(String((a.properties as Record<string, unknown>).scope ?? '').toLowerCase()));
    } else {
      assignments = await armList(call, context, `${scope && scope !== '/' ? scope : scope === '/' ? '' : subScope}${RA}`, AUTHORIZATION_API, 'authorization', arg(call, 'AtScope') === true ? { $filter: 'atScope()' } : {});
    }
    const roleId = arg<string>(call, 'RoleDefinitionId');
    if (roleId) assignments = assignments.filter((a) => guidOf(String((a.properties as Record<string, unknown>).roleDefinitionId ?? '')).toLowerCase() === roleId.toLowerCase());
    let result = await toPSRoleAssignments(call, context, assignments, scope ?? subScope, true);
    const roleName = arg<string>(call, 'RoleDefinitionName');
    if (roleName) result = result.filter((r) => String(r.get('RoleDefinitionName') ?? '').toLowerCase() === roleName.toLowerCase());
    return result;
  },
};

async function roleIdFor(call: CmdletCall, context: AzContext, scope: string): Promise<string> {
  const roleId = arg<string>(call, 'RoleDefinitionId');
  if (roleId) {
    if (!GUID.test(roleId)) {
      return call.fail({ exceptionTypes: ['System.ArgumentException'], message: 'Role definition id should be a valid guid.', category: 'CloseError', fullyQualifiedErrorId: 'System.ArgumentException' });
    }
    return roleId;
  }
  const name = arg<string>(call, 'RoleDefinitionName');
  if (!name) return call.fail(missingMandatory(['RoleDefinitionName']));
  const found = await roleDefinitionsAt(call, context, scope, `roleName eq '${name.replace(/'/g, "''")}'`);
  if (found.length === 0) {
    return call.fail({ exceptionTypes: ['System.Collections.Generic.KeyNotFoundException', 'System.SystemException'], message: `Cannot find role definition with name '${name}'.`, category: 'CloseError', fullyQualifiedErrorId: call.def.className, unqualified: true });
  }
  if (found.length > 1) {
    return call.fail({ exceptionTypes: ['System.ArgumentException'], message: `Multiple role definitions found with name '${name}'. Specify role definition using it's Id instead.`, category: 'CloseError', fullyQualifiedErrorId: call.def.className, unqualified: true });
  }
  return found[0]!.id;
}

export const newAzRoleAssignment: CmdletDef = {
  name: 'New-AzRoleAssignment',
  className: 'Microsoft.Azure.Commands.Resources.NewAzureRoleAssignmentCommand',
  synopsis: 'Assigns the specified RBAC role to the specified principal, at the specified scope.',
  params: [
    ...PRINCIPAL_PARAMS,
    { name: 'ObjectType', type: 'string' },
    ...SCOPE_PARAMS,
    ...ROLE_PARAMS,
    { name: 'Description', type: 'string' },
    { name: 'Condition', type: 'string' },
    { name: 'ConditionVersion', type: 'string' },
    { name: 'AllowDelegation', type: 'switch' },
    { name: 'SkipClientSideScopeValidation', type: 'switch' },
    COMMON_PARAM,
  ],
  async run(call) {
    if (!hasPrincipal(call)) return call.fail(missingMandatory(['ObjectId']));
    const context = requireContext(call);
    const sub = requireSubscription(call, context).id;
    const scope = scopeOf(call, sub) ?? `/subscriptions/${sub}`;
    const principal = (await principalOf(call, context))!;
    let principalType = arg<string>(call, 'ObjectType') ?? principal.type;
    if (!principalType) {
      // Without -ObjectType, Az asks Graph what the object is; a caller Graph refuses sends none.
      const found = await objectsByIds(call, context, [principal.id]);
      principalType = found?.[0]?.type;
    }
    const roleGuid = await roleIdFor(call, context, scope);
    const properties: Record<string, unknown> = { roleDefinitionId: qualifiedRoleId(scope, roleGuid), principalId: principal.id };
    if (principalType) properties.principalType = principalType;
    const description = arg<string>(call, 'Description');
    if (description !== undefined) properties.description = description;
    const condition = arg<string>(call, 'Condition');
    if (condition !== undefined) {
      properties.condition = condition;
      properties.conditionVersion = arg<string>(call, 'ConditionVersion') ?? '2.0';
    }
    const name = crypto.randomUUID();
    const created = await armCall(call, context, 'PUT', `${scope === '/' ? '' : scope}${RA}/${name}`, AUTHORIZATION_API, 'authorization', { properties });
    // ToPSRoleAssignment: the role by id, then the principal from Graph.
    await armCall(call, context, 'GET', `/subscriptions/${sub}${RD}/${roleGuid}`, AUTHORIZATION_API, 'authorization');
    return toPSRoleAssignments(call, context, [created.json as Record<string, unknown>], scope, false);
  },
};

export const removeAzRoleAssignment: CmdletDef = {
  name: 'Remove-AzRoleAssignment',
  className: 'Microsoft.Azure.Commands.Resources.RemoveAzureRoleAssignmentCommand',
  synopsis: 'Removes a role assignment to the specified principal who is assigned to a particular role at a particular scope.',
  params: [
    ...PRINCIPAL_PARAMS,
    ...SCOPE_PARAMS,
    ...ROLE_PARAMS,
    { name: 'InputObject', type: 'object', fromPipeline: true },
    { name: 'PassThru', type: 'switch' },
    { name: 'SkipClientSideScopeValidation', type: 'switch' },
    { name: 'WhatIf', type: 'switch', aliases: ['wi'] },
    { name: 'Confirm', type: 'switch', aliases: ['cf'] },
    COMMON_PARAM,
  ],
  async run(call) {
    const inputs = arg(call, 'InputObject') !== undefined ? [arg(call, 'InputObject')] : call.input;
    const context = requireContext(call);
    const sub = requireSubscription(call, context).id;
    let targets: PSObject[];
    if (inputs !== null) {
      targets = [];
      for (const input of inputs) {
        if (!(input instanceof PSObject) || !input.typeNames.includes(PS_ROLE_ASSIGNMENT)) {
          return call.fail({
            exceptionTypes: ['System.Management.Automation.ParameterBindingException', 'System.Management.Automation.RuntimeException'],
            message: `The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.`,
            category: 'InvalidArgument',
            fullyQualifiedErrorId: 'InputObjectNotBound',
          });
        }
        targets.push(input);
      }
    } else {
      if (!hasPrincipal(call)) return call.fail(missingMandatory(['ObjectId']));
      const principal = (await principalOf(call, context))!;
      const scope = scopeOf(call, sub) ?? `/subscriptions/${sub}`;
      if (!arg(call, 'RoleDefinitionName') && !arg(call, 'RoleDefinitionId')) return call.fail(missingMandatory(['RoleDefinitionName']));
      const listed = await armList(call, context, `/subscriptions/${sub}${RA}`, AUTHORIZATION_API, 'authorization', { $filter: `principalId eq '${principal.id}'` });
      const atScope = listed.filter((a) => String((a.properties as Record<string, unknown>).scope ?? '').toLowerCase() === scope.toLowerCase());
      const all = await toPSRoleAssignments(call, context, atScope, scope, true);
      const roleName = arg<string>(call, 'RoleDefinitionName');
      const roleId = arg<string>(call, 'RoleDefinitionId');
      targets = all.filter((r) => (roleName ? String(r.get('RoleDefinitionName') ?? '').toLowerCase() === roleName.toLowerCase() : String(r.get('RoleDefinitionId')).toLowerCase() === String(roleId).toLowerCase()));
      if (targets.length !== 1) return call.fail(notMapped());
    }
    const out: unknown[] = [];
    for (const target of targets) {
      call.limits.step();
      const id = String(target.get('RoleAssignmentId') ?? '');
      if (arg(call, 'WhatIf') === true) {
        call.host.writeHost(`What if: Performing the operation "Removing role assignment for AD object '${String(target.get('ObjectId'))}' on scope '${String(target.get('Scope'))}' with role definition '${String(target.get('RoleDefinitionName') ?? '')}' " on target "${String(target.get('ObjectId'))}".\n`);
        continue;
      }
      await armCall(call, context, 'DELETE', id, AUTHORIZATION_API, 'authorization');
      if (arg(call, 'PassThru') === true) out.push(target);
    }
    return out;
  },
};

/** Az.Resources' MSGraph group (Get-AzADGroup): enough for `(Get-AzADGroup -DisplayName x).Id`. */
export const PS_GRAPH_GROUP = 'Microsoft.Azure.PowerShell.Cmdlets.Resources.MSGraph.Models.ApiV10.MicrosoftGraphGroup';

export const getAzADGroup: CmdletDef = {
  name: 'Get-AzADGroup',
  className: 'Microsoft.Azure.PowerShell.Cmdlets.Resources.MSGraph.Cmdlets.GetAzADGroup_List',
  synopsis: 'Lists entities from groups or get entity from groups by key',
  params: [{ name: 'DisplayName', type: 'string' }, { name: 'ObjectId', type: 'string', aliases: ['Id'] }, COMMON_PARAM],
  async run(call) {
    const context = requireContext(call);
    const name = arg<string>(call, 'DisplayName');
    if (name === undefined) {
      return call.fail({
        exceptionTypes: ['System.NotSupportedException'],
        message: 'Get-AzADGroup is simulated only with -DisplayName here.',
        category: 'NotImplemented',
        fullyQualifiedErrorId: 'NotSimulated',
      });
    }
    const groups = await groupsByDisplayName(call, context, name);
    if (groups === null) {
      return call.fail({
        exceptionTypes: ['System.Exception'],
        message: 'Insufficient privileges to complete the operation.',
        category: 'InvalidOperation',
        fullyQualifiedErrorId: 'Authorization_RequestDenied,Microsoft.Azure.PowerShell.Cmdlets.Resources.MSGraph.Cmdlets.GetAzADGroup_List',
        activity: 'Get-AzADGroup_List',
        invocationName: 'Get-AzADGroup_List',
      });
    }
    return groups.map((g) => PSObject.from([['DisplayName', g.displayName], ['Id', g.id], ['DeletedDateTime', null], ['Description', null], ['Mail', null], ['MailEnabled', false], ['MailNickname', null], ['SecurityEnabled', true]], [PS_GRAPH_GROUP, 'System.Object']));
  },
};

export const PS_ROLE_DEFINITION = 'Microsoft.Azure.Commands.Resources.Models.Authorization.PSRoleDefinition';

/** PSRoleDefinition (Models.Authorization/PSRoleDefinition.cs): its properties in declaration order; no view, so a list. */
function roleDefinitionObject(d: Record<string, unknown>): PSObject {
  const p = (d.properties ?? {}) as Record<string, unknown>;
  const perms = (p.permissions as Record<string, unknown>[] | undefined) ?? [];
  const all = (key: string) => perms.flatMap((x) => (x[key] as string[] | undefined) ?? []);
  return PSObject.from(
    [
      ['Name', p.roleName ?? null],
      ['Id', d.name ?? guidOf(String(d.id ?? ''))],
      ['IsCustom', String(p.type ?? '').toLowerCase() === 'customrole'],
      ['Description', p.description ?? null],
      ['Actions', all('actions')],
      ['NotActions', all('notActions')],
      ['DataActions', all('dataActions')],
      ['NotDataActions', all('notDataActions')],
      ['AssignableScopes', (p.assignableScopes as string[] | undefined) ?? []],
      ['Condition', perms.find((x) => x.condition)?.condition ?? null],
      ['ConditionVersion', perms.find((x) => x.conditionVersion)?.conditionVersion ?? null],
    ],
    [PS_ROLE_DEFINITION, 'System.Object'],
  );
}

export const getAzRoleDefinition: CmdletDef = {
  name: 'Get-AzRoleDefinition',
  className: 'Microsoft.Azure.Commands.Resources.GetAzureRoleDefinitionCommand',
  synopsis: 'Lists all Azure RBAC roles that are available for assignment.',
  params: [{ name: 'Name', type: 'string', position: 0 }, { name: 'Id', type: 'string' }, { name: 'Scope', type: 'string' }, { name: 'Custom', type: 'switch' }, { name: 'AtScopeAndBelow', type: 'switch' }, { name: 'SkipClientSideScopeValidation', type: 'switch' }, COMMON_PARAM],
  async run(call) {
    const context = requireContext(call);
    const sub = requireSubscription(call, context).id;
    const scope = arg<string>(call, 'Scope')?.replace(/\/+$/, '') || `/subscriptions/${sub}`;
    const id = arg<string>(call, 'Id');
    if (id !== undefined) {
      if (!GUID.test(id)) {
        return call.fail({ exceptionTypes: ['System.Management.Automation.ParameterBindingException', 'System.Management.Automation.RuntimeException'], message: `Cannot bind parameter 'Id'. Cannot convert value "${id}" to type "System.Guid". Error: "Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)."`, category: 'InvalidArgument', fullyQualifiedErrorId: 'CannotConvertArgumentNoMessage' });
      }
      const found = await armCall(call, context, 'GET', `${scope === '/' ? '' : scope}${RD}/${id}`, AUTHORIZATION_API, 'authorization');
      return [roleDefinitionObject(found.json as Record<string, unknown>)];
    }
    const name = arg<string>(call, 'Name');
    const filter = name !== undefined ? `roleName eq '${name.replace(/'/g, "''")}'` : arg(call, 'Custom') === true ? "type eq 'CustomRole'" : arg(call, 'AtScopeAndBelow') === true ? 'atScopeAndBelow()' : undefined;
    const list = await armList(call, context, `${scope === '/' ? '' : scope}${RD}`, AUTHORIZATION_API, 'authorization', filter ? { $filter: filter } : {});
    return list.map(roleDefinitionObject);
  },
};
