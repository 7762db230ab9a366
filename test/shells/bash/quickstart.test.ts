/**
 * The Linux quickstart (spec imds.md §4.1) typed verbatim into the VM's terminal, against a fake
 * IMDS/ARM that answers with the spec's exact bodies.
 */
import { describe, expect, test } from 'vitest';
import {
  ACCESS_TOKEN,
  IDENTITY_NOT_FOUND,
  METADATA_REQUIRED,
  RESOURCE_GROUP,
  RESOURCE_GROUP_BODY,
  SUBSCRIPTION,
  tokenBody,
} from './fake-cloud';
import { newSession } from './session-helpers';

// Step B.3, verbatim.
const GET_TOKEN = `curl 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/' -H Metadata:true`;
// The same request without the header a learner forgets.
const GET_TOKEN_NO_HEADER = `curl 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/'`;
// how-to-use-vm-token.md's variant (URL-encoded resource, -s at the end).
const GET_TOKEN_DOCS = `curl 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fmanagement.azure.com%2F' -H Metadata:true -s`;
// Step B.4 with the placeholders filled in (the tutorial's line ends in a space; kept).
const callArm = (token: string) =>
  `curl https://management.azure.com/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}?api-version=2016-09-01 -H "Authorization: Bearer ${token}" `;

describe('Linux quickstart, verbatim', () => {
  test.each([
    { name: 'identity off → Identity not found', identityEnabled: false, command: GET_TOKEN, stdout: IDENTITY_NOT_FOUND },
    { name: 'missing Metadata header → 400 body', identityEnabled: true, command: GET_TOKEN_NO_HEADER, stdout: METADATA_REQUIRED },
    { name: 'identity on → token JSON', identityEnabled: true, command: GET_TOKEN, stdout: tokenBody('https://management.azure.com/') },
    { name: 'docs variant → resource echoed as sent', identityEnabled: true, command: GET_TOKEN_DOCS, stdout: tokenBody('https://management.azure.com/') },
  ])('$name', async ({ identityEnabled, command, stdout }) => {
    const { session } = newSession({ identityEnabled });
    // curl prints the body byte for byte: no trailing newline, nothing on stderr at a terminal.
    expect(await session.run(command)).toEqual({ stdout, stderr: '', exitCode: 0 });
  });

  test('the token request carries what curl 7.81 sends', async () => {
    const { session, cloud } = newSession();
    await session.run(GET_TOKEN);
    const [req] = cloud.requests;
    expect(req?.method).toBe('GET');
    expect(req?.url).toBe('http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/');
    expect(Object.fromEntries(req?.headers ?? [])).toEqual({ metadata: 'true', 'user-agent': 'curl/7.81.0', accept: '*/*' });
  });

  test('token, then the ARM call with the pasted token prints the resource group', async () => {
    const { session } = newSession();
    const token = await session.run(GET_TOKEN);
    const accessToken = (JSON.parse(token.stdout) as { access_token: string }).access_token;
    expect(accessToken).toBe(ACCESS_TOKEN);
    expect(await session.run(callArm(accessToken))).toEqual({ stdout: RESOURCE_GROUP_BODY, stderr: '', exitCode: 0 });
  });

  test('the same flow with a variable and jq, across separate commands', async () => {
    const { session } = newSession();
    await session.run(`access_token=$(${GET_TOKEN} -s | jq -r .access_token)`);
    const arm = await session.run(callArm('$access_token'));
    expect(arm).toEqual({ stdout: RESOURCE_GROUP_BODY, stderr: '', exitCode: 0 });
    expect((await session.run(`${callArm('$access_token')} | jq -r .properties.provisioningState`)).stdout).toBe('Succeeded\n');
  });

  test('before the Reader grant ARM answers 403 AuthorizationFailed, printed as is', async () => {
    const { session } = newSession({ readerGranted: false });
    await session.run(`access_token=$(${GET_TOKEN} -s | jq -r .access_token)`);
    const arm = await session.run(`${callArm('$access_token')} | jq -r .error.code`);
    expect(arm.stdout).toBe('AuthorizationFailed\n');
  });

  test('jq -M . pretty-prints the token response', async () => {
    const { session } = newSession();
    const r = await session.run(`${GET_TOKEN} -s | jq -M .`);
    expect(r.stdout).toBe(`${JSON.stringify(JSON.parse(tokenBody('https://management.azure.com/')), null, 2)}\n`);
  });
});
