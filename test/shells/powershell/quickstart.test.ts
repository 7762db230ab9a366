/**
 * The Windows quickstart (spec imds.md §4.2) typed verbatim into the session, in each state of the world
 * a learner meets: identity off, header forgotten, no role yet, and success.
 */
import { describe, expect, it } from 'vitest';
import { newSession, PRINCIPAL, RG, SUB } from './fake-azure';

const STEP1 = `   $response = Invoke-WebRequest -Uri 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/' -Method GET -Headers @{Metadata="true"}`;
const STEP2 = `$content = $response.Content | ConvertFrom-Json`;
const STEP3 = `$ArmToken = $content.access_token`;
const STEP4 = `(Invoke-WebRequest -Uri https://management.azure.com/subscriptions/${SUB}/resourceGroups/${RG}?api-version=2016-06-01 -Method GET -ContentType "application/json" -Headers @{ Authorization ="Bearer $ArmToken"}).content`;

// Cut at 114 characters and re-joined with four spaces by the error view, then into rows of 119 by
// ComplexWriter: the famous `WebExc` / `   eption` of a real 120-column console.
const IWR_CATEGORY =
  '    + CategoryInfo          : InvalidOperation: (System.Net.HttpWebRequest:HttpWebRequest) [Invoke-WebRequest], WebExc \n   eption';
const IWR_FQID = '    + FullyQualifiedErrorId : WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand';

const AUTH_FAILED = `{"error":{"code":"AuthorizationFailed","message":"The client '${PRINCIPAL}' with object id '${PRINCIPAL}' does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourcegroups/read' over scope '/subscriptions/${SUB}/resourcegroups/${RG}' or the scope is invalid. If access was recently granted, please refresh your credentials."}}`;

describe('Windows quickstart, verbatim', () => {
  it('identity off: step 1 writes the IMDS 400 body as a 5.1 error record, leaves $response unset, sets $? and $Error', async () => {
    const s = newSession({ identity: false });
    const r = await s.run(STEP1);
    expect(r.stdout).toBe('');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      [
        'Invoke-WebRequest : {"error":"invalid_request","error_description":"Identity not found"}',
        'At line:1 char:16',
        "+ ... $response = Invoke-WebRequest -Uri 'http://169.254.169.254/metadata/i ...",
        '+                 ' + '~'.repeat(57),
        IWR_CATEGORY,
        IWR_FQID,
        ' ',
        '',
      ].join('\n'),
    );
    const after = await s.run('$?; $null -eq $response; $Error.Count; $Error[0].Exception.Message; $Error[0].Exception.Response.StatusCode');
    expect(after.stdout).toBe('False\nTrue\n1\nThe remote server returned an error: (400) Bad Request.\nBadRequest\n');
  });

  it('identity off, carrying on: step 2 pipes $null into ConvertFrom-Json and gets 5.1\'s binding error', async () => {
    const s = newSession({ identity: false });
    await s.run(STEP1);
    const r = await s.run(STEP2);
    expect(r.stderr.split('\n')).toEqual([
      "ConvertFrom-Json : Cannot bind argument to parameter 'InputObject' because it is null.",
      'At line:1 char:32',
      '+ $content = $response.Content | ConvertFrom-Json',
      '+                                ~~~~~~~~~~~~~~~~',
      '    + CategoryInfo          : InvalidData: (:) [ConvertFrom-Json], ParameterBindingValidationException',
      '    + FullyQualifiedErrorId : ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.ConvertFrom ',
      '   JsonCommand',
      ' ',
      '',
    ]);
  });

  it('header missing: IMDS answers 400 "Required metadata header not specified"', async () => {
    const s = newSession();
    const r = await s.run(`Invoke-WebRequest -Uri 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/' -Method GET`);
    expect(r.stderr.split('\n').slice(0, 4)).toEqual([
      'Invoke-WebRequest : {"error":"invalid_request","error_description":"Required metadata header not specified"}',
      'At line:1 char:1',
      "+ Invoke-WebRequest -Uri 'http://169.254.169.254/metadata/identity/oaut ...",
      '+ ' + '~'.repeat(69),
    ]);
  });

  it('no role yet: step 4 writes the 403 AuthorizationFailed record', async () => {
    const s = newSession({ reader: false });
    for (const step of [STEP1, STEP2, STEP3]) expect((await s.run(step)).stderr).toBe('');
    const r = await s.run(STEP4);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      [
        `Invoke-WebRequest : ${AUTH_FAILED}`,
        'At line:1 char:2',
        '+ (Invoke-WebRequest -Uri https://management.azure.com/subscriptions/98 ...',
        '+  ' + '~'.repeat(68),
        IWR_CATEGORY,
        IWR_FQID,
        ' ',
        '',
      ].join('\n'),
    );
  });

  it('success: the four steps print the resource group JSON exactly as the tutorial shows', async () => {
    const log: Request[] = [];
    const s = newSession({}, log);
    const outputs = [];
    for (const step of [STEP1, STEP2, STEP3, STEP4]) outputs.push(await s.run(step));
    expect(outputs.map((o) => o.stderr)).toEqual(['', '', '', '']);
    expect(outputs.map((o) => o.exitCode)).toEqual([0, 0, 0, 0]);
    expect(outputs[3]?.stdout).toBe(`{"id":"/subscriptions/${SUB}/resourceGroups/${RG}","name":"${RG}","location":"westus","properties":{"provisioningState":"Succeeded"}}\n`);
    // What went on the wire: IMDS with Metadata:true and no proxy headers; ARM with the bearer token from IMDS.
    expect(log.map((r) => `${r.method} ${new URL(r.url).host}`)).toEqual(['GET 169.254.169.254', 'GET management.azure.com']);
    expect(log[0]?.headers.get('Metadata')).toBe('true');
    expect(log[1]?.headers.get('Authorization')).toMatch(/^Bearer eyJ0eXAiOiJKV1Qi/);
    expect(log[1]?.headers.get('User-Agent')).toBe('Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.20348.2849');
  });

  it('the whole quickstart run as one script from the editor gives the same output', async () => {
    const s = newSession();
    const r = await s.run([STEP1, STEP2, STEP3, STEP4].join('\n'));
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('"provisioningState":"Succeeded"');
  });
});

