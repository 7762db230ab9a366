/**
 * "Real commands": what the learner changed through the portal, as Azure CLI commands to run on a
 * real subscription. The request log is read in order; each successful (2xx) portal PUT, PATCH or
 * DELETE becomes one item — a sentence and the bash that makes the same change. Everything is named
 * by resource group and name (see az-cli.ts), so no id of this sandbox reaches a command: an item
 * that would need one is dropped and counted instead of printed.
 *
 * A VM PATCH is compared with the VM's identity as the log last showed it (the portal reads a VM
 * before it patches it, and each PATCH answers with the result), so the commands say what changed
 * rather than restating everything the PATCH body repeats.
 */
import { armId, findRoleDefinition, type World } from '../../sim/index';
import { isPlainObject } from '../http/body';
import type { VmIdentityFacts } from '../portal-client/vm-identity-changes';
import type { RequestLogEntry } from '../request-log';
import { azCommand, groupObjectId, lookup, resourceRef, scopeArg, shq, showCommand, type Flag } from './az-cli';
import { scopeLabel } from './names';

export interface RealCommand {
  /** The log entry it comes from. */
  seq: number;
  description: string;
  /** Bash, one string per command (a long one continues over lines with `\`). */
  commands: string[];
}

export interface RealCommandsView {
  items: RealCommand[];
  /** Portal changes that failed (an error status or no answer): they changed nothing. */
  failed: number;
  /** Successful portal changes that could not be written as portable commands. */
  untranslated: number;
}

export const VM_COMMANDS_NOTE =
  "Commands typed in a VM's terminal here (curl or Invoke-RestMethod to IMDS at 169.254.169.254, then to ARM, Key Vault or Storage) run unchanged on a real Azure VM with a managed identity; only the portal's clicks need translating.";

/** A run of commands to paste: each item's sentence as a comment above its commands. */
export function scriptOf(items: readonly RealCommand[]): string {
  return items.map((i) => `# ${i.description.replace(/\s+/g, ' ')}\n${i.commands.join('\n')}`).join('\n\n') + '\n';
}

export function realCommands(world: World, entries: readonly RequestLogEntry[]): RealCommandsView {
  const seen: Observed = { vms: new Map(), owners: new Map(), principals: new Map(), assignments: new Map() };
  const view: RealCommandsView = { items: [], failed: 0, untranslated: 0 };
  for (const entry of entries) {
    const status = entry.response?.status ?? 0;
    const answered = status >= 200 && status < 300;
    const body = answered ? parseJson(entry.response?.body ?? '') : undefined;
    if (entry.caller.kind === 'portal' && MUTATIONS.has(entry.request.method.toUpperCase())) {
      if (!answered) view.failed++;
      else {
        const outcome = translate(world, seen, entry, body);
        // A name that is itself a GUID cannot be told from an id: better unsaid than leaked.
        if (outcome === null || outcome.commands.some((c) => ANY_GUID.test(c))) view.untranslated++;
        else if (outcome.commands.length > 0) view.items.push({ seq: entry.seq, ...outcome });
      }
    }
    // Learn from every answer after translating it: a PATCH is compared with what came before it.
    if (answered && entry.service === 'arm') observe(seen, entry, body);
  }
  return view;
}

const MUTATIONS = new Set(['PUT', 'PATCH', 'DELETE']);
const ANY_GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** What the log has shown so far, keyed by lower-cased id. */
interface Observed {
  /** VM id → its identity in the latest answer that carried the VM. */
  vms: Map<string, VmIdentityFacts>;
  /** Principal id → the managed identity's resource (kept after the directory forgets a purged principal). */
  owners: Map<string, Owner>;
  /** Resource id → its managed identity's principal id as last seen, null once it had none. */
  principals: Map<string, string | null>;
  /** Role assignment id → what it granted (a DELETE may answer without it). */
  assignments: Map<string, Assignment>;
}

interface Owner {
  resourceId: string;
  system: boolean;
}

interface Assignment {
  scope: string;
  roleDefinitionId: string;
  principalId: string;
}

/** An item's text, or `commands: []` for a successful call that changed nothing; null when it cannot be written. */
type Outcome = { description: string; commands: string[] } | null;
const UNCHANGED: Outcome = { description: '', commands: [] };

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const TYPES = {
  vm: armId.VM_TYPE.toLowerCase(),
  uai: armId.UAI_TYPE.toLowerCase(),
  assignment: 'microsoft.authorization/roleassignments',
};

/** A VM's identity from an ARM body; tolerant, because a log entry's body is whatever was sent. */
function vmFacts(raw: unknown): VmIdentityFacts {
  const o = isPlainObject(raw) ? raw : {};
  const kinds = (text(o.type) ?? '').split(',').map((k) => k.trim().toLowerCase());
  return { systemAssigned: kinds.includes('systemassigned'), userAssigned: isPlainObject(o.userAssignedIdentities) ? Object.keys(o.userAssignedIdentities) : [] };
}

function assignmentOf(raw: unknown): Assignment | null {
  if (!isPlainObject(raw)) return null;
  const scope = text(raw.scope);
  const roleDefinitionId = text(raw.roleDefinitionId);
  const principalId = text(raw.principalId);
  return scope && roleDefinitionId && principalId ? { scope, roleDefinitionId, principalId } : null;
}

