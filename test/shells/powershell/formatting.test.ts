/**
 * Output layouts compared with Windows PowerShell 5.1's: list and table views (and when each is chosen),
 * the Invoke-WebRequest response view, hashtables, ConvertTo-Json's indentation, Get-Member, error views.
 */
import { describe, expect, it } from 'vitest';
import { newSession, RG, SUB } from './fake-azure';
import { prettyJson } from '../../../src/shells/powershell/format/json';

async function out(source: string): Promise<string> {
  const r = await newSession().run(source);
  expect(r.stderr).toBe('');
  return r.stdout;
}

const lines = (...l: string[]) => l.join('\n');

describe('Out-Default view selection', () => {
  it.each([
    ['four properties → table', '[pscustomobject]@{a=1;b="two";c=$true;d=$null}', lines('', 'a b   c    d', '- -   -    -', '1 two True', '', '', '')],
    ['five properties → list', '[pscustomobject]@{a=1;b=2;c=3;d=4;e=5}', lines('', '', 'a : 1', 'b : 2', 'c : 3', 'd : 4', 'e : 5', '', '', '')],
    ['scalars one per line', '"text"; 42; 1.5; $true', lines('text', '42', '1.5', 'True', '')],
    ['an array is enumerated', '1,2,3', lines('1', '2', '3', '')],
    ['hashtable → Name/Value table with a 30-wide Name column', '@{ Metadata = "true" }', lines('', 'Name                           Value', '----                           -----', 'Metadata                       true', '', '', '')],
    [
      'the first object decides the columns (the 5.1 table gotcha)',
      '[pscustomobject]@{a=1}; [pscustomobject]@{b=2}',
      lines('', 'a', '-', '1', '', '', '', ''),
    ],
    ['numbers right-aligned, text left', '[pscustomobject]@{Name="a"; Count=10}, [pscustomobject]@{Name="bbbbbb"; Count=2}', lines('', 'Name   Count', '----   -----', 'a         10', 'bbbbbb     2', '', '', '')],
    ['nested objects and arrays in cells', '[pscustomobject]@{p=[pscustomobject]@{provisioningState="Succeeded"}; list=1,2,3,4,5}', lines('', 'p                              list', '-                              ----', '@{provisioningState=Succeeded} {1, 2, 3, 4...}', '', '', '')],
    ['Get-Date as the long date', 'Get-Date', lines('', 'Friday, November 27, 2026 7:30:00 AM', '', '', '')],
    ['System.Version', '$PSVersionTable.PSVersion', lines('', 'Major  Minor  Build  Revision', '-----  -----  -----  --------', '5      1      20348  2849', '', '', '')],
  ])('%s', async (_name, source, expected) => {
    expect(await out(source)).toBe(expected);
  });

  it('$PSVersionTable reports Windows PowerShell 5.1 Desktop', async () => {
    const text = await out('$PSVersionTable');
    expect(text.split('\n').slice(0, 6)).toEqual([
      '',
      'Name                           Value',
      '----                           -----',
      'PSVersion                      5.1.20348.2849',
      'PSEdition                      Desktop',
      'PSCompatibleVersions           {1.0, 2.0, 3.0, 4.0...}',
    ]);
  });
});

describe('Format-List and Format-Table', () => {
  it.each([
    ['Format-List pads names to the longest', '[pscustomobject]@{id=1;name="x"} | Format-List', lines('', '', 'id   : 1', 'name : x', '', '', '')],
    ['Format-List -Property picks and orders', '[pscustomobject]@{id=1;name="x";location="westus"} | fl location, id', lines('', '', 'location : westus', 'id       : 1', '', '', '')],
    ['Format-List of a hashtable lists each entry', '@{a=1} | Format-List', lines('', '', 'Name  : a', 'Value : 1', '', '', '')],
    ['Format-Table turns five properties into a table', '[pscustomobject]@{a=1;b=2;c=3;d=4;e=5} | Format-Table', lines('', 'a b c d e', '- - - - -', '1 2 3 4 5', '', '', '')],
    ['Format-Table -Property with a calculated column', "[pscustomobject]@{n='x';v=2} | ft n, @{Name='Double'; Expression={ $_.v * 2 }} -AutoSize", lines('', 'n Double', '- ------', 'x      4', '', '', '')],
    // Lines end in \n here (5.1 uses \r\n, which would make this 15): the one documented difference.
    ['Out-String captures the formatted text', '$s = [pscustomobject]@{a=1} | Out-String; $s.Length; $s.Trim()', lines('9', 'a', '-', '1', '')],
  ])('%s', async (_name, source, expected) => {
    expect(await out(source)).toBe(expected);
  });

  it('long list values wrap at the console width under the value column', async () => {
    const text = await out(`[pscustomobject]@{token='${'x'.repeat(150)}'; id=1} | Format-List`);
    expect(text).toBe(lines('', '', `token : ${'x'.repeat(111)}`, `        ${'x'.repeat(39)}`, 'id    : 1', '', '', ''));
  });

  it('a table wider than the console shrinks its widest column with "..."', async () => {
    const text = await out(`[pscustomobject]@{id='${'/x'.repeat(70)}'; name='DevTest'}`);
    const [, header, , row] = text.split('\n');
    expect(row?.length).toBeLessThanOrEqual(119);
    expect(row).toMatch(/^\/x\/x.*\.\.\. DevTest$/);
    expect(header).toMatch(/^id +name$/);
  });
});

