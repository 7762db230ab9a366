/**
 * The switch statement, one behaviour per row: source → what 5.1 prints. Examples from about_Switch,
 * plus the engine's own rules (Compiler.VisitSwitchStatement): conditions compare as strings, every
 * matching clause runs, `default` only when none did, break/continue belong to the switch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newSession } from './fake-azure';

async function run(source: string) {
  return newSession().run(source);
}

const BING = `$target = 'https://bing.com'
switch -Regex ($target) {
    '^ftp\\://.*$'
        {
            "$_ is an ftp address"
            break
        }
    '^\\w+@\\w+\\.com|edu|org$'
        {
            "$_ is an email address"
            break
        }
    '^(http[s]?)\\://.*$'
        {
            "$_ is a web address that uses $($Matches[1])"
            break
        }
}`;

const ODD_EVEN = `switch (1,4,-1,3,"Hello",2,1) {
    {$_ -lt 0}           { continue }
    {$_ -isnot [Int32]}  { break }
    {$_ % 2}             { "$_ is Odd" }
    {-not ($_ % 2)}      { "$_ is Even" }
}`;

describe('switch', () => {
  it.each([
    // matching: every clause whose condition matches runs, in order
    ['switch (3) { 1 {"It is one."} 2 {"It is two."} 3 {"It is three."} 4 {"It is four."} }', 'It is three.'],
    ['switch (3) { 1 {"It is one."} 3 {"It is three."} 4 {"It is four."} 3 {"Three again."} }', 'It is three.\nThree again.'],
    ['switch (3) {\n    3 { "It is three."; break }\n    3 { "Three again." }\n}', 'It is three.'],
    // an array is switched item by item; break ends the whole switch, continue moves to the next item
    ['switch (4, 2) { 1 {"one"} 2 {"two"} 4 {"four"} }', 'four\ntwo'],
    ['switch (4, 2) { 2 {"two"; break} 4 {"four"; break} }', 'four'],
    [ODD_EVEN, '1 is Odd\n4 is Even\n3 is Odd'],
    ['switch (1..3) { {$_ -ge 2} { "big $_"; continue } default { "small $_" } }', 'small 1\nbig 2\nbig 3'],
    // default runs per item when nothing else matched, wherever it is written
    ['switch ("fourteen") { 1 {"It is one."} "fo*" {"Too many."} default {"No matches"} }', 'No matches'],
    ['switch (1, 5) { default { "default $_" } 1 { "one" } }', 'one\ndefault 5'],
    // comparisons ignore case unless -CaseSensitive; the last of -Regex/-Wildcard/-Exact wins
    ['switch ("ABC") { "abc" { "matched" } }', 'matched'],
    ['switch -CaseSensitive ("ABC") { "abc" { "lower" } "ABC" { "upper" } }', 'upper'],
    ['switch -Wildcard ("fourteen") { 1 {"It is one."} "fo*" {"Too many."} }', 'Too many.'],
    ['switch -Wildcard ("FOURTEEN") { "fo*" {"any case"} }; switch -Wildcard -CaseSensitive ("FOURTEEN") { "fo*" {"no"} default {"case matters"} }', 'any case\ncase matters'],
    ['switch -Exact ("fo*") { "fo*" { "literal" } }; switch ("fourteen") { "fo*" { "not a pattern" } default { "exact by default" } }', 'literal\nexact by default'],
    ['switch -Wildcard -Regex ("abc") { "^a" { "regex wins" } }', 'regex wins'],
    ['switch -Regex -Exact ("abc") { "a" { "regex" } default { "exact wins" } }', 'exact wins'],
    ['switch -r ("abc") { "B" { "-r is -Regex" } }; switch -w ("abc") { "A*" { "-w is -Wildcard" } }', '-r is -Regex\n-w is -Wildcard'],
    // -Regex sets $Matches for the clause that matched (and it stays set afterwards)
    [BING, 'https://bing.com is a web address that uses https'],
    ['switch -Regex ("key=value") { "(?<k>\\w+)=(?<v>\\w+)" { "$($Matches.k) -> $($Matches.v)" } }; $Matches[0]', 'key -> value\nkey=value'],
    ['switch -Regex ("ab") { "^a(.)" { $Matches[1] } }', 'b'],
    // conditions and input are compared as strings, not with -eq's conversions
    ['switch (1.0) { 1 { "1.0 is 1" } }; switch ("01") { 1 { "numeric" } default { "not equal as strings" } }', '1.0 is 1\nnot equal as strings'],
    ['switch -Wildcard (123) { 1* { "starts with 1" } }; switch -Regex (11) { 1 { "regex on a number" } }', 'starts with 1\nregex on a number'],
    ["$test = @{ Test = 'test' }\nswitch -Exact ($test) {\n    'System.Collections.Hashtable' { 'Hashtable string coercion' }\n    'test' { 'Hashtable value' }\n}", 'Hashtable string coercion'],
    ['switch ($true) { $true { "bool" } }; switch ("default") { "default" { "a quoted default is a string" } }', 'bool\na quoted default is a string'],
    // script-block conditions see $_; $_ and $PSItem hold the item and come back afterwards
    ['switch ("Test") {\n    { $_ -is [String] } { "Found a string" }\n    "Test" { "This $_ executes as well" }\n}', 'Found a string\nThis Test executes as well'],
    ['switch (1, 2) { default { "$_/$PSItem" } }', '1/1\n2/2'],
    ['"outer" | ForEach-Object { switch (1) { 1 { $_ } }; $_ }', '1\nouter'],
    ['$s = "x"; switch ($s) { $s { "variable" } "$s" { "expandable" } ("X") { "parenthesized" } }', 'variable\nexpandable\nparenthesized'],
    // the switch writes to the pipeline, so it can be assigned or embedded
    ['$r = switch (1..5) { {$_ -gt 3} {"hi $_"} default {"lo $_"} }; $r.Count; $r[0]; $r[-1]', '5\nlo 1\nhi 5'],
    ['"$(switch (2) { 2 { "two" } })"', 'two'],
    // $null is switched once; an empty collection runs no clause, not even default
    ['switch ($null) { $null { "null" } default { "default" } }', 'null'],
    ['switch (@()) { default { "never" } }; "after"', 'after'],
    ['$x = @(); switch ($x) { default { "never" } }; "after"', 'after'],
    // break and continue inside a switch stay in the switch, also inside a loop
    ['foreach ($i in 1..3) { switch ($i) { 2 { "two"; break } default { "x$i" } }; "end $i" }', 'x1\nend 1\ntwo\nend 2\nx3\nend 3'],
    ['foreach ($i in 1..3) { switch ($i) { 2 { continue } default { "x$i" } }; "end $i" }', 'x1\nend 1\nend 2\nx3\nend 3'],
    ['$i = 0; while ($true) { $i++; switch ($i) { 3 { break } }; if ($i -ge 5) { break } }; $i', '5'],
    ['function f($v) { switch ($v) { 1 { return "one" } default { "other" } }; "after" }; f 1; f 2', 'one\nother\nafter'],
    ['switch (1) { 1 { switch ("a") { "A" { "inner" } }; "outer" } }', 'inner\nouter'],
    // layouts tree-sitter's grammar gets wrong: one line, quoted conditions with spaces or brackets, comments
    ['switch ("a b") { "a b" {"spaces"} default {"d"} }\n"after"', 'spaces\nafter'],
    ['switch (1) {1{"tight"}}', 'tight'],
    ['switch (2) { # comment\n  1 {"a"} # trailing\n  <# block #> 2 {"b"}\n}', 'b'],
    ['switch ($x)\n{\n    "a" { "A" }\n    Default\n    {\n        "D"\n    }\n}', 'D'],
    // the token-padding idiom from the IMDS docs
    ["$p = 'abc'\nswitch ($p.Length % 4) { 2 { $p += '==' } 3 { $p += '=' } }\n$p", 'abc='],
  ])('%s', async (source, expected) => {
    const r = await run(source);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expected + '\n');
  });

  it('a status code from Invoke-WebRequest is an int; an HttpStatusCode compares by its name, as in 5.1', async () => {
    const s = newSession({ reader: false });
    const ok = await s.run(`$token = (Invoke-RestMethod -Uri 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/' -Headers @{Metadata="true"}).access_token
try {
  Invoke-WebRequest -Uri 'https://management.azure.com/subscriptions/98f51385-2edc-4b79-bed9-7718de4cb861/resourceGroups/DevTest?api-version=2021-04-01' -Headers @{ Authorization = "Bearer $token" } -UseBasicParsing
} catch {
  $code = $_.Exception.Response.StatusCode
  switch ($code) { 403 { "by number" } "Forbidden" { "by name" } default { "other: $_" } }
  switch ([int]$code) { 403 { "as [int]: 403" } }
}`);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toBe('by name\nas [int]: 403\n');
  });

  it('an error in a clause body is non-terminating; an error in a condition stops the switch', async () => {
    const body = await run('switch (1, 2) { default { Get-Nope; "after $_" } }; "next"');
    expect(body.stdout).toBe('after 1\nafter 2\nnext\n');
    expect(body.stderr.match(/CommandNotFoundException/g)).toHaveLength(4);
    const condition = await run('switch (1, 2) { ($null.Foo()) { "x" } default { "d$_" } }; "next"');
    expect(condition.stdout).toBe('next\n');
    expect(condition.stderr.split('\n').slice(0, 4)).toEqual([
      'You cannot call a method on a null-valued expression.',
      'At line:1 char:18',
      '+ switch (1, 2) { ($null.Foo()) { "x" } default { "d$_" } }; "next"',
      '+                  ~~~~~~~~~~~',
    ]);
    const regex = await run('switch -Regex ("a") { "(" { 1 } }');
    expect(regex.stderr.split('\n')[0]).toBe('The regular expression pattern ( is not valid.');
    expect(regex.stderr).toContain('FullyQualifiedErrorId : InvalidRegularExpression');
    const caught = await run('try { switch (1) { 1 { throw "boom" } } } catch { "caught $_" }');
    expect(caught.stdout).toBe('caught boom\n');
  });

  it('a function with a switch works in later runs and after snapshot/restore', async () => {
    const s = newSession();
    await s.run('function Get-Kind($v) { switch -Regex ($v) { "^a(.)" { "a then $($Matches[1])" } default { "other $v" } } }');
    expect((await s.run('Get-Kind "ab"; Get-Kind 2')).stdout).toBe('a then b\nother 2\n');
    const t = newSession();
    t.restore(JSON.parse(JSON.stringify(s.snapshot())));
    expect((await t.run('"first"; Get-Kind "ac"')).stdout).toBe('first\na then c\n');
  });

  it('-File is not simulated', async () => {
    const r = await run('switch -Regex -File .\\README.md { "^##\\s" { break } default { $_ } }');
    expect(r.stderr.split('\n')[0]).toBe("The switch statement's -File parameter (reading a file line by line) is not simulated here. The sandbox runs the subset of Windows PowerShell 5.1 that scripts against IMDS and ARM use.");
    expect(r.stderr).toContain('FullyQualifiedErrorId : NotSimulated');
  });

  it.each([
    ['switch (1) { }', 'At line:1 char:13', '+             ~', 'Missing condition in switch statement clause.', 'MissingSwitchConditionExpression'],
    ['switch (1) { 1 }', 'At line:1 char:15', '+               ~', 'Missing statement block in switch statement clause.', 'MissingSwitchStatementClause'],
    ['switch (1) { default {} default {} }', 'At line:1 char:25', '+                         ~~~~~~~', 'A switch statement can have only one default clause.', 'MultipleSwitchDefaultClauses'],
    ['switch -foo (1) { 1 {} }', 'At line:1 char:8', '+        ~~~~', 'The parameter foo is not valid for the switch statement.', 'InvalidSwitchFlag'],
    ['switch (1) 2', 'At line:1 char:11', '+           ~', "Missing '{' in switch statement.", 'MissingCurlyBraceInSwitchStatement'],
  ])('parse error: %s', async (source, at, marker, message, errorId) => {
    const r = await run(source);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([at, `+ ${source}`, marker, message, '    + CategoryInfo          : ParserError: (:) [], ParentContainsErrorRecordException', `    + FullyQualifiedErrorId : ${errorId}`, ' ', '']);
  });

  it('a parse error inside a clause block is still reported before anything runs', async () => {
    const r = await run('"first"\nswitch (1) { 1 { "x" } 2 { if ( } }');
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('ParserError');
  });

  it('an unfinished switch asks for more input', () => {
    const s = newSession();
    expect(s.isIncomplete('switch ($x) {')).toBe(true);
    expect(s.isIncomplete('switch ($x) {\n  1 { "one" }')).toBe(true);
    expect(s.isIncomplete('switch ($x) { 1 { "one" } }')).toBe(false);
  });

  it('for random ints and a threshold, a script-block condition with default is the JS map', async () => {
    const s = newSession();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 12 }), fc.integer({ min: -1000, max: 1000 }), async (a, t) => {
        const r = await s.run(`$a = @(${a.join(', ')}); $t = ${t}\nswitch ($a) { {$_ -gt $t} {'hi'} default {'lo'} }`);
        expect(r.stderr).toBe('');
        expect(r.stdout).toBe(a.map((x) => (x > t ? 'hi\n' : 'lo\n')).join(''));
      }),
      { numRuns: 60 },
    );
  }, 30_000);

  it('for random ints, a break at the first match stops at the JS findIndex', async () => {
    const s = newSession();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 10 }), fc.integer({ min: 0, max: 9 }), async (a, k) => {
        const r = await s.run(`switch (@(${a.join(', ')})) { ${k} { "found"; break } default { $_ } }`);
        const stop = a.indexOf(k);
        const expected = [...(stop === -1 ? a : a.slice(0, stop)).map(String), ...(stop === -1 ? [] : ['found'])];
        expect(r.stdout).toBe(expected.map((x) => x + '\n').join(''));
      }),
      { numRuns: 60 },
    );
  }, 30_000);
});
