/** ARM's authentication, api-version and RBAC errors with their exact texts (rbac-arm.md §3.7). */
import { describe, expect, test } from 'vitest';
import { advanceClock, createRoleAssignment, guid, issueUserToken, QUICKSTART } from '../../src/sim/index';
import { adminToken, arm, miToken, rig } from './harness';

const rgPath = (r: { subscriptionId: string }) => `/subscriptions/${r.subscriptionId}/resourceGroups/${QUICKSTART.resourceGroup}`;
const READER = '/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7';

describe('401s', () => {
  test('missing Authorization header', async () => {
    const r = rig();
    const { res, json } = await arm(r, 'GET', rgPath(r), { apiVersion: '2016-09-01' });
    expect(res.status).toBe(401);
    expect(json).toEqual({ error: { code: 'AuthenticationFailed', message: "Authentication failed. The 'Authorization' header is missing." } });
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer authorization_uri=/);
    expect(res.headers.get('x-ms-failure-cause')).toBe('gateway');
  });

  test.each(['Basic abc', 'Bearer', 'Bearer a b', 'token'])('invalid header format %j', async (value) => {
    const r = rig();
    const { res, json } = await arm(r, 'GET', rgPath(r), { headers: { Authorization: value } });
    expect(res.status).toBe(401);
    expect(json.error).toEqual({
      code: 'AuthenticationFailedInvalidHeader',
      message: "Authentication failed. The 'Authorization' header is provided in an invalid format.",
    });
  });

  test.each(['garbage', 'a.b.c', 'eyJhbGciOiJSUzI1NiJ9.e30.AAAA'])('invalid token %j', async (token) => {
    const r = rig();
    const { res, json } = await arm(r, 'GET', rgPath(r), { token });
    expect(res.status).toBe(401);
    expect(json.error).toEqual({ code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' });
  });

  test('a token for another audience', async () => {
    const r = rig({ systemAssigned: true });
    const token = await miToken(r, 'https://vault.azure.net');
    const { res, json } = await arm(r, 'GET', rgPath(r), { token });
    expect(res.status).toBe(401);
    expect(json.error).toEqual({
      code: 'InvalidAuthenticationTokenAudience',
      message:
        "The access token has been obtained for wrong audience or resource 'https://vault.azure.net'. It should exactly match with one of the allowed audiences 'https://management.core.windows.net/','https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'.",
    });
  });

  test.each(['https://management.azure.com/', 'https://management.azure.com', 'https://management.core.windows.net/'])(
    'audience %s is accepted',
    async (aud) => {
      const r = rig();
      const t = await issueUserToken(r.world, { user: r.adminUpn, resource: aud });
      if (!t.ok) throw new Error();
      expect((await arm(r, 'GET', rgPath(r), { token: t.value.record.jwt })).res.status).toBe(200);
    },
  );

  test('an expired token, with ARM’s US-style UTC times', async () => {
    const r = rig();
    const token = await adminToken(r); // issued 2026-01-15 09:00:00 with a one-hour life
    advanceClock(r.world, 2 * 3600 * 1000 + 5000);
    const { res, json } = await arm(r, 'GET', rgPath(r), { token });
    expect(res.status).toBe(401);
    expect(json.error).toEqual({
      code: 'ExpiredAuthenticationToken',
      message: "The access token expiry UTC time '1/15/2026 10:00:00 AM' is earlier than current UTC time '1/15/2026 11:00:05 AM'.",
    });
  });
});

describe('api-version', () => {
  test('missing', async () => {
    const r = rig();
    const { res, json } = await arm(r, 'GET', rgPath(r), { token: await adminToken(r), apiVersion: null });
    expect(res.status).toBe(400);
    expect(json.error).toEqual({ code: 'MissingApiVersionParameter', message: 'The api-version query parameter (?api-version=) is required for all requests.' });
  });

  test('invalid, with the supported list', async () => {
    const r = rig();
    const { res, json } = await arm(r, 'GET', rgPath(r), { token: await adminToken(r), apiVersion: '2018-01-01-preview' });
    expect(res.status).toBe(400);
    expect(json.error.code).toBe('InvalidApiVersionParameter');
    expect(json.error.message).toMatch(/^The api-version '2018-01-01-preview' is invalid\. The supported versions are '2025-04-01,.*,2016-09-01,.*,2014-04-01,2014-01-01'\.$/);
  });

  test.each(['2016-06-01', '2016-09-01', '2025-04-01'])('the quickstarts’ and SDK’s %s work', async (v) => {
    const r = rig();
    expect((await arm(r, 'GET', rgPath(r), { token: await adminToken(r), apiVersion: v })).res.status).toBe(200);
  });
});

describe('403 AuthorizationFailed and the 403-vs-404 rule', () => {
  test('a managed identity without a role gets the exact text (object id as client, lower-case resourcegroups)', async () => {
    const r = rig({ systemAssigned: true });
    const token = await miToken(r);
    const { res, json } = await arm(r, 'GET', rgPath(r), { token, apiVersion: '2016-09-01' });
    const oid = Object.values(r.world.data.servicePrincipals)[0]!.objectId;
    expect(res.status).toBe(403);
    expect(json).toEqual({
      error: {
        code: 'AuthorizationFailed',
        message: `The client '${oid}' with object id '${oid}' does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourcegroups/read' over scope '/subscriptions/${r.subscriptionId}/resourcegroups/myResourceGroup' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
      },
    });
    const entry = r.router.log.entries().at(-1)!;
    expect(entry.authorizations[0]).toMatchObject({ allowed: false, action: 'Microsoft.Resources/subscriptions/resourcegroups/read' });
    expect(entry.authorizations[0]!.decision.trace.length).toBeGreaterThan(0);
  });

  test('after Reader on the group the same call returns the group (the quickstart)', async () => {
    const r = rig({ systemAssigned: true });
    const token = await miToken(r);
    const oid = Object.values(r.world.data.servicePrincipals)[0]!.objectId;
    createRoleAssignment(r.world, { name: guid(r.world.rng), scope: r.resourceGroupId, roleDefinitionId: READER, principalId: oid, principalType: 'ServicePrincipal' });
    const { res, json } = await arm(r, 'GET', rgPath(r), { token, apiVersion: '2016-09-01' });
    expect(res.status).toBe(200);
    expect(json).toEqual({
      id: r.resourceGroupId,
      name: 'myResourceGroup',
      type: 'Microsoft.Resources/resourceGroups',
      location: 'eastus',
      properties: { provisioningState: 'Succeeded' },
    });
    expect(res.headers.get('x-ms-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-ms-correlation-request-id')).toBeTruthy();
  });

  test('a user is named by UPN', async () => {
    const r = rig();
    const t = await issueUserToken(r.world, { user: r.adminUpn, resource: 'https://management.azure.com/' });
    if (!t.ok) throw new Error();
    const other = '/subscriptions/00000000-1111-2222-3333-444444444444';
    // The admin is Owner of its own subscription only; a sibling scope it cannot see is 404 by subscription first.
    const { json } = await arm(r, 'GET', `${other}/resourceGroups/x`, { token: t.value.record.jwt });
    expect(json.error.code).toBe('SubscriptionNotFound');
    expect(json.error.message).toBe("The subscription '00000000-1111-2222-3333-444444444444' could not be found.");
  });

  test('no read on the scope → 403 even for a group that does not exist', async () => {
    const r = rig({ systemAssigned: true });
    const token = await miToken(r);
    const { res, json } = await arm(r, 'GET', `/subscriptions/${r.subscriptionId}/resourceGroups/nope`, { token });
    expect(res.status).toBe(403);
    expect(json.error.message).toContain("over scope '/subscriptions/");
  });

  test('with read on the subscription → 404 ResourceGroupNotFound', async () => {
    const r = rig();
    const { res, json } = await arm(r, 'GET', `/subscriptions/${r.subscriptionId}/resourceGroups/nope`, { token: await adminToken(r) });
    expect(res.status).toBe(404);
    expect(json.error).toEqual({ code: 'ResourceGroupNotFound', message: "Resource group 'nope' could not be found." });
  });

  test('ResourceNotFound names namespace/type/name and the group', async () => {
    const r = rig();
    const { res, json } = await arm(r, 'GET', `${rgPath(r)}/providers/Microsoft.Compute/virtualMachines/ghost`, { token: await adminToken(r), apiVersion: '2024-07-01' });
    expect(res.status).toBe(404);
    expect(json.error).toEqual({
      code: 'ResourceNotFound',
      message: "The Resource 'Microsoft.Compute/virtualMachines/ghost' under resource group 'myResourceGroup' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
    });
  });
});

describe('bad input', () => {
  test('invalid JSON on a PUT gets ARM’s error shape', async () => {
    const r = rig();
    const { res, json } = await arm(r, 'PUT', `/subscriptions/${r.subscriptionId}/resourceGroups/new-rg`, { token: await adminToken(r), body: '{"location":', apiVersion: '2021-04-01' });
    expect(res.status).toBe(400);
    expect(json.error.code).toBe('InvalidRequestContent');
    expect(json.error.message).toMatch(/^The request content was invalid and could not be deserialized: /);
  });

  test('a body over 1 MB is refused with 413', async () => {
    const r = rig();
    const { res, json } = await arm(r, 'PUT', `/subscriptions/${r.subscriptionId}/resourceGroups/big`, {
      token: await adminToken(r),
      body: JSON.stringify({ location: 'eastus', tags: { t: 'x'.repeat(1024 * 1024) } }),
    });
    expect(res.status).toBe(413);
    expect(json.error.code).toBe('RequestEntityTooLarge');
    expect(r.world.data.resourceGroups[`/subscriptions/${r.subscriptionId}/resourcegroups/big`]).toBeUndefined();
  });

  test.each([
    ['GET', '/subscriptions/SUB/resourceGroups/myResourceGroup/providers/Microsoft.Nope/things/x', 400, 'InvalidResourceType'],
    ['GET', '/whatever', 404, 'NotFound'],
    ['POST', '/subscriptions/SUB/resourceGroups/myResourceGroup', 405, 'MethodNotAllowed'],
  ])('unknown route %s %s → %i %s', async (method, path, status, code) => {
    const r = rig();
    const { res, json } = await arm(r, method, path.replace('SUB', r.subscriptionId), { token: await adminToken(r) });
    expect(res.status).toBe(status);
    expect(json.error.code).toBe(code);
  });

  test('unknown routes still authenticate first', async () => {
    const r = rig();
    expect((await arm(r, 'GET', '/whatever')).json.error.code).toBe('AuthenticationFailed');
  });
});