describe('Invoke-WebRequest response view', () => {
  it('-UseBasicParsing: the eleven properties of BasicHtmlWebResponseObject, Content and RawContent cut at 200 characters', async () => {
    const text = await out(`iwr "https://management.azure.com/subscriptions/${SUB}/resourceGroups/${RG}?api-version=2016-06-01" -Headers @{Authorization="Bearer x"} -UseBasicParsing`);
    expect(text).toBe(
      lines(
        '',
        '',
        'StatusCode        : 200',
        'StatusDescription : OK',
        `Content           : {"id":"/subscriptions/${SUB}/resourceGroups/${RG}","name":"${RG}"`,
        '                    ,"location":"westus","properties":{"provisioningState":"Succeeded"}}',
        'RawContent        : HTTP/1.1 200 OK',
        '                    Cache-Control: no-cache',
        '                    Content-Length: 167',
        '                    Content-Type: application/json; charset=utf-8',
        '                    Expires: -1',
        '                    Pragma: no-cache',
        '                    x-ms-request-id: b1a7a1f0-0c5e-4f7e-9c8e-2f0e3a4b5c6d',
        '',
        '                    {"...',
        'Forms             :',
        'Headers           : {[Cache-Control, no-cache], [Content-Length, 167], [Content-Type, application/json; charset=utf-8],',
        '                    [Expires, -1]...}',
        'Images            : {}',
        'InputFields       : {}',
        'Links             : {}',
        'ParsedHtml        :',
        'RawContentLength  : 167',
        '',
        '',
        '',
      ),
    );
  });

  it('$response.Headers is a Dictionary<string,string>: a Key/Value table', async () => {
    const text = await out(`(iwr "https://management.azure.com/subscriptions/${SUB}/resourceGroups/${RG}?api-version=2016-06-01" -Headers @{Authorization="Bearer x"}).Headers`);
    expect(text.split('\n').slice(0, 5)).toEqual(['', 'Key             Value', '---             -----', 'Cache-Control   no-cache', 'Content-Length  167']);
  });

  it('without -UseBasicParsing: HtmlWebResponseObject with Forms {} and ParsedHtml', async () => {
    const text = await out(`iwr "https://management.azure.com/subscriptions/${SUB}/resourceGroups/${RG}?api-version=2016-06-01" -Headers @{Authorization="Bearer x"}`);
    expect(text).toContain('\nForms             : {}\n');
    expect(text).toContain('\nParsedHtml        : mshtml.HTMLDocumentClass\n');
  });

  it('the response object behaves like 5.1\'s: StatusCode int, Headers dictionary, string form is the content', async () => {
    const text = await out(`$r = iwr "https://management.azure.com/subscriptions/${SUB}/resourceGroups/${RG}?api-version=2016-06-01" -Headers @{Authorization="Bearer x"}
$r.StatusCode + 1; $r.Headers['Content-Type']; "$r".StartsWith('{"id"'); $r.RawContentLength`);
    expect(text).toBe(lines('201', 'application/json; charset=utf-8', 'True', '167', ''));
  });
});

