import { describe, expect, it } from 'vitest';
import { evaluateCheck } from '../../../src/lessons/checks/index.ts';
import type { CheckSpec } from '../../../src/lessons/types.ts';
import { quickstartWorld } from '../../../src/sim/index.ts';
import { armError, entry, storageError } from './log-fixtures.ts';
import { ctx, principalOf, withIdentity } from './world-fixtures.ts';

const q = withIdentity();
const me = principalOf(q);
const someoneElse = '00000000-0000-4000-8000-000000000000';
const blob = 'https://mysandboxstorage.blob.core.windows.net/mycontainer/hello.txt';
const otherAccount = 'https://othersandbox.blob.core.windows.net/mycontainer/hello.txt';
const secret = 'https://mysandboxvault.vault.azure.net/secrets/mySecret?api-version=7.4';

describe('dataRead', () => {
  const storage: CheckSpec = { type: 'dataRead', service: 'storage', account: 'mysandboxstorage', path: '/mycontainer/hello.txt', identity: 'vm:myLinuxVM' };
  const keyVault: CheckSpec = { type: 'dataRead', service: 'keyVault', vault: 'mySandboxVault', path: '/secrets/mySecret', identity: 'vm:myLinuxVM' };

  it.each([
    { name: 'storage: a 200 with the VM identity', spec: storage, log: [entry({ url: blob, principalId: me })], passes: true },
    { name: 'storage: a 403 first, then the 200', spec: storage, log: [entry({ url: blob, principalId: me, status: 403, ...storageError('AuthorizationPermissionMismatch') }), entry({ url: blob, principalId: me })], passes: true },
    { name: 'storage: another account', spec: storage, log: [entry({ url: otherAccount, principalId: me })], passes: false },
    { name: 'storage: blob names are case-sensitive', spec: storage, log: [entry({ url: blob.replace('hello.txt', 'Hello.txt'), principalId: me })], passes: false },
    { name: 'storage: another blob', spec: storage, log: [entry({ url: blob.replace('hello.txt', 'other.txt'), principalId: me })], passes: false },
    { name: 'storage: the 200 went to someone else', spec: storage, log: [entry({ url: blob, principalId: someoneElse })], passes: false },
    { name: 'storage: a PUT, not a GET', spec: storage, log: [entry({ url: blob, principalId: me, method: 'PUT' })], passes: false },
    { name: 'storage: a 200 from ARM is not the data plane', spec: storage, log: [entry({ url: 'https://management.azure.com/mycontainer/hello.txt', principalId: me })], passes: false },
    { name: 'storage: nothing yet', spec: storage, log: [], passes: false },
    { name: 'key vault: a 200 for the secret', spec: keyVault, log: [entry({ url: secret, principalId: me })], passes: true },
    { name: 'key vault: secret names are not case-sensitive', spec: keyVault, log: [entry({ url: secret.replace('mySecret', 'MYSECRET'), principalId: me })], passes: true },
    { name: 'key vault: a blob is not a secret', spec: keyVault, log: [entry({ url: blob, principalId: me })], passes: false },
  ])('$name → passes: $passes', ({ spec, log, passes }) => {
    expect(evaluateCheck(spec, ctx(q, log)).passed).toBe(passes);
  });

  it.each([
    {
      name: 'a refused permission',
      log: [entry({ url: blob, principalId: me, status: 403, ...storageError('AuthorizationPermissionMismatch') })],
      last: ' (last try: 403 AuthorizationPermissionMismatch)',
    },
    // Refused before Storage knew who was asking: no identity in the log, still the learner's try.
    { name: 'a missing x-ms-version header', log: [entry({ url: blob, status: 403, ...storageError('AuthenticationFailed') })], last: ' (last try: 403 AuthenticationFailed)' },
    { name: 'a token for ARM', log: [entry({ url: blob, status: 401, ...storageError('InvalidAuthenticationInfo') })], last: ' (last try: 401 InvalidAuthenticationInfo)' },
    { name: "someone else's try does not count", log: [entry({ url: blob, principalId: someoneElse, status: 403, ...storageError('AuthorizationPermissionMismatch') })], last: '' },
    { name: 'no try yet', log: [], last: '' },
  ])('waits in plain language, naming the last outcome: $name', ({ log, last }) => {
    expect(evaluateCheck(storage, ctx(q, log)).waitingFor).toBe(
      `Waiting for a 200 from mysandboxstorage.blob.core.windows.net for GET /mycontainer/hello.txt using myLinuxVM's identity${last}`,
    );
  });

  it('says so when the VM has no identity to read with', () => {
    const r = evaluateCheck(storage, ctx(quickstartWorld()));
    expect(r.label).toBe("mysandboxstorage.blob.core.windows.net answered 200 for GET /mycontainer/hello.txt using myLinuxVM's identity");
    expect(r.waitingFor).toMatch(/; myLinuxVM has no system-assigned identity yet$/);
  });
});

