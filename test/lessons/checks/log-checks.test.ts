import { describe, expect, it } from 'vitest';
import { evaluateCheck, evaluateChecks } from '../../../src/lessons/checks/index.ts';
import type { CheckSpec } from '../../../src/lessons/types.ts';
import { placeholderValues } from '../../../src/lessons/placeholders.ts';
import { userAssignedWorld } from '../../../src/sim/index.ts';
import { TOKEN_URL, armError, entry } from './log-fixtures.ts';
import { ctx, linuxVm, principalOf, withIdentity } from './world-fixtures.ts';

const q = withIdentity();
const vm = linuxVm(q);
const me = principalOf(q);
const rgUrl = `https://management.azure.com/subscriptions/${q.subscriptionId}/resourceGroups/myResourceGroup?api-version=2016-09-01`;
const typoUrl = `https://management.azure.com/subscriptions/${q.subscriptionId}/resourceGroups/myResorceGroup?api-version=2016-09-01`;
const metadata: [string, string][] = [['metadata', 'true']];

describe('imdsToken', () => {
  const spec: CheckSpec = { type: 'imdsToken', vm: 'myLinuxVM', resource: 'https://management.azure.com/' };
  const ok = { url: TOKEN_URL, from: vm, headers: metadata, resource: 'https://management.azure.com/' };

  it.each([
    { name: 'a 200 with the header from the VM', log: [entry(ok)], passes: true },
    { name: 'the caller named by vmId', log: [entry({ ...ok, callerByVmId: true })], passes: true },
    { name: 'resource without the trailing slash (IMDS accepts both for ARM)', log: [entry({ ...ok, resource: 'https://management.azure.com' })], passes: true },
    { name: 'a harmless extra call after it', log: [entry(ok), entry({ url: 'http://169.254.169.254/metadata/instance?api-version=2021-02-01', from: vm, headers: metadata })], passes: true },
    { name: 'nothing yet', log: [], passes: false },
    { name: 'the 400 without the header', log: [entry({ url: TOKEN_URL, from: vm, status: 400, body: '{"error":"invalid_request"}' })], passes: false },
    { name: 'a token for Key Vault', log: [entry({ ...ok, resource: 'https://vault.azure.net' })], passes: false },
    { name: 'a token from another VM', log: [entry({ ...ok, from: q.world.data.virtualMachines[q.windowsVmId.toLowerCase()]! })], passes: false },
    { name: 'a portal call', log: [entry({ ...ok, from: 'portal' })], passes: false },
  ])('$name → passes: $passes', ({ log, passes }) => {
    expect(evaluateCheck(spec, ctx(q, log)).passed).toBe(passes);
  });

  it('says what it waits for and how the last try went', () => {
    const r = evaluateCheck(spec, ctx(q, [entry({ url: TOKEN_URL, from: vm, status: 400, body: '{"error":"invalid_request","error_description":"Required metadata header not specified"}' })]));
    expect(r.waitingFor).toBe(
      'Waiting for a token for https://management.azure.com/ from IMDS (169.254.169.254) on myLinuxVM, sent with the Metadata: true header (last try: 400 invalid_request)',
    );
  });
});

describe('imdsToken for one identity of the VM (myLinuxVM has its system-assigned one and myUserAssignedIdentity)', () => {
  const u = userAssignedWorld();
  const uvm = u.world.data.virtualMachines[u.linuxVmId.toLowerCase()]!;
  const uai = u.world.data.userAssignedIdentities[u.identityId.toLowerCase()]!.properties.principalId;
  const system = uvm.identity!.principalId!;
  const base = { type: 'imdsToken', vm: 'myLinuxVM', resource: 'https://management.azure.com/' } as const;
  const token = (principalId: string, identityKind: 'SystemAssigned' | 'UserAssigned') =>
    entry({ url: TOKEN_URL, from: uvm, headers: metadata, resource: 'https://management.azure.com/', principalId, identityKind });

  it.each([
    { name: 'the user-assigned token, when that one is asked for', identity: 'identity:myUserAssignedIdentity', log: [token(uai, 'UserAssigned')], passes: true },
    { name: 'the system-assigned token, when the user-assigned one is asked for', identity: 'identity:myUserAssignedIdentity', log: [token(system, 'SystemAssigned')], passes: false },
    { name: 'the system-assigned token, when that one is asked for', identity: 'vm:myLinuxVM', log: [token(system, 'SystemAssigned')], passes: true },
    { name: 'the user-assigned token, then the other: the first still counts', identity: 'identity:myUserAssignedIdentity', log: [token(uai, 'UserAssigned'), token(system, 'SystemAssigned')], passes: true },
    { name: 'any identity when none is named', identity: undefined, log: [token(system, 'SystemAssigned')], passes: true },
    { name: 'an identity that does not exist', identity: 'identity:ghost', log: [token(uai, 'UserAssigned')], passes: false },
  ])('$name → passes: $passes', ({ identity, log, passes }) => {
    const spec: CheckSpec = identity ? { ...base, identity } : base;
    expect(evaluateCheck(spec, { world: u.world, log, values: placeholderValues(u.world, 'myLinuxVM') }).passed).toBe(passes);
  });

  it.each([
    {
      name: 'a 200 for the other identity is not called a success',
      log: [token(system, 'SystemAssigned')],
      waiting: "(last try: 200, but a token for the VM's system-assigned identity)",
    },
    {
      name: 'the real 400 IMDS sends when client_id is needed',
      log: [entry({ url: TOKEN_URL, from: uvm, headers: metadata, status: 400, body: '{"error":"invalid_request","error_description":"Multiple user assigned identities exist"}' })],
      waiting: '(last try: 400 invalid_request)',
    },
  ])('says which identity it waits for: $name', ({ log, waiting }) => {
    const r = evaluateCheck({ ...base, identity: 'identity:myUserAssignedIdentity' }, { world: u.world, log, values: placeholderValues(u.world, 'myLinuxVM') });
    expect(r.label).toBe('myLinuxVM got a token for https://management.azure.com/ from IMDS for the user-assigned identity myUserAssignedIdentity');
    expect(r.waitingFor).toBe(
      `Waiting for a token for https://management.azure.com/ from IMDS (169.254.169.254) on myLinuxVM for the user-assigned identity myUserAssignedIdentity, sent with the Metadata: true header ${waiting}`,
    );
  });

  it('names a missing identity', () => {
    const r = evaluateCheck({ ...base, identity: 'identity:ghost' }, { world: u.world, log: [], values: placeholderValues(u.world, 'myLinuxVM') });
    expect(r.waitingFor).toMatch(/; there is no user-assigned identity named ghost$/);
  });
});

