import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesAction, wildcardCount } from '../../../src/sim/rbac';

describe('matchesAction (spec §1.3, §7.2)', () => {
  it.each([
    // The four cases the checklist asks for.
    ['Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action', 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action', true],
    ['Microsoft.KeyVault/vaults/*/read', 'Microsoft.KeyVault/vaults/read', true],
    ['*/read', 'Microsoft.Resources/subscriptions/resourcegroups/read', true],
    ['Microsoft.Authorization/*/Write', 'microsoft.authorization/roleassignments/write', true],
    // Interior /*/ also matches one or more segments.
    ['Microsoft.KeyVault/vaults/*/read', 'Microsoft.KeyVault/vaults/secrets/read', true],
    ['Microsoft.KeyVault/vaults/*/read', 'Microsoft.KeyVault/vaults/keys/versions/read', true],
    ['Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action', 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/assign/action', true],
    ['Microsoft.KeyVault/vaults/*/read', 'Microsoft.KeyVault/vaults/write', false],
    ['Microsoft.KeyVault/vaults/*/read', 'Microsoft.KeyVault/vaultsX/read', false],
    ['Microsoft.KeyVault/vaults/*/read', 'Microsoft.KeyVault/deletedVaults/read', false],
    // Documented examples (S2).
    ['*/read', 'Microsoft.Compute/virtualMachines/read', true],
    ['*/read', 'Microsoft.Compute/virtualMachines/write', false],
    ['*/read', 'read', true],
    ['Microsoft.Compute/*', 'Microsoft.Compute/virtualMachines/start/action', true],
    ['Microsoft.Compute/*', 'Microsoft.Network/virtualNetworks/read', false],
    ['Microsoft.Compute/*', 'Microsoft.ComputeSchedule/actions/read', false],
    ['Microsoft.Network/*/read', 'Microsoft.Network/virtualNetworks/subnets/read', true],
    ['Microsoft.Network/*/read', 'Microsoft.Network/virtualNetworks/write', false],
    ['Microsoft.Compute/virtualMachines/*', 'Microsoft.Compute/virtualMachines/extensions/write', true],
    ['Microsoft.Compute/virtualMachines/*', 'Microsoft.Compute/virtualMachineScaleSets/read', false],
    ['microsoft.web/sites/restart/Action', 'Microsoft.Web/sites/restart/action', true],
    ['*', 'Microsoft.Anything/at/all/action', true],
    // CostManagement exports/* expands to five actions (S2, S3).
    ['Microsoft.CostManagement/exports/*', 'Microsoft.CostManagement/exports/run/action', true],
    ['Microsoft.CostManagement/exports/*', 'Microsoft.CostManagement/exports', false],
    // Multiple wildcards still evaluate (only custom-role creation limits them).
    ['Microsoft.CostManagement/*/query/*', 'Microsoft.CostManagement/query/action', true],
    ['Microsoft.CostManagement/*/query/*', 'Microsoft.CostManagement/billingAccounts/query/read', true],
    ['Microsoft.CostManagement/*/query/*', 'Microsoft.CostManagement/billingAccounts/forecast/read', false],
    // Regex metacharacters are literal.
    ['Microsoft.Compute/virtualMachines/read', 'MicrosoftXCompute/virtualMachines/read', false],
    ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*', 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags/read', true],
  ])('%s covers %s: %s', (pattern, action, expected) => {
    expect(matchesAction(pattern, action)).toBe(expected);
  });

  const segment = fc.stringMatching(/^[A-Za-z][A-Za-z0-9.]{0,8}$/);
  const action = fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => s.join('/'));
  const flipCase = (s: string, mask: number[]) =>
    [...s].map((c, i) => ((mask[i % mask.length] ?? 0) % 2 ? c.toUpperCase() : c.toLowerCase())).join('');

  it('a pattern without wildcards matches exactly itself, whatever the casing', () => {
    fc.assert(
      fc.property(action, action, fc.array(fc.nat(), { minLength: 1 }), (a, b, mask) => {
        expect(matchesAction(a, flipCase(a, mask))).toBe(true);
        expect(matchesAction(a, b)).toBe(a.toLowerCase() === b.toLowerCase());
      }),
    );
  });

  it('"*" matches every action; "prefix/*" every action below the prefix', () => {
    fc.assert(
      fc.property(action, action, (prefix, rest) => {
        expect(matchesAction('*', rest)).toBe(true);
        expect(matchesAction(`${prefix}/*`, `${prefix}/${rest}`)).toBe(true);
      }),
    );
  });

  it('an interior /*/ matches zero or more whole segments', () => {
    fc.assert(
      fc.property(action, fc.array(segment, { maxLength: 3 }), action, (head, middle, tail) => {
        const target = [head, ...middle, tail].join('/');
        expect(matchesAction(`${head}/*/${tail}`, target)).toBe(true);
      }),
    );
  });

  it('matching is case-insensitive on both sides', () => {
    const pattern = fc.array(fc.oneof(segment, fc.constant('*')), { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
    fc.assert(
      fc.property(pattern, action, fc.array(fc.nat(), { minLength: 1 }), (p, a, mask) => {
        expect(matchesAction(flipCase(p, mask), flipCase(a, [...mask].reverse()))).toBe(matchesAction(p, a));
      }),
    );
  });

  it('counts wildcards', () => {
    expect(wildcardCount('Microsoft.CostManagement/*/query/*')).toBe(2);
    expect(wildcardCount('*/read')).toBe(1);
    expect(wildcardCount('Microsoft.Compute/virtualMachines/read')).toBe(0);
  });
});