describe('ConvertTo-Json (5.1 layout)', () => {
  it.each([
    ['nested object aligned after its key', '@{a=1; b=@{c=2}}', lines('{', '    "a":  1,', '    "b":  {', '              "c":  2', '          }', '}', '')],
    ['empty array keeps the famous blank line', '[ordered]@{e=@(); f=@(1)}', lines('{', '    "e":  [', '', '          ],', '    "f":  [', '              1', '          ]', '}', '')],
    ['JavaScriptSerializer escapes < > & \'', '@{h="it\'s <b> & co"}', lines('{', '    "h":  "it\\u0027s \\u003cb\\u003e \\u0026 co"', '}', '')],
    ['default -Depth 2 turns deeper objects into their type name', '@{a=@{b=@{c=@{d=1}}}}', lines('{', '    "a":  {', '              "b":  {', '                        "c":  "System.Collections.Hashtable"', '                    }', '          }', '}', '')],
    ['-Compress is the serializer\'s raw output', '@{a=@(1,2); b=$null}', null],
    ['a top-level array', '@(1, "two")', lines('[', '    1,', '    "two"', ']', '')],
    ['a string', '"x"', lines('"x"', '')],
  ])('%s', async (name, value, expected) => {
    const compress = name.includes('-Compress');
    const text = await out(`${value} | ConvertTo-Json${compress ? ' -Compress' : ''}`);
    expect(text).toBe(expected ?? '{"a":[1,2],"b":null}\n');
  });

  it('the resource group round-trips through ConvertFrom-Json / ConvertTo-Json like 5.1', async () => {
    const text = await out(`'{"id":"/subscriptions/${SUB}/resourceGroups/${RG}","name":"${RG}","location":"westus","properties":{"provisioningState":"Succeeded"}}' | ConvertFrom-Json | ConvertTo-Json`);
    expect(text).toBe(
      lines(
        '{',
        `    "id":  "/subscriptions/${SUB}/resourceGroups/${RG}",`,
        `    "name":  "${RG}",`,
        '    "location":  "westus",',
        '    "properties":  {',
        '                       "provisioningState":  "Succeeded"',
        '                   }',
        '}',
        '',
      ),
    );
  });

  it('prettyJson preserves the data of any compact JSON (fast-check)', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const compact = JSON.stringify(v);
        expect(JSON.parse(prettyJson(compact))).toEqual(JSON.parse(compact));
      }),
      { numRuns: 300 },
    );
  });
});

describe('Get-Member', () => {
  it('lists methods, then note properties, under the TypeName header', async () => {
    expect(await out('[pscustomobject]@{token_type="Bearer"; expires_in="86400"} | Get-Member')).toBe(
      lines(
        '',
        '   TypeName: System.Management.Automation.PSCustomObject',
        '',
        'Name        MemberType   Definition',
        '----        ----------   ----------',
        'Equals      Method       bool Equals(System.Object obj)',
        'GetHashCode Method       int GetHashCode()',
        'GetType     Method       type GetType()',
        'ToString    Method       string ToString()',
        'expires_in  NoteProperty string expires_in=86400',
        'token_type  NoteProperty string token_type=Bearer',
        '',
        '',
        '',
      ),
    );
  });
});

describe('console width', () => {
  it('resize() changes where list values wrap and where the error view cuts CategoryInfo', async () => {
    const s = newSession();
    s.resize(80);
    const list = await s.run(`[pscustomobject]@{token='${'x'.repeat(100)}'} | Format-List`);
    expect(list.stdout.split('\n')[2]).toBe(`token : ${'x'.repeat(71)}`);
    const err = await s.run('iwr http://nohost.example/');
    // 80 columns: pieces of 74 characters joined with four spaces, then rows of 79.
    expect(err.stderr).toContain('    + CategoryInfo          : InvalidOperation: (System.Net.HttpWebRequest:Htt \n   pWebRequest) [Invoke-WebRequest], WebException\n');
  });

  it('at 38 columns (a phone) the error record is cut into rows of 37 as 5.1 writes it: words split across rows, never gapped inside one', async () => {
    const s = newSession();
    s.resize(38);
    const err = await s.run('iwr http://nohost.example/');
    const lines = err.stderr.split('\n');
    const at = lines.indexOf('    + CategoryInfo          : Invali ');
    // The pieces of 32 (38 - 6) are joined with four spaces; ComplexWriter's rows of 37 make the indent drift by one per row.
    expect(lines.slice(at, at + 4)).toEqual(['    + CategoryInfo          : Invali ', '   dOperation: (System.Net.HttpWebR  ', '  equest:HttpWebRequest) [Invoke-W   ', ' ebRequest], WebException']);
    for (const line of lines.slice(at)) expect(line.length).toBeLessThanOrEqual(37);
    expect(err.stderr).not.toContain('Invoke-W    eb');
  });
});
