/**
 * Users and groups. Membership is transitive (rbac-arm.md §1.1): a member of a group that is in a
 * group holding an assignment gets that assignment. Membership graphs may contain cycles; the
 * closure walk visits each group once, so cycles cannot hang it.
 */
import { errors, ok, type Result } from '../errors';
import { guid, isGuid } from '../ids';
import type { Group, User } from '../world/schema';
import type { World } from '../world/world';
import * as v from 'valibot';
import { parseInput, requireStrings, show } from '../input';

interface MembershipIndex {
  rbacRevision: number;
  /** member object id → ids of groups that list it directly. */
  parents: Map<string, string[]>;
  closures: Map<string, readonly string[]>;
}

const indexes = new WeakMap<World, MembershipIndex>();

function membershipIndex(world: World): MembershipIndex {
  const cached = indexes.get(world);
  if (cached && cached.rbacRevision === world.rbacRevision) return cached;
  const parents = new Map<string, string[]>();
  for (const g of Object.values(world.data.groups)) {
    for (const m of g.members) {
      const key = m.toLowerCase();
      const list = parents.get(key);
      if (list) list.push(g.objectId);
      else parents.set(key, [g.objectId]);
    }
  }
  const fresh = { rbacRevision: world.rbacRevision, parents, closures: new Map() };
  indexes.set(world, fresh);
  return fresh;
}

/** The transitive set of groups `objectId` belongs to (never includes the object itself). */
export function groupsOf(world: World, objectId: string): readonly string[] {
  if (typeof objectId !== 'string') return [];
  const index = membershipIndex(world);
  const key = objectId.toLowerCase();
  const cached = index.closures.get(key);
  if (cached) return cached;
  const seen = new Set<string>();
  const stack = [key];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const parent of index.parents.get(current) ?? []) {
      if (seen.has(parent)) continue;
      seen.add(parent);
      stack.push(parent);
    }
  }
  seen.delete(key);
  const closure = [...seen].sort();
  index.closures.set(key, closure);
  return closure;
}

export function createUser(
  world: World,
  input: { userPrincipalName: string; displayName?: string; givenName?: string; surname?: string },
): Result<User> {
  const checked = parseInput(
    v.object({ userPrincipalName: v.unknown(), displayName: v.optional(v.string()), givenName: v.optional(v.string()), surname: v.optional(v.string()) }),
    input,
    'user',
  );
  if (!checked.ok) return checked;
  const upn = input.userPrincipalName;
  if (typeof upn !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(upn)) {
    return errors.invalidParameter(`'${show(upn)}' is not a valid user principal name (name@domain).`);
  }
  if (findUserByUpn(world, upn)) return errors.resourceExists('user', upn);
  const [given = '', surname = ''] = (input.displayName ?? '').split(' ');
  const user: User = {
    objectId: guid(world.rng),
    userPrincipalName: upn,
    displayName: input.displayName ?? upn.split('@')[0]!,
    givenName: input.givenName ?? given,
    surname: input.surname ?? surname,
  };
  world.data.users[user.objectId] = user;
  world.commit([{ type: 'user.created', objectId: user.objectId, userPrincipalName: upn }]);
  return ok(user);
}

export function findUserByUpn(world: World, upn: string): User | null {
  if (typeof upn !== 'string') return null;
  const want = upn.toLowerCase();
  return Object.values(world.data.users).find((u) => u.userPrincipalName.toLowerCase() === want) ?? null;
}

export function createGroup(world: World, input: { displayName: string; members?: string[] }): Result<Group> {
  const checked = parseInput(v.object({ displayName: v.unknown(), members: v.optional(v.array(v.unknown())) }), input, 'group');
  if (!checked.ok) return checked;
  if (typeof input.displayName !== 'string' || input.displayName.trim() === '') {
    return errors.invalidParameter('A group needs a non-empty displayName.');
  }
  const members = input.members ?? [];
  for (const m of members) {
    if (!isGuid(m)) return errors.invalidParameter(`Group member '${show(m)}' is not an object id (GUID).`);
  }
  const group: Group = { objectId: guid(world.rng), displayName: input.displayName, members: members.map((m) => m.toLowerCase()) };
  world.data.groups[group.objectId] = group;
  world.commit([{ type: 'group.created', objectId: group.objectId, displayName: group.displayName }], { rbac: true });
  return ok(group);
}

/**
 * Adds a member. A managed identity sees the change only in its next token: its cached token
 * still carries the old closure (imds.md §3.3), because RBAC reads `groups` from the token.
 */
export function addGroupMember(world: World, groupId: string, memberId: string): Result<Group> {
  const args = requireStrings({ groupId, memberId });
  if (!args.ok) return args;
  const group = world.data.groups[groupId.toLowerCase()];
  if (!group) return errors.groupNotFound(groupId);
  if (!isGuid(memberId)) return errors.invalidParameter(`Group member '${show(memberId)}' is not an object id (GUID).`);
  const member = memberId.toLowerCase();
  if (!group.members.includes(member)) {
    group.members.push(member);
    world.commit([{ type: 'group.memberAdded', groupId: group.objectId, memberId: member }], { rbac: true });
  }
  return ok(group);
}

export function removeGroupMember(world: World, groupId: string, memberId: string): Result<Group> {
  const args = requireStrings({ groupId, memberId });
  if (!args.ok) return args;
  const group = world.data.groups[groupId.toLowerCase()];
  if (!group) return errors.groupNotFound(groupId);
  const member = memberId.toLowerCase();
  const at = group.members.indexOf(member);
  if (at >= 0) {
    group.members.splice(at, 1);
    world.commit([{ type: 'group.memberRemoved', groupId: group.objectId, memberId: member }], { rbac: true });
  }
  return ok(group);
}