describe('imdsResponse', () => {
  it.each<{ name: string; spec: Partial<Extract<CheckSpec, { type: 'imdsResponse' }>>; log: ReturnType<typeof entry>[]; passes: boolean }>([
    { name: '400 without the header', spec: { status: 400, metadataHeader: 'absent' }, log: [entry({ url: TOKEN_URL, from: vm, status: 400 })], passes: true },
    { name: '400 but the header was sent', spec: { status: 400, metadataHeader: 'absent' }, log: [entry({ url: TOKEN_URL, from: vm, status: 400, headers: [['metadata', 'false']] })], passes: false },
    { name: 'description contains the words, any case', spec: { status: 400, errorDescription: 'identity not found' }, log: [entry({ url: TOKEN_URL, from: vm, status: 400, body: '{"error":"invalid_request","error_description":"Identity not found"}' })], passes: true },
    {
      name: 'another description with the same code',
      spec: { status: 400, error: 'invalid_request', errorDescription: 'Identity not found' },
      log: [entry({ url: TOKEN_URL, from: vm, status: 400, body: '{"error":"invalid_request","error_description":"Multiple user assigned identities exist, please specify the clientId / resourceId of the identity in the token request"}' })],
      passes: false,
    },
    { name: 'a description asked for, a body without one', spec: { status: 400, errorDescription: 'Identity not found' }, log: [entry({ url: TOKEN_URL, from: vm, status: 400, body: 'not json' })], passes: false },
    { name: 'error code matches', spec: { status: 400, error: 'invalid_request' }, log: [entry({ url: TOKEN_URL, from: vm, status: 400, body: '{"error":"invalid_request"}' })], passes: true },
    { name: 'error code differs', spec: { status: 400, error: 'bad_request_102' }, log: [entry({ url: TOKEN_URL, from: vm, status: 400, body: '{"error":"invalid_request"}' })], passes: false },
    {
      name: 'path below /metadata/instance',
      spec: { status: 200, path: '/metadata/instance/**' },
      log: [entry({ url: 'http://169.254.169.254/metadata/instance/compute/name?api-version=2021-02-01&format=text', from: vm, headers: metadata, body: 'myLinuxVM' })],
      passes: true,
    },
    { name: 'path elsewhere', spec: { status: 200, path: '/metadata/instance/**' }, log: [entry({ url: TOKEN_URL, from: vm, headers: metadata })], passes: false },
  ])('$name → passes: $passes', ({ spec, log, passes }) => {
    const full = { type: 'imdsResponse', vm: 'myLinuxVM', status: 400, ...spec } as CheckSpec;
    expect(evaluateCheck(full, ctx(q, log)).passed).toBe(passes);
  });
});