function observe(seen: Observed, entry: RequestLogEntry, body: unknown): void {
  const path = entry.request.method.toUpperCase() === 'DELETE' ? armPath(entry.request.url) : null;
  if (path && UAI_PATH.test(path)) seen.principals.set(path.toLowerCase(), null);
  const resources: unknown[] = isPlainObject(body) && Array.isArray(body.value) ? body.value : [body];
  for (const r of resources) {
    if (!isPlainObject(r)) continue;
    const id = text(r.id);
    const type = text(r.type)?.toLowerCase();
    if (!id || !type) continue;
    if (type === TYPES.vm) {
      const facts = vmFacts(r.identity);
      seen.vms.set(id.toLowerCase(), facts);
      const principal = facts.systemAssigned && isPlainObject(r.identity) ? text(r.identity.principalId) : undefined;
      seeOwner(seen, id, principal, true);
    } else if (type === TYPES.uai) {
      seeOwner(seen, id, isPlainObject(r.properties) ? text(r.properties.principalId) : undefined, false);
    } else if (type === TYPES.assignment) {
      const a = assignmentOf(r.properties);
      if (a) seen.assignments.set(id.toLowerCase(), a);
    }
  }
}

function seeOwner(seen: Observed, resourceId: string, principalId: string | undefined, system: boolean): void {
  const principal = principalId?.toLowerCase() ?? null;
  seen.principals.set(resourceId.toLowerCase(), principal);
  if (principal) seen.owners.set(principal, { resourceId, system });
}

/** The URL's path with each segment decoded; null when the URL or an escape is broken. */
function armPath(url: string): string | null {
  try {
    const segments = new URL(url).pathname.split('/').map(decodeURIComponent);
    return segments.some((s) => s.includes('/')) ? null : segments.join('/').replace(/\/+$/, '');
  } catch {
    return null;
  }
}

const VM_PATH = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Compute\/virtualMachines\/[^/]+$/i;
const UAI_PATH = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[^/]+$/i;
const ASSIGNMENT_PATH = /^(.*)\/providers\/Microsoft\.Authorization\/roleAssignments\/[^/]+$/i;

function translate(world: World, seen: Observed, entry: RequestLogEntry, answer: unknown): Outcome {
  const path = entry.service === 'arm' ? armPath(entry.request.url) : null;
  if (!path) return null;
  const method = entry.request.method.toUpperCase();
  // 204: the thing to delete was already gone, so nothing changed.
  if (method === 'DELETE' && entry.response?.status === 204) return UNCHANGED;
  if (method === 'PATCH' && VM_PATH.test(path)) return vmIdentityChange(seen, path, parseJson(entry.request.body), answer);
  if (UAI_PATH.test(path)) return identityChange(method, path, parseJson(entry.request.body), answer);
  const assignment = ASSIGNMENT_PATH.exec(path);
  if (!assignment) return null;
  if (method === 'PUT') {
    // What ARM recorded, else what was asked for; the scope is always the URL's.
    const body = isPlainObject(answer) ? answer : parseJson(entry.request.body);
    const props = isPlainObject(body) && isPlainObject(body.properties) ? body.properties : null;
    const facts = props ? assignmentOf({ ...props, scope: assignment[1] || '/' }) : null;
    return facts ? roleAssignmentChange(world, seen, 'create', facts) : null;
  }
  if (method === 'DELETE') {
    const facts = (isPlainObject(answer) ? assignmentOf(answer.properties) : null) ?? seen.assignments.get(path.toLowerCase()) ?? null;
    return facts ? roleAssignmentChange(world, seen, 'delete', facts) : null;
  }
  return null;
}

function identityChange(method: string, path: string, sent: unknown, answer: unknown): Outcome {
  const ref = resourceRef(path);
  if (!ref) return null;
  const at: Flag[] = [['-g', shq(ref.resourceGroup)], ['-n', shq(ref.name)]];
  if (method === 'DELETE') {
    return { description: `Delete the user-assigned identity ${ref.name} from ${ref.resourceGroup}.`, commands: [azCommand('az identity delete', at)] };
  }
  if (method !== 'PUT') return null;
  const location = text(isPlainObject(answer) ? answer.location : undefined) ?? text(isPlainObject(sent) ? sent.location : undefined);
  return {
    description: `Create the user-assigned identity ${ref.name} in ${ref.resourceGroup}${location ? ` (${location})` : ''}.`,
    commands: [azCommand('az identity create', location ? [...at, ['-l', shq(location)]] : at)],
  };
}