describe('dataError', () => {
  const base = { type: 'dataError', service: 'storage', account: 'mysandboxstorage', path: '/mycontainer/hello.txt' } as const;
  const wrongAudience: CheckSpec = { ...base, status: 401, code: 'InvalidAuthenticationInfo' };
  const noDataRole: CheckSpec = { ...base, status: 403, code: 'AuthorizationPermissionMismatch', identity: 'vm:myLinuxVM' };
  const refused = (code: string, status: number, principalId?: string, url = blob) => entry({ url, status, ...(principalId ? { principalId } : {}), ...storageError(code) });

  it.each([
    { name: 'the 401 for a token meant for ARM', spec: wrongAudience, log: [refused('InvalidAuthenticationInfo', 401)], passes: true },
    { name: 'code compared case-insensitively', spec: { ...wrongAudience, code: 'invalidauthenticationinfo' } as CheckSpec, log: [refused('InvalidAuthenticationInfo', 401)], passes: true },
    { name: 'another code with the same status', spec: wrongAudience, log: [refused('NoAuthenticationInformation', 401)], passes: false },
    { name: 'the same code with another status', spec: wrongAudience, log: [refused('InvalidAuthenticationInfo', 403)], passes: false },
    { name: 'another account', spec: wrongAudience, log: [refused('InvalidAuthenticationInfo', 401, undefined, otherAccount)], passes: false },
    { name: 'another blob', spec: wrongAudience, log: [refused('InvalidAuthenticationInfo', 401, undefined, blob.replace('hello', 'bye'))], passes: false },
    { name: 'identity filter: the VM was refused', spec: noDataRole, log: [refused('AuthorizationPermissionMismatch', 403, me)], passes: true },
    { name: 'identity filter: someone else was refused', spec: noDataRole, log: [refused('AuthorizationPermissionMismatch', 403, someoneElse)], passes: false },
    {
      name: 'key vault: the JSON error.code',
      spec: { type: 'dataError', service: 'keyVault', vault: 'mySandboxVault', status: 403, code: 'Forbidden' } as CheckSpec,
      log: [entry({ url: secret, status: 403, principalId: me, body: armError('Forbidden') })],
      passes: true,
    },
  ])('$name → passes: $passes', ({ spec, log, passes }) => {
    expect(evaluateCheck(spec, ctx(q, log)).passed).toBe(passes);
  });

  it('describes what it waits for', () => {
    expect(evaluateCheck(noDataRole, ctx(q)).waitingFor).toBe(
      "Waiting for mysandboxstorage.blob.core.windows.net to answer 403 AuthorizationPermissionMismatch for a call to /mycontainer/hello.txt using myLinuxVM's identity",
    );
  });
});

