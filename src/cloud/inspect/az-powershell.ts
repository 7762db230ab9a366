/**
 * A portal change as Azure PowerShell (Az module) commands that run in someone else's subscription:
 * things are named by resource group and name, with ids looked up by `Get-Az…` when the command
 * runs, never with this sandbox's GUIDs. Also PowerShell quoting, so every value printed is safe to
 * paste. The twin of az-cli.ts.
 *
 * Cmdlets and parameters used (checked against learn.microsoft.com/powershell/module and the
 * azure-powershell help files): `Update-AzVM -ResourceGroupName -VM -IdentityType [-IdentityId]`
 * (it replaces the VM's whole identity, so the commands state all of it), `New-AzUserAssignedIdentity
 * -ResourceGroupName -Name -Location`, `Remove-AzUserAssignedIdentity -ResourceGroupName -Name`,
 * `New-AzRoleAssignment -ObjectId -ObjectType | -SignInName, -RoleDefinitionName -Scope`,
 * `Remove-AzRoleAssignment -ObjectId | -SignInName, -RoleDefinitionName -Scope`; for lookups
 * `Get-AzVM`, `Get-AzUserAssignedIdentity`, `Get-AzResource -ResourceType` (`.ResourceId`),
 * `Get-AzResourceGroup` (`.ResourceId`), `Get-AzADGroup -DisplayName` (`.Id`), `Get-AzContext`.
 */
import { armId } from '../../sim/index';
import { isUserAssignedIdentity, isVm, type PortalChange, type PrincipalRef, type ResourceRef, type ScopeRef } from './portal-change';

/**
 * One PowerShell string literal: single-quoted, so nothing in it expands (`$`, backtick, `$(…)`).
 * PowerShell also ends a single-quoted string at the typographic quotes ‘ ’ ‚ ‛; each of the four
 * is doubled, as PowerShell's own CodeGeneration.EscapeSingleQuotedStringContent does.
 */
export function psq(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

/** A parameter's value: an expression, or a word PowerShell binds as is (an enum member). */
type PsValue = string | { word: string };
type Param = readonly [name: string, value: PsValue];

const inline = (v: PsValue): string => (typeof v === 'string' ? v : v.word);
const expression = (v: PsValue): string => (typeof v === 'string' ? v : psq(v.word));

const ONE_LINE_MAX = 100;

/**
 * A cmdlet with its parameters: one line when short, else splatted (a hashtable of the parameters,
 * one per line, passed as `@params`), the style Microsoft's Azure PowerShell docs use for long
 * commands; unlike backtick continuation it survives trailing spaces when pasted.
 */
function psCommand(cmdlet: string, params: readonly Param[], assignTo = ''): string {
  const call = assignTo ? `${assignTo} = ${cmdlet}` : cmdlet;
  const line = [call, ...params.map(([name, value]) => `-${name} ${inline(value)}`)].join(' ');
  if (line.length <= ONE_LINE_MAX) return line;
  const width = Math.max(...params.map(([name]) => name.length));
  const entries = params.map(([name, value]) => `    ${name.padEnd(width)} = ${expression(value)}`);
  return ['$params = @{', ...entries, '}', `${call} @params`].join('\n');
}

const at = (ref: Pick<ResourceRef, 'resourceGroup' | 'name'>): Param[] => [
  ['ResourceGroupName', psq(ref.resourceGroup)],
  ['Name', psq(ref.name)],
];

/** The `Get-Az…` that returns a top-level resource, in parentheses so a property can follow. */
function getter(ref: ResourceRef): string {
  const where = `-ResourceGroupName ${psq(ref.resourceGroup)} -Name ${psq(ref.name)}`;
  if (isVm(ref)) return `(Get-AzVM ${where})`;
  if (isUserAssignedIdentity(ref)) return `(Get-AzUserAssignedIdentity ${where})`;
  return `(Get-AzResource -ResourceGroupName ${psq(ref.resourceGroup)} -ResourceType ${psq(ref.type)} -Name ${psq(ref.name)})`;
}

/** A resource's full id, looked up (Get-AzResource calls it ResourceId; the typed cmdlets, Id). */
const idOf = (ref: ResourceRef): string => `${getter(ref)}.${isVm(ref) || isUserAssignedIdentity(ref) ? 'Id' : 'ResourceId'}`;

function scopeValue(scope: ScopeRef): string {
  switch (scope.kind) {
    case 'root':
      return psq('/');
    case 'managementGroup':
      return psq(armId.managementGroupId(scope.name));
    case 'subscription':
      return '"/subscriptions/$((Get-AzContext).Subscription.Id)"';
    case 'resourceGroup':
      return `(Get-AzResourceGroup -Name ${psq(scope.name)}).ResourceId`;
    case 'resource': {
      // A child (a blob container, a secret) is its parent's id plus the rest of the path.
      const { child } = scope.resource;
      return child ? `(${idOf(scope.resource)} + ${psq(child)})` : idOf(scope.resource);
    }
  }
}

/** How the cmdlets name the principal: a user by sign-in name, anything else by a looked-up object id. */
function principalParams(principal: PrincipalRef, verb: 'New' | 'Remove'): Param[] {
  if (principal.kind === 'user') return [['SignInName', psq(principal.userPrincipalName)]];
  const objectId =
    principal.kind === 'group'
      ? `(Get-AzADGroup -DisplayName ${psq(principal.displayName)}).Id`
      : `${getter(principal.owner)}.${principal.system ? 'Identity.PrincipalId' : 'PrincipalId'}`;
  // Like the CLI's --assignee-principal-type: no directory lookup, so a new identity works at once.
  const type: Param[] = verb === 'New' ? [['ObjectType', psq(principal.kind === 'group' ? 'Group' : 'ServicePrincipal')]] : [];
  return [['ObjectId', objectId], ...type];
}

function identityType(after: { systemAssigned: boolean; userAssigned: readonly unknown[] }): string {
  const user = after.userAssigned.length > 0;
  if (after.systemAssigned) return user ? 'SystemAssignedUserAssigned' : 'SystemAssigned';
  return user ? 'UserAssigned' : 'None';
}

/** The change as PowerShell, one string per command (a splatted one spans lines). */
export function powershellCommands(change: PortalChange): string[] {
  switch (change.kind) {
    case 'identity.create':
      return [psCommand('New-AzUserAssignedIdentity', [...at(change.identity), ...(change.location ? [['Location', psq(change.location)] as const] : [])])];
    case 'identity.delete':
      return [psCommand('Remove-AzUserAssignedIdentity', at(change.identity))];
    case 'vm.identity': {
      // Update-AzVM sets the identity to exactly what it is given: the type and every user-assigned
      // identity that stays, not only the ones that changed.
      const ids = change.after.userAssigned.map(idOf);
      const identityId: Param[] = ids.length ? [['IdentityId', ids.length === 1 ? ids[0]! : `@(${ids.join(', ')})`]] : [];
      return [
        psCommand('Get-AzVM', at(change.vm), '$vm'),
        psCommand('Update-AzVM', [['ResourceGroupName', psq(change.vm.resourceGroup)], ['VM', '$vm'], ['IdentityType', { word: identityType(change.after) }], ...identityId]),
      ];
    }
    case 'role.create':
    case 'role.delete': {
      const verb = change.kind === 'role.create' ? 'New' : 'Remove';
      return [
        psCommand(`${verb}-AzRoleAssignment`, [...principalParams(change.principal, verb), ['RoleDefinitionName', psq(change.role)], ['Scope', scopeValue(change.scope)]]),
      ];
    }
  }
}