describe('armGet', () => {
  const spec: CheckSpec = { type: 'armGet', path: '/subscriptions/{{subscriptionId}}/resourceGroups/{{resourceGroup}}', identity: 'vm:myLinuxVM' };

  it.each([
    { name: 'a 200 with the VM identity', log: [entry({ url: rgUrl, principalId: me })], passes: true },
    { name: 'path case differs (ARM ids are case-insensitive)', log: [entry({ url: rgUrl.replace('resourceGroups/myResourceGroup', 'resourcegroups/MYRESOURCEGROUP'), principalId: me })], passes: true },
    { name: 'a 403 first, then the 200', log: [entry({ url: rgUrl, principalId: me, status: 403 }), entry({ url: rgUrl, principalId: me })], passes: true },
    { name: 'the 200 came from the portal user', log: [entry({ url: rgUrl, principalId: '00000000-0000-4000-8000-000000000000' })], passes: false },
    { name: 'a PUT, not a GET', log: [entry({ url: rgUrl, principalId: me, method: 'PUT' })], passes: false },
    { name: 'another group', log: [entry({ url: typoUrl, principalId: me })], passes: false },
  ])('$name → passes: $passes', ({ log, passes }) => {
    expect(evaluateCheck(spec, ctx(q, log)).passed).toBe(passes);
  });

  it('waits in plain language, naming the last outcome', () => {
    const r = evaluateCheck(spec, ctx(q, [entry({ url: rgUrl, principalId: me, status: 403, body: armError('AuthorizationFailed') })]));
    expect(r.waitingFor).toBe("Waiting for a 200 from ARM for GET …/resourceGroups/myResourceGroup using myLinuxVM's identity (last try: 403 AuthorizationFailed)");
  });

  it('a token ARM could not read names nobody, but is still shown as the last try', () => {
    const r = evaluateCheck(spec, ctx(q, [entry({ url: rgUrl, status: 401, body: armError('InvalidAuthenticationToken') })]));
    expect(r.waitingFor).toMatch(/\(last try: 401 InvalidAuthenticationToken\)$/);
    const portalTry = evaluateCheck(spec, ctx(q, [entry({ url: rgUrl, principalId: '00000000-0000-4000-8000-000000000000', status: 404, body: armError('ResourceGroupNotFound') })]));
    expect(portalTry.waitingFor).not.toMatch(/last try/);
  });
});

describe('armError', () => {
  const base = { type: 'armError', status: 403, code: 'AuthorizationFailed', identity: 'vm:myLinuxVM' } as const;
  const typo: CheckSpec = { ...base, path: '/subscriptions/{{subscriptionId}}/resourceGroups/*', notPath: '/subscriptions/{{subscriptionId}}/resourceGroups/{{resourceGroup}}' };
  const denied = (url: string) => entry({ url, principalId: me, status: 403, body: armError('AuthorizationFailed') });

  it.each([
    { name: 'any 403 AuthorizationFailed by the identity', spec: base as CheckSpec, log: [denied(rgUrl)], passes: true },
    { name: 'code compared case-insensitively', spec: { ...base, code: 'authorizationfailed' } as CheckSpec, log: [denied(rgUrl)], passes: true },
    { name: 'typo check: another group', spec: typo, log: [denied(typoUrl)], passes: true },
    { name: 'typo check: the real group does not count', spec: typo, log: [denied(rgUrl)], passes: false },
    { name: 'a 404 ResourceGroupNotFound is another error', spec: base as CheckSpec, log: [entry({ url: typoUrl, principalId: me, status: 404, body: armError('ResourceGroupNotFound') })], passes: false },
    { name: 'method filter', spec: { ...base, method: 'PUT' } as CheckSpec, log: [denied(rgUrl)], passes: false },
    { name: 'without identity: anyone', spec: { type: 'armError', status: 403, code: 'AuthorizationFailed' } as CheckSpec, log: [entry({ url: rgUrl, status: 403, body: armError('AuthorizationFailed') })], passes: true },
  ])('$name → passes: $passes', ({ spec, log, passes }) => {
    expect(evaluateCheck(spec, ctx(q, log)).passed).toBe(passes);
  });

  it('describes the typo check', () => {
    expect(evaluateCheck(typo, ctx(q)).waitingFor).toBe(
      "Waiting for ARM to answer 403 AuthorizationFailed for a call to …/resourceGroups/* (other than …/resourceGroups/myResourceGroup) using myLinuxVM's identity",
    );
  });
});

describe('evaluateChecks', () => {
  it('passes only when every check passes; an empty list never passes', () => {
    const passing: CheckSpec = { type: 'systemAssignedEnabled', vm: 'myLinuxVM' };
    const failing: CheckSpec = { type: 'systemAssignedEnabled', vm: 'myWindowsVM' };
    expect(evaluateChecks([passing], ctx(q)).passed).toBe(true);
    expect(evaluateChecks([passing, failing], ctx(q)).passed).toBe(false);
    expect(evaluateChecks([], ctx(q)).passed).toBe(false);
  });

  it('an unknown check type or odd log entries never throw', () => {
    expect(evaluateCheck({ type: 'nope' } as unknown as CheckSpec, ctx(q)).passed).toBe(false);
    const odd = entry({ url: rgUrl, principalId: me });
    odd.request.url = 'http://%zz not a url';
    expect(evaluateCheck({ type: 'armGet', path: '/x', identity: 'vm:myLinuxVM' }, ctx(q, [odd])).passed).toBe(false);
  });
});
