/**
 * RBAC decision speed on realistic worlds: a subscription under a management-group chain, hundreds
 * of resource groups, thousands of resources, thousands of principals in nested groups, and 10,000
 * or 100,000 role assignments spread over subscription, resource-group and resource scopes.
 * Budget (docs/design): median ≤ 20 µs per decision at 10,000 assignments.
 */
import { expect, test } from 'vitest';
import { builtInRoles, createRbacIndex, evaluateIndexed, type AccessRequest, type RbacData, type RoleAssignment } from '../src/sim/rbac';
import { measure, record } from './harness';

/** Small deterministic PRNG so every run measures the same world. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MG = '/providers/Microsoft.Management/managementGroups/contoso';
const ACTIONS = [
  ['Microsoft.Compute/virtualMachines/read', false],
  ['Microsoft.Compute/virtualMachines/write', false],
  ['Microsoft.Resources/subscriptions/resourceGroups/read', false],
  ['Microsoft.ManagedIdentity/userAssignedIdentities/assign/action', false],
  ['Microsoft.Authorization/roleAssignments/write', false],
  ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read', true],
  ['Microsoft.KeyVault/vaults/secrets/getSecret/action', true],
] as const;
const TYPES = [
  'Microsoft.Compute/virtualMachines',
  'Microsoft.Storage/storageAccounts',
  'Microsoft.KeyVault/vaults',
  'Microsoft.ManagedIdentity/userAssignedIdentities',
  'Microsoft.Network/networkInterfaces',
];

function buildWorld(assignments: number) {
  const rand = rng(assignments);
  const pickOf = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const scale = assignments / 10_000;
  const subs = Array.from({ length: Math.max(1, Math.round(scale)) }, (_, i) => `/subscriptions/00000000-0000-0000-0000-${String(i).padStart(12, '0')}`);
  const rgs = subs.flatMap((s) => Array.from({ length: 300 }, (_, i) => `${s}/resourceGroups/rg-${i}`));
  const resources = rgs.flatMap((rg) => Array.from({ length: 10 }, (_, i) => `${rg}/providers/${TYPES[i % TYPES.length]}/res-${i}`));
  const users = Array.from({ length: Math.round(3000 * scale) }, (_, i) => `user-${i}`);
  const groups = Array.from({ length: Math.round(300 * scale) }, (_, i) => `group-${i}`);
  const identities = Array.from({ length: Math.round(1000 * scale) }, (_, i) => `mi-${i}`);
  const principals = [...users, ...groups, ...identities];
  // Each user is in a few groups, some of them nested one level deeper: the closure is precomputed, as the directory would.
  const closure = new Map<string, string[]>();
  for (const u of users) {
    const direct = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pickOf(groups));
    closure.set(u, [...new Set([...direct, ...direct.map((g) => `group-${(Number(g.slice(6)) + 1) % groups.length}`)])]);
  }
  const roles = builtInRoles.map((r) => r.name);
  const roleAssignments: RoleAssignment[] = [];
  for (let i = 0; i < assignments; i++) {
    const r = rand();
    const scope = r < 0.05 ? pickOf(subs) : r < 0.4 ? pickOf(rgs) : pickOf(resources);
    const principal = pickOf(principals);
    roleAssignments.push({
      name: `ra-${i}`,
      scope,
      roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${pickOf(roles)}`,
      principalId: principal,
      principalType: principal.startsWith('group') ? 'Group' : principal.startsWith('mi') ? 'ServicePrincipal' : 'User',
      createdOn: '2026-01-01T00:00:00Z',
      effectiveFrom: 0,
      removedAt: null,
    });
  }
  const data: RbacData = {
    roleDefinitions: builtInRoles,
    roleAssignments,
    denyAssignments: [],
    groupsOf: (p) => closure.get(p) ?? [],
  };
  const requests: AccessRequest[] = Array.from({ length: 2000 }, () => {
    const [action, isDataAction] = pickOf(ACTIONS);
    return { principal: pickOf([...users.slice(0, 500), ...identities.slice(0, 200)]), action, isDataAction, scope: pickOf(resources), at: 1 };
  });
  return { data, requests, parentOf: (s: string) => (s.startsWith('/subscriptions/') ? MG : undefined) };
}

const BATCH = 50;

for (const [size, label] of [
  [10_000, '10k'],
  [100_000, '100k'],
] as const) {
  test(`RBAC decision with ${label} role assignments`, async () => {
    const { data, requests, parentOf } = buildWorld(size);
    const t0 = performance.now();
    const index = createRbacIndex(data, { parentOf });
    const buildMs = performance.now() - t0;
    let i = 0;
    let allowed = 0;
    const m = await measure(
      () => {
        for (let k = 0; k < BATCH; k++) {
          if (evaluateIndexed(index, requests[i++ % requests.length] as AccessRequest).allowed) allowed++;
        }
      },
      { iterations: 1000, warmup: 200 },
    );
    // The world must be realistic enough that some requests are allowed and most are not.
    expect(allowed).toBeGreaterThan(0);
    record(`rbac.decision.${label}.median_us`, (m.median / BATCH) * 1000);
    record(`rbac.decision.${label}.p95_us`, (m.p95 / BATCH) * 1000);
    record(`rbac.index_build.${label}.ms`, buildMs);
  });
}
