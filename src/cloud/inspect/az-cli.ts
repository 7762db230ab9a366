/**
 * A portal change as Azure CLI commands (bash) that run in someone else's subscription: things are
 * named by resource group and name, with ids looked up by `az … show` when the command runs, never
 * with this sandbox's GUIDs. Also bash quoting, so every value printed is safe to paste.
 *
 * Flags used (checked against learn.microsoft.com/cli/azure and the azure-cli sources):
 * `az vm identity assign|remove --identities`, `az identity create|delete`,
 * `az role assignment create --assignee-object-id --assignee-principal-type | delete --assignee`,
 * and for lookups `az vm show|identity show|group show -g/-n`, `az resource show --resource-type`,
 * `az account show`, `az ad group show --group`, each with `--query … -o tsv`.
 */
import { armId } from '../../sim/index';
import { isUserAssignedIdentity, isVm, type PortalChange, type PrincipalRef, type ResourceRef, type ScopeRef, sameText } from './portal-change';

/** Characters bash never treats specially in a word (no globbing, expansion or splitting). */
const PLAIN = /^[A-Za-z0-9_.:/@%+=,-]+$/;
const isPlain = (value: string): boolean => PLAIN.test(value);

/** One bash word: bare when nothing in it is special, single-quoted otherwise. */
export function shq(value: string): string {
  return isPlain(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

type Flag = readonly [flag: string, value?: string];

const ONE_LINE_MAX = 100;

/** `az …` with its flags: one line when short, else a flag per line continued with `\`. */
function azCommand(words: string, flags: readonly Flag[]): string {
  const parts = flags.map(([flag, value]) => (value === undefined ? flag : `${flag} ${value}`));
  const line = [words, ...parts].join(' ');
  return line.length <= ONE_LINE_MAX ? line : [words, ...parts].join(' \\\n  ');
}

/** `az … show` for a top-level resource, printing one property. */
function showCommand(ref: Pick<ResourceRef, 'resourceGroup' | 'type' | 'name'>, query: string): string {
  const at = `-g ${shq(ref.resourceGroup)} -n ${shq(ref.name)}`;
  if (isVm(ref)) return `az vm show ${at} --query ${query} -o tsv`;
  if (isUserAssignedIdentity(ref)) return `az identity show ${at} --query ${query} -o tsv`;
  return `az resource show ${at} --resource-type ${shq(ref.type)} --query ${query} -o tsv`;
}

/** `"$(az … show …)"`: what the command prints, as one argument. */
const lookup = (command: string): string => `"$(${command})"`;

/** The value for `--scope`; null when a child path would need quoting inside the lookup. */
function scopeArg(scope: ScopeRef): string | null {
  switch (scope.kind) {
    case 'root':
      return '/';
    case 'managementGroup':
      return shq(armId.managementGroupId(scope.name));
    case 'subscription':
      return '"/subscriptions/$(az account show --query id -o tsv)"';
    case 'resourceGroup':
      return lookup(`az group show -n ${shq(scope.name)} --query id -o tsv`);
    case 'resource': {
      // A child (a blob container, a secret) is its parent's id plus the rest of the path, verbatim.
      const { child } = scope.resource;
      return child && !isPlain(child) ? null : `"$(${showCommand(scope.resource, 'id')})${child}"`;
    }
  }
}

/** `az role assignment create` takes an object id and its type; `delete` only `--assignee`. */
function principalFlags(principal: PrincipalRef, verb: 'create' | 'delete'): Flag[] {
  if (principal.kind === 'user') return [['--assignee', shq(principal.userPrincipalName)]];
  const objectId =
    principal.kind === 'group'
      ? lookup(`az ad group show --group ${shq(principal.displayName)} --query id -o tsv`)
      : lookup(showCommand(principal.owner, principal.system ? 'identity.principalId' : 'principalId'));
  if (verb === 'delete') return [['--assignee', objectId]];
  return [['--assignee-object-id', objectId], ['--assignee-principal-type', principal.kind === 'group' ? 'Group' : 'ServicePrincipal']];
}

/** The change as bash, one string per command; null when it cannot be written portably. */
export function bashCommands(change: PortalChange): string[] | null {
  switch (change.kind) {
    case 'identity.create':
    case 'identity.delete': {
      const at: Flag[] = [['-g', shq(change.identity.resourceGroup)], ['-n', shq(change.identity.name)]];
      if (change.kind === 'identity.delete') return [azCommand('az identity delete', at)];
      return [azCommand('az identity create', change.location ? [...at, ['-l', shq(change.location)]] : at)];
    }
    case 'vm.identity': {
      const { vm } = change;
      // az resolves a bare name in the VM's resource group; one elsewhere is passed by its id.
      const userArg = (ref: ResourceRef) => (sameText(ref.resourceGroup, vm.resourceGroup) ? shq(ref.name) : lookup(showCommand(ref, 'id')));
      const at: Flag[] = [['-g', shq(vm.resourceGroup)], ['-n', shq(vm.name)]];
      const system = shq('[system]');
      const assign = [...(change.on ? [system] : []), ...change.attached.map(userArg)];
      const remove = [...(change.off ? [system] : []), ...change.detached.map(userArg)];
      const commands: string[] = [];
      // `assign` alone means the system-assigned identity (its documented default).
      if (assign.length) commands.push(azCommand('az vm identity assign', assign.length === 1 && change.on ? at : [...at, ['--identities', assign.join(' ')]]));
      if (remove.length) commands.push(azCommand('az vm identity remove', [...at, ['--identities', remove.join(' ')]]));
      return commands;
    }
    case 'role.create':
    case 'role.delete': {
      const scope = scopeArg(change.scope);
      if (!scope) return null;
      const verb = change.kind === 'role.create' ? 'create' : 'delete';
      return [azCommand(`az role assignment ${verb}`, [...principalFlags(change.principal, verb), ['--role', shq(change.role)], ['--scope', scope]])];
    }
  }
}
