import { describe, expect, it } from 'vitest';
import {
  InvalidScopeError,
  ancestorsOrSelf,
  armScopeForMessage,
  isAtOrBelow,
  normalizeScope,
  scopeChain,
  scopeLevel,
} from '../../../src/sim/rbac';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const RG = `${SUB}/resourceGroups/Example-Storage-rg`;
const ACCOUNT = `${RG}/providers/Microsoft.Storage/storageAccounts/azurestorage12345`;
const CONTAINER = `${ACCOUNT}/blobServices/default/containers/blob-container-01`;
const MG = '/providers/Microsoft.Management/managementGroups/marketing-group';

describe('scopes (spec §1.6, §7.4)', () => {
  it('walks a blob container up to the root, each child resource being a scope', () => {
    expect(scopeChain(CONTAINER)).toEqual([
      { scope: '/', level: 'root' },
      { scope: SUB, level: 'subscription' },
      { scope: RG, level: 'resourceGroup' },
      { scope: ACCOUNT, level: 'resource' },
      { scope: `${ACCOUNT}/blobServices/default`, level: 'resource' },
      { scope: CONTAINER, level: 'resource' },
    ]);
  });

  it('puts a subscription under its management-group chain when told it', () => {
    const ROOT = '/providers/Microsoft.Management/managementGroups/tenant-root';
    const parentOf = (s: string) => ({ [SUB.toLowerCase()]: MG, [MG.toLowerCase()]: ROOT })[s.toLowerCase()];
    expect(ancestorsOrSelf(RG, parentOf)).toEqual(['/', ROOT, MG, SUB, RG]);
    expect(ancestorsOrSelf(MG, parentOf)).toEqual(['/', ROOT, MG]);
    expect(ancestorsOrSelf(RG)).toEqual(['/', SUB, RG]);
  });

  it('walks extension resources nested under a resource', () => {
    const ext = `${ACCOUNT}/providers/Microsoft.Insights/diagnosticSettings/audit`;
    expect(ancestorsOrSelf(ext).slice(-2)).toEqual([ACCOUNT, ext]);
  });

  it.each([
    ['/', 'root'],
    [MG, 'managementGroup'],
    [SUB, 'subscription'],
    [RG, 'resourceGroup'],
    [CONTAINER, 'resource'],
  ])('%s is a %s scope', (scope, level) => {
    expect(scopeLevel(scope)).toBe(level);
  });

  it('normalizes case and a trailing slash', () => {
    expect(normalizeScope(`${RG.toUpperCase()}/`)).toBe(RG.toLowerCase());
    expect(normalizeScope('/')).toBe('/');
  });

  it.each([
    [CONTAINER, RG, true],
    [CONTAINER.toLowerCase(), RG.toUpperCase(), true],
    [RG, RG, true],
    [RG, '/', true],
    [RG, CONTAINER, false],
    [`${SUB}/resourceGroups/Example-Storage-rg2`, RG, false],
  ])('isAtOrBelow(%s, %s) = %s', (scope, ancestor, expected) => {
    expect(isAtOrBelow(scope, ancestor)).toBe(expected);
  });

  it('lower-cases only the resourceGroups segment for AuthorizationFailed messages', () => {
    expect(armScopeForMessage(`${RG}/providers/Microsoft.KeyVault/vaults/kv`)).toBe(
      `${SUB}/resourcegroups/Example-Storage-rg/providers/Microsoft.KeyVault/vaults/kv`,
    );
    expect(armScopeForMessage(SUB)).toBe(SUB);
  });

  it.each([
    ['', 'it is empty'],
    ['subscriptions/x', "it must start with '/'"],
    ['/subscriptions', 'the subscription id is missing'],
    [`${SUB}/resourceGroups`, 'the resource group name is missing'],
    [`${RG}/providers/Microsoft.Compute/virtualMachines`, 'a resource needs /providers/{namespace}/{type}/{name}'],
    [`${ACCOUNT}/blobServices`, "the child resource type 'blobServices' has no name"],
    ['/tenants/x', "it must start with '/subscriptions/'"],
    [`${SUB}//resourceGroups/x`, 'it contains an empty segment'],
  ])('rejects %j with a clear error', (scope, reason) => {
    expect(() => scopeChain(scope)).toThrow(InvalidScopeError);
    expect(() => scopeChain(scope)).toThrow(reason);
  });

  it('rejects a management-group chain that loops, or a parent that is not a management group', () => {
    const loop = (s: string) => (s.toLowerCase() === SUB.toLowerCase() ? MG : MG);
    expect(() => scopeChain(SUB, loop)).toThrow('loops back');
    expect(() => scopeChain(SUB, () => RG)).toThrow('must be a management group');
  });
});
