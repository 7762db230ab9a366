/**
 * The Windows storage lesson's hint rules against what the simulated Windows PowerShell 5.1 and
 * Storage really answer: each typical PowerShell mistake gets its own hint, and the "what goes
 * wrong" step's own rules speak first there.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompiledLesson } from '../../src/lessons/types.ts';
import { learnerAt, repositoryLesson } from './lesson-learner.ts';

let lesson: CompiledLesson;
beforeAll(async () => {
  lesson = await repositoryLesson('windows-vm-storage');
});

const READ_THE_BLOB = 3;
const WHAT_GOES_WRONG = 4;
const TOKEN = (resource: string) =>
  `$AccessToken = (Invoke-RestMethod -Uri 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=${resource}' -Headers @{Metadata="true"}).access_token`;
const STORAGE_TOKEN = TOKEN('https%3A%2F%2Fstorage.azure.com%2F');
const ARM_TOKEN = TOKEN('https://management.azure.com/');
const BLOB = 'https://mysandboxstorage.blob.core.windows.net/mycontainer/hello.txt';
const read = (headers: string, uri = BLOB) => `Invoke-WebRequest -Uri ${uri} -Headers @{${headers}}`;
const BEARER = 'Authorization="Bearer $AccessToken"';
const VERSION = '"x-ms-version"="2017-11-09"';

/** Identity on and Reader, no data role: the world of the last step, with the lesson's own rules. */
const withoutDataRole = () => learnerAt(lesson, WHAT_GOES_WRONG);

describe('Windows storage lesson: a hint for each typical mistake', () => {
  it.each([
    {
      name: "the docs' placeholders: PowerShell refuses the `<` and nothing is sent",
      lines: [`Invoke-WebRequest -Uri https://<STORAGE ACCOUNT>.blob.core.windows.net/<CONTAINER NAME>/<FILE NAME> -Headers @{Authorization="Bearer <ACCESS TOKEN>"; ${VERSION}}`],
      output: /The '<' operator is reserved for future use\./,
      hint: /placeholder from the docs[^]*storage account mysandboxstorage, container mycontainer, file hello\.txt/,
    },
    {
      name: 'x-ms-version without quotes: a parse error, nothing sent',
      lines: [STORAGE_TOKEN, read(`${BEARER}; x-ms-version="2017-11-09"`)],
      output: /Missing '=' operator after key in hash literal\.[^]*MissingEqualsInHashLiteral/,
      hint: /Quote the key: -Headers @\{Authorization="Bearer \$AccessToken"; "x-ms-version"="2017-11-09"\}/,
    },
    {
      name: 'a misspelt account: the remote name could not be resolved',
      lines: [STORAGE_TOKEN, read(`${BEARER}; ${VERSION}`, BLOB.replace('mysandboxstorage', 'mysandboxstorge'))],
      output: /The remote name could not be resolved: 'mysandboxstorge\.blob\.core\.windows\.net'/,
      hint: /in this world the account is mysandboxstorage/,
    },
    {
      name: 'the Metadata header forgotten: IMDS 400, no token',
      lines: [`Invoke-WebRequest -Uri 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fstorage.azure.com%2F'`],
      output: /Required metadata header not specified/,
      hint: /needs -Headers @\{Metadata="true"\}/,
    },
    {
      name: 'the ARM token: 401 InvalidAuthenticationInfo, wrong audience',
      lines: [ARM_TOKEN, read(`${BEARER}; ${VERSION}`)],
      output: /<Code>InvalidAuthenticationInfo<\/Code>[^]*Audience validation failed/,
      hint: /audience did not match[^]*resource=https%3A%2F%2Fstorage\.azure\.com%2F/,
    },
    {
      name: 'no x-ms-version: 403 AuthenticationFailed',
      lines: [STORAGE_TOKEN, read(BEARER)],
      output: /<Code>AuthenticationFailed<\/Code>[^]*Authentication scheme Bearer is not supported in this version/,
      hint: /the x-ms-version header is missing/,
    },
    {
      name: 'an empty $AccessToken: 403 AuthenticationFailed with a MAC signature detail',
      lines: [read(`${BEARER}; ${VERSION}`)],
      output: /<Code>AuthenticationFailed<\/Code>[^]*MAC signature/,
      hint: /\$AccessToken is empty in this session/,
    },
    {
      name: 'no data role: 403 AuthorizationPermissionMismatch',
      lines: [STORAGE_TOKEN, read(`${BEARER}; ${VERSION}`)],
      output: /<Code>AuthorizationPermissionMismatch<\/Code>/,
      hint: /Reader, Contributor and Owner only manage the account[^]*Storage Blob Data Reader on mysandboxstorage/,
    },
  ])('$name', async ({ lines, output, hint }) => {
    const l = withoutDataRole();
    const run = await l.run(...lines);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(output);
    expect(l.hint(READ_THE_BLOB)).toMatch(hint);
  });

  it('the error record hides the status; $Error[0] has it', async () => {
    const l = withoutDataRole();
    await l.run(STORAGE_TOKEN, read(BEARER));
    expect((await l.run('$Error[0].Exception.Message')).stdout).toBe('The remote server returned an error: (403) Forbidden.\n');
  });

  it('with the role, a wrong blob name is a 404 and no token at all a 401, each with its own hint; the right request is no mistake', async () => {
    const l = learnerAt(lesson, READ_THE_BLOB);
    await l.run(STORAGE_TOKEN, read(`${BEARER}; ${VERSION}`, BLOB.replace('hello.txt', 'Hello.txt')));
    expect(l.router.log.entries().at(-1)!.response!.status).toBe(404);
    expect(l.hint()).toMatch(/They are mycontainer and hello\.txt, and blob names are case-sensitive/);
    const anonymous = learnerAt(lesson, READ_THE_BLOB);
    await anonymous.run(`Invoke-WebRequest -Uri ${BLOB}`);
    expect(anonymous.router.log.entries().at(-1)!.response!.status).toBe(401);
    expect(anonymous.hint()).toMatch(/^Storage got no token at all[^]*-Headers @\{Authorization="Bearer \$AccessToken"; "x-ms-version"="2017-11-09"\}/);
    const fresh = learnerAt(lesson, READ_THE_BLOB);
    expect((await fresh.run(STORAGE_TOKEN, `(${read(`${BEARER}; ${VERSION}`)}).Content`)).stdout).toBe('Hello world! :)\n');
    expect(fresh.hint()).toBeNull();
  });

  it('in "what goes wrong" the step\'s own rules speak first, each mistake pointing to the next', async () => {
    const l = withoutDataRole();
    await l.run(ARM_TOKEN, read(`${BEARER}; ${VERSION}`));
    expect(l.hint()).toMatch(/^That 401 is the first mistake/);
    await l.run(STORAGE_TOKEN, read(BEARER));
    expect(l.hint()).toMatch(/^That 403 AuthenticationFailed/);
    await l.run(read(`${BEARER}; ${VERSION}`));
    expect(l.hint()).toMatch(/^That is the third/);
  });
});