describe('dataCall and armCall (any method; a SAS in place of a token)', () => {
  const sasBlob = `${blob}?sv=2015-04-05&sr=c&sp=rcw&se=2017-09-22T00%3A00%3A00Z&spr=https&sig=abc%3D`;
  const readWithSas: CheckSpec = { type: 'dataCall', method: 'GET', service: 'storage', account: 'mysandboxstorage', path: '/mycontainer/hello.txt', sas: true };
  const putWithSas: CheckSpec = { ...readWithSas, method: 'PUT' } as CheckSpec;
  const listSasPath = '/subscriptions/{{subscriptionId}}/resourceGroups/{{resourceGroup}}/providers/Microsoft.Storage/storageAccounts/mysandboxstorage/listServiceSas';
  const listSas: CheckSpec = { type: 'armCall', method: 'POST', path: listSasPath, identity: 'vm:myLinuxVM' };
  const listSasUrl = (sub: string, rg: string) =>
    `https://management.azure.com/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Storage/storageAccounts/mysandboxstorage/listServiceSas/?api-version=2017-06-01`;
  const sub = q.subscriptionId;
  const rg = 'myResourceGroup';

  it.each([
    { name: 'a GET of the blob with a SAS', spec: readWithSas, log: [entry({ url: sasBlob })], passes: true },
    { name: 'a GET with a token is not a SAS', spec: readWithSas, log: [entry({ url: blob, principalId: me })], passes: false },
    { name: 'a SAS the blob service refused', spec: readWithSas, log: [entry({ url: sasBlob, status: 403, ...storageError('AuthenticationFailed') })], passes: false },
    { name: 'a PUT with a SAS: 201 is a success', spec: putWithSas, log: [entry({ url: sasBlob, method: 'PUT', status: 201 })], passes: true },
    { name: 'a GET does not stand in for a PUT', spec: putWithSas, log: [entry({ url: sasBlob })], passes: false },
    { name: 'listServiceSas: the POST with the VM identity', spec: listSas, log: [entry({ url: listSasUrl(sub, rg), method: 'POST', principalId: me })], passes: true },
    { name: 'listServiceSas: a GET is not the POST', spec: listSas, log: [entry({ url: listSasUrl(sub, rg), principalId: me })], passes: false },
    { name: 'listServiceSas: someone else', spec: listSas, log: [entry({ url: listSasUrl(sub, rg), method: 'POST', principalId: someoneElse })], passes: false },
  ])('$name → passes: $passes', ({ spec, log, passes }) => {
    expect(evaluateCheck(spec, ctx(q, log)).passed).toBe(passes);
  });

  it('names the last refused SAS try and says "a success" for methods other than GET', () => {
    const r = evaluateCheck(putWithSas, ctx(q, [entry({ url: sasBlob, method: 'PUT', status: 403, ...storageError('AuthorizationPermissionMismatch') })]));
    expect(r.label).toBe('mysandboxstorage.blob.core.windows.net answered success for PUT /mycontainer/hello.txt using a shared access signature');
    expect(r.waitingFor).toBe(
      'Waiting for a success from mysandboxstorage.blob.core.windows.net for PUT /mycontainer/hello.txt using a shared access signature (last try: 403 AuthorizationPermissionMismatch)',
    );
  });
});

describe('dataError with sas: true', () => {
  const sasBlob = `${blob}?sv=2015-04-05&sr=c&sp=r&se=2026-01-15T11%3A00%3A00Z&spr=https&sig=abc%3D`;
  const spec: CheckSpec = { type: 'dataError', service: 'storage', account: 'mysandboxstorage', status: 403, code: 'AuthorizationPermissionMismatch', path: '/mycontainer/**', sas: true };

  it.each([
    { name: 'a SAS without write permission, used to upload', log: [entry({ url: sasBlob, method: 'PUT', status: 403, ...storageError('AuthorizationPermissionMismatch') })], passes: true },
    { name: 'the same error for a token (no SAS)', log: [entry({ url: blob, principalId: me, status: 403, ...storageError('AuthorizationPermissionMismatch') })], passes: false },
  ])('$name → passes: $passes', ({ log, passes }) => {
    expect(evaluateCheck(spec, ctx(q, log)).passed).toBe(passes);
  });

  it('says it waits for a SAS call', () => {
    expect(evaluateCheck(spec, ctx(q, [])).waitingFor).toBe(
      'Waiting for mysandboxstorage.blob.core.windows.net to answer 403 AuthorizationPermissionMismatch for a call to /mycontainer/** using a shared access signature',
    );
  });
});