describe('Invoke-RestMethod variant', () => {
  const IRM_TOKEN = `$token = (Invoke-RestMethod -Uri 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/' -Headers @{Metadata="true"}).access_token`;
  const IRM_RG = `Invoke-RestMethod -Uri "https://management.azure.com/subscriptions/${SUB}/resourceGroups/${RG}?api-version=2016-06-01" -Headers @{Authorization = "Bearer $token"}`;

  it('parses JSON into objects; four properties print as a table', async () => {
    const s = newSession();
    expect((await s.run(IRM_TOKEN)).stderr).toBe('');
    const r = await s.run(IRM_RG);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        '',
        'id                                                                      name    location properties',
        '--                                                                      ----    -------- ----------',
        `/subscriptions/${SUB}/resourceGroups/D... DevTest westus   @{provisioningState=Succeeded}`,
        '',
        '',
        '',
      ].join('\n'),
    );
    const props = await s.run(`$rg = ${IRM_RG}; $rg.name; $rg.properties.provisioningState; $rg.GetType().FullName`);
    expect(props.stdout).toBe('DevTest\nSucceeded\nSystem.Management.Automation.PSCustomObject\n');
  });

  it('the IMDS instance sample with -NoProxy fails to bind: -NoProxy needs PowerShell 6+', async () => {
    const s = newSession();
    const r = await s.run('Invoke-RestMethod -Headers @{"Metadata"="true"} -Method GET -NoProxy -Uri "http://169.254.169.254/metadata/instance?api-version=2021-02-01" | ConvertTo-Json -Depth 64');
    expect(r.stderr.split('\n')).toEqual([
      "Invoke-RestMethod : A parameter cannot be found that matches parameter name 'NoProxy'.",
      'At line:1 char:61',
      '+ ... RestMethod -Headers @{"Metadata"="true"} -Method GET -NoProxy -Uri "h ...',
      '+                                                          ~~~~~~~~',
      '    + CategoryInfo          : InvalidArgument: (:) [Invoke-RestMethod], ParameterBindingException',
      '    + FullyQualifiedErrorId : NamedParameterNotFound,Microsoft.PowerShell.Commands.InvokeRestMethodCommand',
      ' ',
      '',
    ]);
  });

  it('a 403 from Invoke-RestMethod is attributed to Invoke-RestMethod', async () => {
    const s = newSession({ reader: false });
    await s.run(IRM_TOKEN);
    const r = await s.run(IRM_RG);
    expect(r.stderr).toContain(`Invoke-RestMethod : ${AUTH_FAILED}\n`);
    // The CategoryInfo line is cut at 114 characters and re-joined with four spaces, as 5.1's error view does,
    // then cut into rows of 119 (the buffer width less one) by ComplexWriter.
    expect(r.stderr).toContain('[Invoke-RestMethod], WebExc \n   eption');
    expect(r.stderr).toContain('WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeRestMethodCommand');
  });
});

describe('try/catch on a 403', () => {
  it('catches the WebException and exposes ErrorDetails.Message and the HttpStatusCode', async () => {
    const s = newSession({ reader: false });
    const r = await s.run(`${STEP1}; $t = ($response.Content | ConvertFrom-Json).access_token
try {
    Invoke-RestMethod -Uri "https://management.azure.com/subscriptions/${SUB}/resourceGroups/${RG}?api-version=2016-06-01" -Headers @{ Authorization = "Bearer $t" }
    "not reached"
} catch [System.Net.WebException] {
    Write-Host "Status:" $_.Exception.Response.StatusCode
    Write-Host "Code:" ([int]$_.Exception.Response.StatusCode) $_.Exception.Response.StatusCode.value__
    ($_.ErrorDetails.Message | ConvertFrom-Json).error.code
    "$_".Length -gt 100
} finally {
    "finally ran"
}`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Status: Forbidden\nCode: 403 403\nAuthorizationFailed\nTrue\nfinally ran\n');
    expect(r.exitCode).toBe(0);
  });

  it('a catch for another exception type does not catch it', async () => {
    const s = newSession({ reader: false });
    const r = await s.run(`try { iwr https://management.azure.com/subscriptions/${SUB}/resourceGroups/${RG}?api-version=2016-06-01 -Headers @{Authorization='Bearer x'} } catch [System.FormatException] { 'wrong' }`);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('iwr : {"error":{"code":"AuthorizationFailed"');
  });
});

describe('network failures map to .NET WebException messages', () => {
  it.each([
    ['http://management.azure.co/', "The remote name could not be resolved: 'management.azure.co'"],
    ['http://refused.example/', 'Unable to connect to the remote server'],
    ['http://slow.example/', 'The operation has timed out.'],
  ])('%s', async (uri, message) => {
    const s = newSession();
    const r = await s.run(`Invoke-WebRequest -Uri ${uri}`);
    expect(r.stderr.split('\n')[0]).toBe(`Invoke-WebRequest : ${message}`);
    expect(r.stderr).toContain(IWR_CATEGORY);
    expect((await s.run('$Error[0].Exception.GetType().FullName')).stdout).toBe('System.Net.WebException\n');
  });
});
