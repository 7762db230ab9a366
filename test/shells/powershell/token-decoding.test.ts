/**
 * Decoding the access token the way people do in Windows PowerShell, including the classic pitfall:
 * JWT segments are base64url without padding, which [Convert]::FromBase64String rejects.
 */
import { describe, expect, it } from 'vitest';
import { CLIENT, makeToken, newSession, PRINCIPAL } from './fake-azure';

const GET_TOKEN = `$ArmToken = (Invoke-RestMethod -Uri 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/' -Headers @{Metadata="true"}).access_token`;

describe('token decoding', () => {
  it('precondition: the fake token payload is not a multiple of 4 characters long, as most real ones are not', () => {
    expect((makeToken().split('.')[1] as string).length % 4).not.toBe(0);
  });

  it('the naive decode fails with .NET Framework\'s "Invalid length" FormatException', async () => {
    const s = newSession();
    await s.run(GET_TOKEN);
    const r = await s.run(`$payload = $ArmToken.Split('.')[1]\n[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($payload))`);
    expect(r.stderr.split('\n')).toEqual([
      'Exception calling "FromBase64String" with "1" argument(s): "Invalid length for a Base-64 char array or string."',
      // The position is the inner call that threw, with the line cut by 5.1's 69-character rule.
      'At line:2 char:33',
      '+ ... Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($payload))',
      '+                                    ' + '~'.repeat(37),
      '    + CategoryInfo          : NotSpecified: (:) [], MethodInvocationException',
      '    + FullyQualifiedErrorId : FormatException',
      ' ',
      '',
    ]);
    expect((await s.run('$Error[0].Exception.GetType().FullName')).stdout).toBe('System.Management.Automation.MethodInvocationException\n');
  });

  it.each([
    ['a length that is not a multiple of 4', 'eyJhIjoxfQ', 'Invalid length for a Base-64 char array or string.'],
    ['base64url characters with a valid length', 'ab-_', 'The input is not a valid Base-64 string as it contains a non-base 64 character, more than two padding characters, or an illegal character among the padding characters. '],
    ['padding in the middle', 'ab=c', 'The input is not a valid Base-64 string as it contains a non-base 64 character, more than two padding characters, or an illegal character among the padding characters. '],
  ])('FromBase64String rejects %s', async (_what, input, message) => {
    const s = newSession();
    const r = await s.run(`[Convert]::FromBase64String('${input}')`);
    expect(r.stderr.split('\n')[0]).toBe(`Exception calling "FromBase64String" with "1" argument(s): "${message}"`);
  });

  it.each([
    ['switch', "switch ($p.Length % 4) { 2 { $p += '==' } 3 { $p += '=' } }"],
    ['while', "while ($p.Length % 4) { $p += '=' }"],
  ])('replacing - and _ and padding with = (the %s form) decodes the claims, which ConvertFrom-Json shows as a list', async (_form, padding) => {
    const s = newSession();
    await s.run(GET_TOKEN);
    const fixed = await s.run(`$p = $ArmToken.Split('.')[1].Replace('-', '+').Replace('_', '/')
${padding}
$claims = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($p)) | ConvertFrom-Json
$claims.oid; $claims.appid; $claims.aud; $claims.idtyp
$claims | Select-Object aud, oid, appidacr`);
    expect(fixed.stderr).toBe('');
    expect(fixed.stdout).toBe(
      [
        PRINCIPAL,
        CLIENT,
        'https://management.azure.com/',
        'app',
        '',
        'aud                           oid                                  appidacr',
        '---                           ---                                  --------',
        `https://management.azure.com/ ${PRINCIPAL} 2`,
        '',
        '',
        '',
      ].join('\n'),
    );
  });

  it('Unix times from the token response convert with [DateTimeOffset]::FromUnixTimeSeconds', async () => {
    const s = newSession();
    const r = await s.run(`$c = Invoke-RestMethod -Uri 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/' -Headers @{Metadata="true"}
[DateTimeOffset]::FromUnixTimeSeconds($c.expires_on).UtcDateTime.ToString('u')
([int]$c.expires_on - [int]$c.not_before) / 3600`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('2026-11-28 07:30:00Z\n24.0833333333333\n'.replace('24.0833333333333', String(86700 / 3600)));
  });
});
