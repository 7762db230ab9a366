/**
 * Parse errors are reported before anything runs, as 5.1's ParserError records with its messages and
 * positions; unfinished input is recognised so the terminal can continue with `>> `.
 */
import { describe, expect, it } from 'vitest';
import { newSession } from './fake-azure';

const PARSER_CATEGORY = '    + CategoryInfo          : ParserError: (:) [], ParentContainsErrorRecordException';

describe('parse errors', () => {
  it.each([
    ['if ($true) {', 'At line:1 char:12', '+ if ($true) {', '+            ~', "Missing closing '}' in statement block or type definition.", 'MissingEndCurlyBrace'],
    ['echo "abc', 'At line:1 char:6', '+ echo "abc', '+      ~~~~', 'The string is missing the terminator: ".', 'TerminatorExpectedAtEndOfString'],
    ["$x = 'abc", 'At line:1 char:6', "+ $x = 'abc", '+      ~~~~', "The string is missing the terminator: '.", 'TerminatorExpectedAtEndOfString'],
    ['$x = (1 + 2', 'At line:1 char:12', '+ $x = (1 + 2', '+            ~', "Missing closing ')' in expression.", 'MissingEndParenthesisInExpression'],
    ['if ($x -eq 1 { 2 }', 'At line:1 char:19', '+ if ($x -eq 1 { 2 }', '+                   ~', "Missing closing ')' after expression in 'if' statement.", 'MissingEndParenthesisAfterStatementCondition'],
    ['1 + 2 }', 'At line:1 char:7', '+ 1 + 2 }', '+       ~', "Unexpected token '}' in expression or statement.", 'UnexpectedToken'],
    ['Get-Date && Get-Date', 'At line:1 char:10', '+ Get-Date && Get-Date', '+          ~~', "The token '&&' is not a valid statement separator in this version.", 'InvalidEndOfLine'],
    ['$h = @{ a = 1', 'At line:1 char:6', '+ $h = @{ a = 1', '+      ~~', "Missing closing '}' in hash literal.", 'IncompleteHashLiteral'],
  ])('%s', async (source, at, line, marker, message, errorId) => {
    const s = newSession();
    const r = await s.run(source);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([at, line, marker, message, PARSER_CATEGORY, `    + FullyQualifiedErrorId : ${errorId}`, ' ', '']);
  });

  it('an unquoted & in a URL (the quickstart without quotes) is a parse error, and nothing runs', async () => {
    const log: Request[] = [];
    const s = newSession({}, log);
    const r = await s.run('Write-Host before; Invoke-WebRequest -Uri http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/ -Headers @{Metadata="true"}');
    expect(r.stdout).toBe('');
    expect(log).toHaveLength(0);
    expect(r.stderr.split('\n').slice(0, 4)).toEqual([
      'At line:1 char:119',
      '+ ... 69.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource ...',
      '+                                                                 ~',
      'The ampersand (&) character is not allowed. The & operator is reserved for future use; wrap an ampersand in double quotation marks ("&") to pass it as part of a string.',
    ]);
    expect(r.stderr).toContain('FullyQualifiedErrorId : AmpersandNotAllowed');
  });

  it('placeholders copied from the tutorial: each < is reported', async () => {
    const r = await newSession().run('Invoke-WebRequest -Uri https://management.azure.com/subscriptions/<SUBSCRIPTION ID>/resourceGroups/<RESOURCE GROUP>?api-version=2016-06-01');
    expect(r.stderr.match(/The '<' operator is reserved for future use\./g)).toHaveLength(2);
    expect(r.stderr).toContain('FullyQualifiedErrorId : RedirectionNotSupported');
  });

  it('a parse error fills $Error and $? like any other error', async () => {
    const s = newSession();
    await s.run('if (');
    const r = await s.run('$?; $Error[0].CategoryInfo.Category; $Error[0].FullyQualifiedErrorId');
    expect(r.stdout).toBe('False\nParserError\nIfStatementMissingCondition\n');
  });

  it('command lines tree-sitter cannot parse but PowerShell can still run', async () => {
    const s = newSession();
    const r = await s.run(`$o = [pscustomobject]@{id=1; name='rg'; location='westus'}
$o | Select-Object id, name
$o | Select-Object -Property id , name -First 1 | Format-Table -AutoSize`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(['', 'id name', '-- ----', ' 1 rg', '', '', '', 'id name', '-- ----', ' 1 rg', '', '', ''].join('\n'));
  });
});

describe('isIncomplete (the terminal shows >> )', () => {
  const s = newSession();
  it.each([
    ['if ($true) {', true],
    ['foreach ($i in 1..3) {\n  $i', true],
    ['"open string', true],
    ["'open string", true],
    ['@"\nhere-string', true],
    ["@'\nhere\n'@", false],
    ['Get-Date `', true],
    ['Get-Date |', true],
    ['$x = @{', true],
    ['$x = (1 +', true],
    ['<# comment', true],
    ['Get-Date', false],
    ['if ($true) { 1 }', false],
    ['1 + 2 }', false],
    ['# just a comment {', false],
    ['"a `" b"', false],
    ['"$(Get-Date"', true],
    ['', false],
  ])('%j → %s', (source, expected) => {
    expect(s.isIncomplete(source)).toBe(expected);
  });
});

describe('grammar-gap recovery does not skip unrelated code', () => {
  it('a function defined earlier still runs after a recovered command line', async () => {
    const s = newSession();
    const r = await s.run(`function Get-Word { "word" }
$o = [pscustomobject]@{ id = 1; name = 'n' }
$o | Select-Object id, name | Out-Null
Get-Word`);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('word\n');
    expect((await s.run('Get-Word')).stdout).toBe('word\n');
  });
});

describe('bare hash-literal keys (5.1 reads a bare key as a simple name: letters, digits, _)', () => {
  it('the storage tutorial\'s headers without quotes around x-ms-version: two parse errors after `x`, and nothing is sent', async () => {
    const log: Request[] = [];
    const s = newSession({}, log);
    const r = await s.run('Invoke-WebRequest -Uri https://mysandboxstorage.blob.core.windows.net/mycontainer/hello.txt -Headers @{Authorization="Bearer $AccessToken"; x-ms-version="2017-11-09"}');
    expect(log).toHaveLength(0);
    expect(r.stdout).toBe('');
    const position = [
      'At line:1 char:142',
      '+ ... r/hello.txt -Headers @{Authorization="Bearer $AccessToken"; x-ms-vers ...',
      '+                                                                  ~',
    ];
    expect(r.stderr.split('\n')).toEqual([
      ...position,
      "Missing '=' operator after key in hash literal.",
      ...position,
      'The hash literal was incomplete.',
      PARSER_CATEGORY,
      '    + FullyQualifiedErrorId : MissingEqualsInHashLiteral',
      ' ',
      '',
    ]);
  });

  it('on a line of its own inside a multi-line literal, as 5.1 reports it', async () => {
    const r = await newSession().run('$user = @{\n  Givenname = "Taro"\n  Display-Name = "Tanaka Taro"\n}');
    expect(r.stderr.split('\n').slice(0, 8)).toEqual([
      'At line:3 char:10',
      '+   Display-Name = "Tanaka Taro"',
      '+          ~',
      "Missing '=' operator after key in hash literal.",
      'At line:3 char:10',
      '+   Display-Name = "Tanaka Taro"',
      '+          ~',
      'The hash literal was incomplete.',
    ]);
  });

  it('quoted, spaced and computed keys are fine', async () => {
    const s = newSession();
    const r = await s.run('$k = "Metadata"; $h = @{ Authorization ="Bearer x"; "x-ms-version"="2017-11-09"; \'a-b\' = 1; ($k) = $true }; $h.Count; $h["x-ms-version"]');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('4\n2017-11-09\n');
  });
});
