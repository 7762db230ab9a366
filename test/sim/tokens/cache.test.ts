import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeJwt } from 'jose';
import {
  addGroupMember,
  advanceClock,
  CACHE_REFRESH_MARGIN_S,
  createGroup,
  createRoleAssignment,
  disableSystemAssigned,
  enableSystemAssigned,
  evaluate,
  quickstartWorld,
  rbac,
  requestImdsToken,
  validateToken,
} from '../../../src/sim/index';

const ARM = 'https://management.azure.com/';

function setup() {
  const q = quickstartWorld();
  const on = enableSystemAssigned(q.world, q.linuxVmId);
  if (!on.ok) throw new Error();
  const get = async (opts: { resource?: string; bypassCache?: boolean } = {}) => {
    const t = await requestImdsToken(q.world, { vm: q.linuxVmId, resource: opts.resource ?? ARM, bypassCache: opts.bypassCache ?? false });
    if (!t.ok) throw new Error(t.error.message);
    return t.value;
  };
  return { ...q, principalId: on.value.identity!.principalId!, get };
}

describe('IMDS token cache', () => {
  it('serves the same token with expires_in counting down on the simulated clock', async () => {
    const { world, get } = setup();
    const first = await get();
    advanceClock(world, 67_000);
    const second = await get();
    expect(second.fromCache).toBe(true);
    expect(second.record.jwt).toBe(first.record.jwt);
    expect(second.expiresIn).toBe(86_400 - 67);
    expect(second.expiresOn).toBe(first.expiresOn);
    expect(world.events().at(-1)).toMatchObject({ type: 'token.issued', fromCache: true, uti: first.record.uti });
  });

  it('is keyed by the resource string exactly: with and without the trailing slash are separate tokens', async () => {
    const { get } = setup();
    const a = await get({ resource: 'https://management.azure.com/' });
    const b = await get({ resource: 'https://management.azure.com' });
    expect(b.fromCache).toBe(false);
    expect(b.record.uti).not.toBe(a.record.uti);
  });

  it('bypass_cache mints a new token and the cache then serves that one', async () => {
    const { get } = setup();
    const a = await get();
    const b = await get({ bypassCache: true });
    expect(b.fromCache).toBe(false);
    expect(b.record.uti).not.toBe(a.record.uti);
    const c = await get();
    expect(c.record.uti).toBe(b.record.uti);
  });

  it('refreshes once less than the margin is left', async () => {
    const { world, get } = setup();
    const a = await get();
    advanceClock(world, (86_400 - CACHE_REFRESH_MARGIN_S - 1) * 1000);
    expect((await get()).record.uti).toBe(a.record.uti);
    advanceClock(world, 1000);
    const fresh = await get();
    expect(fresh.record.uti).not.toBe(a.record.uti);
    expect(fresh.expiresIn).toBe(86_400);
  });

  it('a new principal (disable → enable) never gets the old cached token', async () => {
    const { world, linuxVmId, get } = setup();
    const a = await get();
    disableSystemAssigned(world, linuxVmId);
    enableSystemAssigned(world, linuxVmId);
    const b = await get();
    expect(b.fromCache).toBe(false);
    expect(decodeJwt(b.record.jwt).oid).not.toBe(decodeJwt(a.record.jwt).oid);
  });

  it('group membership reaches the identity only with a new token (RBAC uses the token groups)', async () => {
    const { world, get, principalId, resourceGroupId } = setup();
    const group = createGroup(world, { displayName: 'readers' });
    if (!group.ok) throw new Error();
    createRoleAssignment(world, {
      name: '22222222-2222-4222-8222-222222222222',
      scope: resourceGroupId,
      roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${rbac.BUILT_IN_ROLE_IDS.reader}`,
      principalId: group.value.objectId,
      principalType: 'Group',
    });
    const before = await get();
    addGroupMember(world, group.value.objectId, principalId);

    const decide = async (jwt: string) => {
      const v = await validateToken(world, jwt);
      if (!v.ok) throw new Error(v.reason);
      return evaluate(world, { principal: v.principalId, groups: v.groups, action: 'Microsoft.Resources/subscriptions/resourceGroups/read', isDataAction: false, scope: resourceGroupId });
    };
    const cached = await get();
    expect(cached.record.uti).toBe(before.record.uti);
    expect((await decide(cached.record.jwt)).allowed).toBe(false);
    const fresh = await get({ bypassCache: true });
    expect(decodeJwt(fresh.record.jwt).groups).toEqual([group.value.objectId]);
    expect((await decide(fresh.record.jwt)).allowed).toBe(true);
  });
});

describe('IMDS cache laws (property)', () => {
  it('a hit is served iff the last token has more than the margin left and no bypass; expires_in = exp − now', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ advanceS: fc.integer({ min: 0, max: 30_000 }), bypass: fc.boolean() }), { minLength: 1, maxLength: 12 }),
        async (steps) => {
          const { world, get } = setup();
          let last: { exp: number; uti: string } | null = null;
          for (const s of steps) {
            advanceClock(world, s.advanceS * 1000);
            const t = await get({ bypassCache: s.bypass });
            const now = Math.floor(world.now() / 1000);
            const shouldHit = !s.bypass && last !== null && last.exp - now > CACHE_REFRESH_MARGIN_S;
            expect(t.fromCache).toBe(shouldHit);
            if (shouldHit) expect(t.record.uti).toBe(last!.uti);
            expect(t.expiresIn).toBe(t.expiresOn - now);
            last = { exp: t.expiresOn, uti: t.record.uti };
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
