/**
 * "Real commands": what the learner changed through the portal, as Azure CLI and Azure PowerShell
 * commands to run on a real subscription. The request log is read in order; each successful (2xx)
 * portal PUT, PATCH or DELETE becomes one item — a sentence, and the bash (az-cli.ts) and the
 * PowerShell (az-powershell.ts) that make the same change, both written from one `PortalChange`
 * (portal-change.ts). Everything is named by resource group and name, so no id of this sandbox
 * reaches a command: an item that would need one, in either language, is dropped and counted
 * instead of printed.
 *
 * A VM PATCH is compared with the VM's identity as the log last showed it (the portal reads a VM
 * before it patches it, and each PATCH answers with the result), so the sentence and the Azure CLI
 * say what changed rather than restating everything the PATCH body repeats. Azure PowerShell's
 * Update-AzVM takes the whole identity instead, which the PATCH's answer gives.
 */
import { armId, findRoleDefinition, type World } from '../../sim/index';
import { isPlainObject } from '../http/body';
import type { VmIdentityFacts } from '../portal-client/vm-identity-changes';
import type { RequestLogEntry } from '../request-log';
import { bashCommands } from './az-cli';
import { powershellCommands } from './az-powershell';
import type { CommandLanguage } from './command-language';
import { resourceRef, sameText as sameId, scopeRef, userAssignedRef, type PortalChange, type PrincipalRef, type ResourceRef } from './portal-change';
import { scopeLabel } from './names';

export interface RealCommand {
  /** The log entry it comes from. */
  seq: number;
  description: string;
  /** Azure CLI in bash, one string per command (a long one continues over lines with `\`). */
  bash: string[];
  /** Azure PowerShell, one string per command (a long one is splatted over several lines). */
  powershell: string[];
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

/** A run of commands to paste in one language: each item's sentence as a comment above its commands. */
export function scriptOf(items: readonly RealCommand[], language: CommandLanguage): string {
  return items.map((i) => `# ${i.description.replace(/\s+/g, ' ')}\n${i[language].join('\n')}`).join('\n\n') + '\n';
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
        const item = outcome && outcome !== UNCHANGED ? written(entry.seq, outcome) : null;
        if (item) view.items.push(item);
        else if (outcome !== UNCHANGED) view.untranslated++;
      }
    }
    // Learn from every answer after translating it: a PATCH is compared with what came before it.
    if (answered && entry.service === 'arm') observe(seen, entry, body);
  }
  return view;
}

const MUTATIONS = new Set(['PUT', 'PATCH', 'DELETE']);
const ANY_GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The change in both languages; null when either cannot say it or would print a GUID. */
function written(seq: number, { description, change }: Translated): RealCommand | null {
  const bash = bashCommands(change);
  const powershell = powershellCommands(change);
  // A name that is itself a GUID cannot be told from an id: better unsaid than leaked.
  if (!bash?.length || [...bash, ...powershell].some((c) => ANY_GUID.test(c))) return null;
  return { seq, description, bash, powershell };
}

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

interface Translated {
  description: string;
  change: PortalChange;
}
/** What a call changed, or UNCHANGED for a successful call that changed nothing; null when it cannot be said by name. */
type Outcome = Translated | typeof UNCHANGED | null;
const UNCHANGED = 'unchanged';

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
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
  const identity = resourceRef(path);
  if (!identity) return null;
  if (method === 'DELETE') {
    return { description: `Delete the user-assigned identity ${identity.name} from ${identity.resourceGroup}.`, change: { kind: 'identity.delete', identity } };
  }
  if (method !== 'PUT') return null;
  const location = text(isPlainObject(answer) ? answer.location : undefined) ?? text(isPlainObject(sent) ? sent.location : undefined) ?? null;
  return {
    description: `Create the user-assigned identity ${identity.name} in ${identity.resourceGroup}${location ? ` (${location})` : ''}.`,
    change: { kind: 'identity.create', identity, location },
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
  const on = after.systemAssigned && !before.systemAssigned;
  const off = before.systemAssigned && !after.systemAssigned;
  const attached = refsOf(after.userAssigned.filter(missingFrom(before.userAssigned)));
  const detached = refsOf(before.userAssigned.filter(missingFrom(after.userAssigned)));
  if (!attached || !detached) return null;
  if (!on && !off && !attached.length && !detached.length) return UNCHANGED;
  // PowerShell restates the whole identity, so every identity that stays must be nameable too.
  const stays = refsOf(after.userAssigned);
  if (!stays) return null;

  const changes = [
    ...(on ? ['turn on the system-assigned identity'] : []),
    ...(off ? ['turn off the system-assigned identity'] : []),
    ...attached.map((u) => `attach the user-assigned identity ${u.name}`),
    ...detached.map((u) => `detach the user-assigned identity ${u.name}`),
  ];
  return {
    description: `On ${vm.name}, ${joinWords(changes)}.`,
    change: { kind: 'vm.identity', vm, on, off, attached, detached, after: { systemAssigned: after.systemAssigned, userAssigned: stays } },
  };
}

/** User-assigned identity ids as references; null when any of them is not one. */
function refsOf(ids: string[]): ResourceRef[] | null {
  const refs = ids.map(userAssignedRef);
  return refs.every((r) => r !== null) ? refs : null;
}

function joinWords(parts: string[]): string {
  return parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** How a command names the principal, and the sentence's phrase for it; null when it cannot be named. */
function principalOf(world: World, seen: Observed, principalId: string): { phrase: string; ref: PrincipalRef } | null {
  const id = principalId.toLowerCase();
  const user = world.data.users[id];
  if (user) return { phrase: user.userPrincipalName, ref: { kind: 'user', userPrincipalName: user.userPrincipalName } };
  const group = world.data.groups[id];
  if (group) return { phrase: `group ${group.displayName}`, ref: { kind: 'group', displayName: group.displayName } };
  const sp = world.data.servicePrincipals[id];
  const owner = sp ? { resourceId: sp.managedIdentityResourceId, system: sp.identityType === 'SystemAssigned' } : seen.owners.get(id);
  const ref = owner ? resourceRef(owner.resourceId) : null;
  if (!owner || !ref || ref.child) return null;
  // Its resource has had another principal, or none, since (an orphaned assignment): a lookup by
  // name would find the wrong one.
  const current = seen.principals.get(owner.resourceId.toLowerCase());
  if (current !== undefined && current !== id) return null;
  return { phrase: owner.system ? `${ref.name}'s identity` : `the identity ${ref.name}`, ref: { kind: 'managedIdentity', owner: ref, system: owner.system } };
}

function roleAssignmentChange(world: World, seen: Observed, verb: 'create' | 'delete', a: Assignment): Outcome {
  const role = findRoleDefinition(world, a.roleDefinitionId)?.roleName;
  const principal = principalOf(world, seen, a.principalId);
  const scope = scopeRef(a.scope);
  if (!role || !principal || !scope) return null;
  const where = scopeLabel(world, a.scope).phrase;
  return {
    description: verb === 'create' ? `Give ${principal.phrase} ${role} on ${where}.` : `Take ${role} on ${where} away from ${principal.phrase}.`,
    change: { kind: verb === 'create' ? 'role.create' : 'role.delete', role, principal: principal.ref, scope },
  };
}
