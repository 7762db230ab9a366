import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { hintFor, hintForRun } from '../../src/lessons/hint-rules.ts';
import { placeholderValues } from '../../src/lessons/placeholders.ts';
import { HintRuleSchema } from '../../src/lessons/schema.ts';
import type { HintRule } from '../../src/lessons/types.ts';
import { quickstartWorld, userAssignedWorld } from '../../src/sim/index.ts';
import { TOKEN_URL, armError, entry, storageError } from './checks/log-fixtures.ts';

const values = placeholderValues(quickstartWorld().world, 'myLinuxVM');
const rules: HintRule[] = [
  { service: 'arm', urlContains: ['<SUBSCRIPTION'], say: 'placeholder; use {{subscriptionId}}' },
  { service: 'arm', code: 'AuthorizationFailed', status: 403, say: 'no role yet' },
  { service: 'imds', status: 400, say: 'header?' },
  { outputContains: ['No such file'], say: 'redirection' },
  { service: 'storage', code: 'AuthorizationPermissionMismatch', say: 'no data role' },
  { service: 'keyVault', status: 403, say: 'no secrets role' },
];
const blob = 'https://acct.blob.core.windows.net/c/b.txt';

describe('hint rules', () => {
  it.each([
    { name: 'placeholder in the URL (percent-encoded by the client)', log: [entry({ url: 'https://management.azure.com/subscriptions/%3CSUBSCRIPTION-ID%3E/resourceGroups/x?api-version=1', status: 404 })], hint: `placeholder; use ${values.subscriptionId}` },
    { name: 'ARM code and status', log: [entry({ url: 'https://management.azure.com/subscriptions/s', status: 403, body: armError('AuthorizationFailed') })], hint: 'no role yet' },
    { name: 'IMDS 400', log: [entry({ url: TOKEN_URL, status: 400 })], hint: 'header?' },
    { name: 'the newest matching entry wins', log: [entry({ url: TOKEN_URL, status: 400 }), entry({ url: 'https://management.azure.com/x', status: 403, body: armError('AuthorizationFailed') })], hint: 'no role yet' },
    { name: 'nothing matches', log: [entry({ url: TOKEN_URL, status: 200 })], hint: null },
    { name: "Storage's code (x-ms-error-code)", log: [entry({ url: blob, status: 403, ...storageError('AuthorizationPermissionMismatch') })], hint: 'no data role' },
    { name: 'Key Vault, named keyVault by authors and keyvault by the router', log: [entry({ url: 'https://v.vault.azure.net/secrets/s', status: 403, body: armError('Forbidden') })], hint: 'no secrets role' },
    { name: 'a Storage code from another service does not match a storage rule', log: [entry({ url: 'https://management.azure.com/x', status: 403, body: armError('AuthorizationPermissionMismatch') })], hint: null },
    { name: 'output rules ignore the log', log: [entry({ url: 'https://management.azure.com/No such file', status: 200 })], hint: null },
  ])('$name', ({ log, hint }) => {
    expect(hintFor(rules, log, values)).toBe(hint);
  });

  it("fills placeholders in urlContains, so a rule can spot this world's ids in a URL", () => {
    const u = userAssignedWorld();
    const uvalues = placeholderValues(u.world, 'myLinuxVM');
    const objectId = u.world.data.userAssignedIdentities[u.identityId.toLowerCase()]!.properties.principalId;
    const rule: HintRule = { service: 'imds', urlContains: ['client_id={{objectId:myUserAssignedIdentity}}'], say: 'that is the object id' };
    expect(hintFor([rule], [entry({ url: `${TOKEN_URL}&client_id=${objectId.toUpperCase()}`, status: 400 })], uvalues)).toBe('that is the object id');
    expect(hintFor([rule], [entry({ url: `${TOKEN_URL}&client_id=${objectId}`, status: 400 })], values)).toBeNull();
  });

  it('output rules match the command or its output, case-insensitively', () => {
    expect(hintForRun(rules, { script: 'curl <X', stdout: '', stderr: 'bash: X: no such file or directory' }, values)).toBe('redirection');
    expect(hintForRun(rules, { script: 'ls', stdout: 'a b', stderr: '' }, values)).toBeNull();
  });

  it.each([
    { rule: { say: 'x' }, error: /needs something to match/ },
    { rule: { outputContains: ['<'], service: 'arm', say: 'x' }, error: /either shell output .* or request-log entries/ },
    { rule: { service: 'arm', say: '' }, error: /must not be empty/ },
    { rule: { service: 'blob', say: 'x' }, error: /must be one of imds, arm, storage, keyVault/ },
  ])('the schema refuses $rule', ({ rule, error }) => {
    const r = v.safeParse(HintRuleSchema, rule);
    expect(r.success).toBe(false);
    expect(r.issues?.[0]?.message).toMatch(error);
  });
});