function vmIdentityChange(seen: Observed, path: string, sent: unknown, answer: unknown): Outcome {
  const vm = resourceRef(path);
  if (!vm || !isPlainObject(sent) || !('identity' in sent) || !isPlainObject(answer)) return null;
  const after = vmFacts(answer.identity);
  // Not in the log any more: the body's `null` entries were attached; whether the system-assigned
  // identity was on is unknown, so only turning it on (harmless if it already was) is said.
  const sentIdentities = isPlainObject(sent.identity) && isPlainObject(sent.identity.userAssignedIdentities) ? sent.identity.userAssignedIdentities : {};
  const before = seen.vms.get(path.toLowerCase()) ?? {
    systemAssigned: false,
    userAssigned: Object.keys(sentIdentities).filter((id) => sentIdentities[id] === null),
  };
  const missingFrom = (list: string[]) => (id: string) => !list.some((x) => sameId(x, id));
  const attached = after.userAssigned.filter(missingFrom(before.userAssigned));
  const detached = before.userAssigned.filter(missingFrom(after.userAssigned));
  const on = after.systemAssigned && !before.systemAssigned;
  const off = before.systemAssigned && !after.systemAssigned;

  const userArg = (id: string): { name: string; arg: string }[] => {
    const ref = resourceRef(id);
    if (!ref || ref.child || !sameId(ref.type, armId.UAI_TYPE)) return [];
    // az resolves a bare name in the VM's resource group; one elsewhere is passed by its id.
    return [{ name: ref.name, arg: sameId(ref.resourceGroup, vm.resourceGroup) ? shq(ref.name) : lookup(showCommand(ref, 'id')) }];
  };
  const adds = attached.flatMap(userArg);
  const removes = detached.flatMap(userArg);
  if (adds.length !== attached.length || removes.length !== detached.length) return null;

  const at: Flag[] = [['-g', shq(vm.resourceGroup)], ['-n', shq(vm.name)]];
  const system = shq('[system]');
  const commands: string[] = [];
  const assign = [...(on ? [system] : []), ...adds.map((u) => u.arg)];
  const remove = [...(off ? [system] : []), ...removes.map((u) => u.arg)];
  // `assign` alone means the system-assigned identity (its documented default).
  if (assign.length) commands.push(azCommand('az vm identity assign', assign.length === 1 && on ? at : [...at, ['--identities', assign.join(' ')]]));
  if (remove.length) commands.push(azCommand('az vm identity remove', [...at, ['--identities', remove.join(' ')]]));
  if (!commands.length) return UNCHANGED;

  const changes = [
    ...(on ? ['turn on the system-assigned identity'] : []),
    ...(off ? ['turn off the system-assigned identity'] : []),
    ...adds.map((u) => `attach the user-assigned identity ${u.name}`),
    ...removes.map((u) => `detach the user-assigned identity ${u.name}`),
  ];
  return { description: `On ${vm.name}, ${joinWords(changes)}.`, commands };
}

function joinWords(parts: string[]): string {
  return parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

interface PrincipalRef {
  phrase: string;
  /** `az role assignment create` takes an object id and its type; `delete` only `--assignee`. */
  create: Flag[];
  remove: Flag[];
}

/** How a command names the principal; null when it cannot be named. */
function principalRef(world: World, seen: Observed, principalId: string): PrincipalRef | null {
  const id = principalId.toLowerCase();
  const user = world.data.users[id];
  if (user) {
    const upn = shq(user.userPrincipalName);
    return { phrase: user.userPrincipalName, create: [['--assignee', upn]], remove: [['--assignee', upn]] };
  }
  const group = world.data.groups[id];
  if (group) return objectIdRef(`group ${group.displayName}`, groupObjectId(group.displayName), 'Group');
  const sp = world.data.servicePrincipals[id];
  const owner = sp ? { resourceId: sp.managedIdentityResourceId, system: sp.identityType === 'SystemAssigned' } : seen.owners.get(id);
  const ref = owner ? resourceRef(owner.resourceId) : null;
  if (!owner || !ref || ref.child) return null;
  // Its resource has had another principal, or none, since (an orphaned assignment): a lookup by
  // name would find the wrong one.
  const current = seen.principals.get(owner.resourceId.toLowerCase());
  if (current !== undefined && current !== id) return null;
  const objectId = lookup(showCommand(ref, owner.system ? 'identity.principalId' : 'principalId'));
  return objectIdRef(owner.system ? `${ref.name}'s identity` : `the identity ${ref.name}`, objectId, 'ServicePrincipal');
}

function objectIdRef(phrase: string, objectId: string, type: 'Group' | 'ServicePrincipal'): PrincipalRef {
  return { phrase, create: [['--assignee-object-id', objectId], ['--assignee-principal-type', type]], remove: [['--assignee', objectId]] };
}

function roleAssignmentChange(world: World, seen: Observed, verb: 'create' | 'delete', a: Assignment): Outcome {
  const role = findRoleDefinition(world, a.roleDefinitionId)?.roleName;
  const principal = principalRef(world, seen, a.principalId);
  const scope = scopeArg(a.scope);
  if (!role || !principal || !scope) return null;
  const where = scopeLabel(world, a.scope).phrase;
  const flags: Flag[] = [...(verb === 'create' ? principal.create : principal.remove), ['--role', shq(role)], ['--scope', scope]];
  return {
    description: verb === 'create' ? `Give ${principal.phrase} ${role} on ${where}.` : `Take ${role} on ${where} away from ${principal.phrase}.`,
    commands: [azCommand(`az role assignment ${verb}`, flags)],
  };
}
