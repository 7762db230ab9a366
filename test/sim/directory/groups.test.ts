import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addGroupMember, createGroup, createUser, groupsOf, quickstartWorld, removeGroupMember, type World } from '../../../src/sim/index';

function group(world: World, name: string, members: string[] = []) {
  const g = createGroup(world, { displayName: name, members });
  if (!g.ok) throw new Error(g.error.message);
  return g.value.objectId;
}

describe('group membership', () => {
  it('is transitive', () => {
    const { world, adminObjectId } = quickstartWorld();
    const a = group(world, 'a', [adminObjectId]);
    const b = group(world, 'b', [a]);
    const c = group(world, 'c', [b]);
    group(world, 'unrelated');
    expect(groupsOf(world, adminObjectId)).toEqual([a, b, c].sort());
    expect(groupsOf(world, a)).toEqual([b, c].sort());
  });

  it('cycles terminate and never include the object itself', () => {
    const { world, adminObjectId } = quickstartWorld();
    const a = group(world, 'a', [adminObjectId]);
    const b = group(world, 'b', [a]);
    addGroupMember(world, a, b);
    addGroupMember(world, a, a);
    expect(groupsOf(world, adminObjectId)).toEqual([a, b].sort());
    expect(groupsOf(world, a)).toEqual([b]);
  });

  it('reflects membership changes (the directory view; tokens keep theirs)', () => {
    const { world, adminObjectId } = quickstartWorld();
    const a = group(world, 'a');
    expect(groupsOf(world, adminObjectId)).toEqual([]);
    addGroupMember(world, a, adminObjectId);
    expect(groupsOf(world, adminObjectId)).toEqual([a]);
    removeGroupMember(world, a, adminObjectId);
    expect(groupsOf(world, adminObjectId)).toEqual([]);
  });

  it('equals plain graph reachability on random membership graphs, cycles included (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.tuple(fc.nat(8), fc.nat(8)), { maxLength: 30 }), (n, edges) => {
        const { world, adminObjectId } = quickstartWorld();
        const ids = Array.from({ length: n }, (_, i) => group(world, `g${i}`));
        const nodes = [adminObjectId, ...ids];
        for (const [from, to] of edges) {
          // edge: nodes[from] is a member of group ids[to]
          const member = nodes[from % nodes.length]!;
          const g = ids[to % ids.length]!;
          addGroupMember(world, g, member);
        }
        // Reference: BFS over "member of" edges.
        const memberOf = new Map<string, string[]>();
        for (const id of ids) for (const m of world.data.groups[id]!.members) memberOf.set(m, [...(memberOf.get(m) ?? []), id]);
        const seen = new Set<string>();
        const queue = [adminObjectId];
        while (queue.length) for (const p of memberOf.get(queue.shift()!) ?? []) if (!seen.has(p)) { seen.add(p); queue.push(p); }
        seen.delete(adminObjectId);
        expect(groupsOf(world, adminObjectId)).toEqual([...seen].sort());
      }),
      { numRuns: 100 },
    );
  });

  it.each([
    ['an empty group name', (w: World) => createGroup(w, { displayName: '  ' }), 'InvalidParameter'],
    ['a member that is not a GUID', (w: World) => createGroup(w, { displayName: 'x', members: ['bob'] }), 'InvalidParameter'],
    ['adding to a missing group', (w: World) => addGroupMember(w, '00000000-0000-4000-8000-000000000000', '00000000-0000-4000-8000-000000000001'), 'GroupNotFound'],
    ['a malformed UPN', (w: World) => createUser(w, { userPrincipalName: 'no-at-sign' }), 'InvalidParameter'],
    ['a duplicate UPN', (w: World) => createUser(w, { userPrincipalName: 'ADMIN@contoso.onmicrosoft.com' }), 'ResourceAlreadyExists'],
  ] as const)('rejects %s', (_n, op, code) => {
    const { world } = quickstartWorld();
    const r = op(world);
    expect(r.ok === false && r.error.code).toBe(code);
  });
});
