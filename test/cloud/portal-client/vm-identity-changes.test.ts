import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addUserAssigned, identityFacts, removeUserAssigned, setSystemAssigned, type VmIdentityFacts } from '../../../src/cloud/portal-client/vm-identity-changes';
import type { VmIdentity, VmIdentityPatchBody } from '../../../src/cloud/portal-client/arm-types';

const UA1 = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/one';
const UA2 = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/two';
const facts = (systemAssigned: boolean, userAssigned: string[] = []): VmIdentityFacts => ({ systemAssigned, userAssigned });

describe('identityFacts reads Compute’s identity block', () => {
  it.each<[string, VmIdentity | undefined, VmIdentityFacts]>([
    ['no identity', undefined, facts(false)],
    ['SystemAssigned', { type: 'SystemAssigned', principalId: 'p' }, facts(true)],
    ['UserAssigned', { type: 'UserAssigned', userAssignedIdentities: { [UA1]: {} } }, facts(false, [UA1])],
    ['Compute’s combined spelling', { type: 'SystemAssigned, UserAssigned', userAssignedIdentities: { [UA1]: {} } }, facts(true, [UA1])],
    ['common-types’ combined spelling', { type: 'SystemAssigned,UserAssigned', userAssignedIdentities: { [UA2]: {} } }, facts(true, [UA2])],
    ['None', { type: 'None' }, facts(false)],
  ])('%s', (_label, identity, expected) => {
    expect(identityFacts(identity)).toEqual(expected);
  });
});

describe('PATCH bodies the Identity blade sends (rbac-arm.md §3.2)', () => {
  it.each<[string, VmIdentityPatchBody, VmIdentityPatchBody]>([
    ['enable with nothing attached', setSystemAssigned(facts(false), true), { identity: { type: 'SystemAssigned' } }],
    ['disable the only identity', setSystemAssigned(facts(true), false), { identity: { type: 'None' } }],
    [
      'enable keeps attached user-assigned identities (a bare SystemAssigned would drop them)',
      setSystemAssigned(facts(false, [UA1]), true),
      { identity: { type: 'SystemAssigned, UserAssigned', userAssignedIdentities: { [UA1]: {} } } },
    ],
    ['disable keeps user-assigned', setSystemAssigned(facts(true, [UA1]), false), { identity: { type: 'UserAssigned', userAssignedIdentities: { [UA1]: {} } } }],
    ['add the first user-assigned', addUserAssigned(facts(false), [UA1]), { identity: { type: 'UserAssigned', userAssignedIdentities: { [UA1]: {} } } }],
    [
      'add next to system-assigned',
      addUserAssigned(facts(true, [UA1]), [UA2]),
      { identity: { type: 'SystemAssigned, UserAssigned', userAssignedIdentities: { [UA1]: {}, [UA2]: {} } } },
    ],
    ['remove one of two with a null entry', removeUserAssigned(facts(false, [UA1, UA2]), [UA2]), { identity: { type: 'UserAssigned', userAssignedIdentities: { [UA2]: null } } }],
    ['remove the last, system-assigned stays', removeUserAssigned(facts(true, [UA1]), [UA1]), { identity: { type: 'SystemAssigned' } }],
    ['remove the last identity of all', removeUserAssigned(facts(false, [UA1]), [UA1.toUpperCase()]), { identity: { type: 'None' } }],
  ])('%s', (_label, actual, expected) => {
    expect(actual).toEqual(expected);
  });
});

/** What Compute ends up with after applying a PATCH body (the handler's semantics, modelled). */
function apply(current: VmIdentityFacts, body: VmIdentityPatchBody): VmIdentityFacts {
  const type = body.identity.type;
  if (type === 'None') return facts(false);
  const system = type.startsWith('SystemAssigned');
  if (!type.includes('UserAssigned')) return facts(system);
  const map = body.identity.userAssignedIdentities ?? {};
  const kept = current.userAssigned.filter((id) => !Object.entries(map).some(([k, v]) => v === null && k.toLowerCase() === id.toLowerCase()));
  const added = Object.entries(map)
    .filter(([k, v]) => v !== null && !kept.some((x) => x.toLowerCase() === k.toLowerCase()))
    .map(([k]) => k);
  return facts(system, [...kept, ...added]);
}

const idArb = fc.constantFrom(UA1, UA2, `${UA1}x`, `${UA2}y`, UA1.toUpperCase());
const factsArb = fc.record({ systemAssigned: fc.boolean(), userAssigned: fc.uniqueArray(idArb, { selector: (s) => s.toLowerCase(), maxLength: 4 }) });
const setOf = (ids: string[]) => new Set(ids.map((i) => i.toLowerCase()));

describe('identity PATCH laws', () => {
  it('switching system-assigned never changes the user-assigned set', () => {
    fc.assert(
      fc.property(factsArb, fc.boolean(), (current, on) => {
        const after = apply(current, setSystemAssigned(current, on));
        expect(after.systemAssigned).toBe(on);
        expect(setOf(after.userAssigned)).toEqual(setOf(current.userAssigned));
      }),
    );
  });

  it('adding then removing the same identities gives back the start (system-assigned untouched)', () => {
    fc.assert(
      fc.property(factsArb, fc.array(idArb, { minLength: 1, maxLength: 3 }), (current, ids) => {
        const fresh = ids.filter((id) => !setOf(current.userAssigned).has(id.toLowerCase()));
        const added = apply(current, addUserAssigned(current, fresh));
        expect(added.systemAssigned).toBe(current.systemAssigned);
        const back = apply(added, removeUserAssigned(added, fresh));
        expect(setOf(back.userAssigned)).toEqual(setOf(current.userAssigned));
        expect(back.systemAssigned).toBe(current.systemAssigned);
      }),
    );
  });

  it('every body spells the combined type the Compute way', () => {
    fc.assert(
      fc.property(factsArb, fc.boolean(), fc.array(idArb, { maxLength: 2 }), (current, on, ids) => {
        for (const body of [setSystemAssigned(current, on), addUserAssigned(current, ids), removeUserAssigned(current, ids)]) {
          expect(['None', 'SystemAssigned', 'UserAssigned', 'SystemAssigned, UserAssigned']).toContain(body.identity.type);
          if (body.identity.type === 'None' || body.identity.type === 'SystemAssigned') expect(body.identity.userAssignedIdentities).toBeUndefined();
        }
      }),
    );
  });
});
