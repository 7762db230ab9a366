import { describe, expect, it } from 'vitest';
import {
  createUserAssignedIdentity,
  patchVmIdentity,
  quickstartWorld,
  type VmIdentityPatch,
} from '../../../src/sim/index';

/** A quickstart world with two user-assigned identities, ID1 and ID2, and helpers to read the Linux VM. */
function setup() {
  const q = quickstartWorld();
  const make = (name: string) => {
    const r = createUserAssignedIdentity(q.world, { subscriptionId: q.subscriptionId, resourceGroup: 'myResourceGroup', name, location: 'eastus' });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.identity.id;
  };
  const ID1 = make('ID1');
  const ID2 = make('ID2');
  const vm = () => q.world.data.virtualMachines[q.linuxVmId.toLowerCase()]!;
  const shape = () => {
    const id = vm().identity;
    if (!id) return 'none';
    return `${id.type}|${Object.keys(id.userAssignedIdentities ?? {}).map((k) => k.split('/').pop()).sort().join(',')}`;
  };
  const patch = (p: VmIdentityPatch | null) => patchVmIdentity(q.world, q.linuxVmId, p);
  return { ...q, ID1, ID2, vm, shape, patch };
}

type Step = (ids: { ID1: string; ID2: string }) => VmIdentityPatch | null;

// Each row: PATCHes applied in order, then the expected `type|user-assigned names` (rbac-arm.md §3.2 / E4).
const cases: [string, Step[], string][] = [
  ['SystemAssigned enables system-assigned', [() => ({ type: 'SystemAssigned' })], 'SystemAssigned|'],
  ['UserAssigned with {} attaches', [({ ID1 }) => ({ type: 'UserAssigned', userAssignedIdentities: { [ID1]: {} } })], 'UserAssigned|ID1'],
  [
    '"SystemAssigned, UserAssigned" gives both (Compute spelling)',
    [({ ID1 }) => ({ type: 'SystemAssigned, UserAssigned', userAssignedIdentities: { [ID1]: {} } })],
    'SystemAssigned, UserAssigned|ID1',
  ],
  [
    '"SystemAssigned,UserAssigned" (common-types spelling) is accepted and echoed in Compute spelling',
    [({ ID1 }) => ({ type: 'SystemAssigned,UserAssigned', userAssignedIdentities: { [ID1]: {} } })],
    'SystemAssigned, UserAssigned|ID1',
  ],
  [
    'the map merges: adding ID2 keeps ID1',
    [({ ID1 }) => ({ type: 'UserAssigned', userAssignedIdentities: { [ID1]: {} } }), ({ ID2 }) => ({ type: 'UserAssigned', userAssignedIdentities: { [ID2]: {} } })],
    'UserAssigned|ID1,ID2',
  ],
  [
    'null removes one user-assigned entry',
    [
      ({ ID1, ID2 }) => ({ type: 'UserAssigned', userAssignedIdentities: { [ID1]: {}, [ID2]: {} } }),
      ({ ID2 }) => ({ type: 'UserAssigned', userAssignedIdentities: { [ID2]: null } }),
    ],
    'UserAssigned|ID1',
  ],
  [
    'type SystemAssigned drops all user-assigned identities',
    [({ ID1 }) => ({ type: 'UserAssigned', userAssignedIdentities: { [ID1]: {} } }), () => ({ type: 'SystemAssigned' })],
    'SystemAssigned|',
  ],
  [
    'None removes everything',
    [({ ID1 }) => ({ type: 'SystemAssigned, UserAssigned', userAssignedIdentities: { [ID1]: {} } }), () => ({ type: 'None' })],
    'none',
  ],
  ['identity: null (merge-patch delete) is None', [() => ({ type: 'SystemAssigned' }), () => null], 'none'],
  [
    'keys match case-insensitively',
    [({ ID1 }) => ({ type: 'UserAssigned', userAssignedIdentities: { [ID1]: {} } }), ({ ID1 }) => ({ type: 'UserAssigned', userAssignedIdentities: { [ID1.toUpperCase()]: {} } })],
    'UserAssigned|ID1',
  ],
];

describe('PATCH identity semantics', () => {
  it.each(cases)('%s', (_name, steps, expected) => {
    const s = setup();
    for (const step of steps) {
      const r = s.patch(step({ ID1: s.ID1, ID2: s.ID2 }));
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
    expect(s.shape()).toBe(expected);
  });

  it('a repeated PATCH is a no-op: same principal, no feed entries', () => {
    const s = setup();
    s.patch({ type: 'SystemAssigned' });
    const principal = s.vm().identity!.principalId;
    const seen: string[] = [];
    s.world.subscribe((e) => seen.push(e.type));
    expect(s.patch({ type: 'SystemAssigned' }).ok).toBe(true);
    expect(s.vm().identity!.principalId).toBe(principal);
    expect(seen).toEqual([]);
  });

  it('wire form for both kinds: principalId/tenantId at top level, user entries as {principalId, clientId}', () => {
    const s = setup();
    s.patch({ type: 'SystemAssigned, UserAssigned', userAssignedIdentities: { [s.ID1]: {} } });
    const id = s.vm().identity!;
    const ua = s.world.data.userAssignedIdentities[s.ID1.toLowerCase()]!;
    expect(id).toEqual({
      type: 'SystemAssigned, UserAssigned',
      principalId: expect.any(String),
      tenantId: s.world.tenantId,
      userAssignedIdentities: { [s.ID1]: { principalId: ua.properties.principalId, clientId: ua.properties.clientId } },
    });
  });

  const bad: [string, (ids: { ID1: string }) => unknown, string][] = [
    ['an unknown type', () => ({ type: 'ManagedIdentity' }), 'InvalidIdentityType'],
    ['a repeated type', () => ({ type: 'SystemAssigned, SystemAssigned' }), 'InvalidIdentityType'],
    ['a missing type', () => ({}), 'InvalidIdentityType'],
    ['UserAssigned left with no identities', ({ ID1 }) => ({ type: 'UserAssigned', userAssignedIdentities: { [ID1]: null } }), 'InvalidParameter'],
    ['an identity that does not exist', ({ ID1 }) => ({ type: 'UserAssigned', userAssignedIdentities: { [ID1.replace('ID1', 'ghost')]: {} } }), 'FailedIdentityOperation'],
    ['a key that is not an identity id', () => ({ type: 'UserAssigned', userAssignedIdentities: { '/subscriptions/x': {} } }), 'InvalidParameter'],
    ['a value that is neither {} nor null', ({ ID1 }) => ({ type: 'UserAssigned', userAssignedIdentities: { [ID1]: 'yes' } }), 'InvalidParameter'],
    ['user entries with type SystemAssigned', ({ ID1 }) => ({ type: 'SystemAssigned', userAssignedIdentities: { [ID1]: {} } }), 'InvalidParameter'],
    ['an array', () => [], 'InvalidParameter'],
  ];

  it.each(bad)('rejects %s with a named error and changes nothing', (_name, make, code) => {
    const s = setup();
    s.patch({ type: 'SystemAssigned, UserAssigned', userAssignedIdentities: { [s.ID1]: {} } });
    const before = JSON.stringify(s.world.data);
    const r = s.patch(make({ ID1: s.ID1 }) as VmIdentityPatch);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message.length).toBeGreaterThan(10);
    }
    expect(JSON.stringify(s.world.data)).toBe(before);
  });
});
