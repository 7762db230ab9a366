/**
 * The Windows SAS lesson against what the simulated Windows PowerShell 5.1, ARM and Storage answer:
 * the tutorial's commands do what the text says they print, a -SasToken storage context needs no
 * sign-in and sends no token, and each typical mistake gets its own hint.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompiledLesson } from '../../src/lessons/types.ts';
import { learnerAt, repositoryLesson } from './lesson-learner.ts';

let lesson: CompiledLesson;
beforeAll(async () => {
  lesson = await repositoryLesson('windows-vm-storage-sas');
});

const GRANT = 1;
const GET_A_SAS = 3;
const UPLOAD = 4;
const ARM_TOKEN = `$ArmToken = ((Invoke-WebRequest -Uri 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fmanagement.azure.com%2F' -Method GET -Headers @{Metadata="true"}).Content | ConvertFrom-Json).access_token`;
const params = (expiry: string, permission = 'rcw') =>
  `$jsonParams = @{canonicalizedResource="/blob/mysandboxstorage/mycontainer";signedResource="c";signedPermission="${permission}";signedProtocol="https";signedExpiry=${expiry}} | ConvertTo-Json`;
const TWO_HOURS = '(Get-Date).ToUniversalTime().AddHours(2).ToString("yyyy-MM-ddTHH:mm:ssZ")';
const sasCall = (sub: string) =>
  `$sasCred = ((Invoke-WebRequest -Uri https://management.azure.com/subscriptions/${sub}/resourceGroups/myResourceGroup/providers/Microsoft.Storage/storageAccounts/mysandboxstorage/listServiceSas/?api-version=2017-06-01 -Method POST -Body $jsonParams -Headers @{Authorization="Bearer $ArmToken"}).Content | ConvertFrom-Json).serviceSasToken`;
const DOWNLOAD = '$ctx = New-AzStorageContext -StorageAccountName mysandboxstorage -SasToken $sasCred\nGet-AzStorageBlobContent -Blob testblob -Container mycontainer -Destination test2.txt -Context $ctx';
const UPLOAD_CMD = 'Invoke-WebRequest -Uri "https://mysandboxstorage.blob.core.windows.net/mycontainer/testblob?$sasCred" -Method PUT -Headers @{"x-ms-blob-type"="BlockBlob"} -Body "This is a test text file."';

describe('Windows SAS lesson: the tutorial in Windows PowerShell', () => {
  it('mints a container SAS, uploads with it and downloads through a -SasToken context, no token on Storage', async () => {
    const learner = learnerAt(lesson, UPLOAD);
    const sub = learner.values.subscriptionId!;
    const minted = await learner.run(ARM_TOKEN, params(TWO_HOURS), sasCall(sub), '$sasCred');
    expect(minted.stdout).toMatch(/^sv=2015-04-05&sr=c&spr=https&se=[^&]+&sp=rcw&sig=/m);
    const put = await learner.run(UPLOAD_CMD);
    expect(put.stdout).toMatch(/StatusCode\s+: 201/);
    const got = await learner.run(DOWNLOAD);
    expect(got.stderr).toBe('');
    expect(got.stdout).toMatch(/testblob\s+BlockBlob\s+25\b/);
    const storage = learner.router.log.entries().filter((e) => e.service === 'storage');
    expect(storage.map((e) => e.request.method)).toEqual(['PUT', 'GET']);
    for (const e of storage) {
      expect(e.request.url).toMatch(/[?&]sig=/);
      expect(e.request.headers.map(([name]) => name)).not.toContain('authorization');
    }
  });

  it.each([
    {
      name: "the docs' 2017 expiry: ARM signs it, Storage refuses it as out of its time frame",
      at: UPLOAD,
      lines: (sub: string) => [ARM_TOKEN, params('"2017-09-23T00:00:00Z"'), sasCall(sub), DOWNLOAD],
      output: /Signature not valid in the specified time frame|AuthenticationFailed/,
      hint: /an expiry in the past/,
    },
    {
      name: 'identity on but no role yet: ARM refuses ListServiceSas',
      at: GRANT,
      lines: (sub: string) => [ARM_TOKEN, params(TWO_HOURS), sasCall(sub)],
      output: /AuthorizationFailed/,
      hint: /ListServiceSas\/action, which Storage Account Contributor carries and Reader does not/,
    },
    {
      name: "the docs' placeholders: PowerShell refuses the `<`",
      at: GET_A_SAS,
      lines: () => [ARM_TOKEN, params(TWO_HOURS), sasCall('<SUBSCRIPTION-ID>')],
      output: /The '<' operator is reserved for future use\./,
      hint: /placeholder from the docs/,
    },
  ])('$name', async ({ at, lines, output, hint }) => {
    const learner = learnerAt(lesson, at);
    let all = '';
    for (const line of lines(learner.values.subscriptionId!)) {
      const r = await learner.run(line);
      all += r.stdout + r.stderr;
    }
    expect(all).toMatch(output);
    expect(learner.hint()).toMatch(hint);
  });
});
