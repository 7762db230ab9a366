/**
 * The language subset scripts against IMDS and ARM use, one behaviour per row: source → what 5.1 prints.
 */
import { describe, expect, it } from 'vitest';
import { newSession } from './fake-azure';

async function run(source: string) {
  return newSession().run(source);
}

describe('expressions and statements', () => {
  it.each([
    // variables, automatic variables, environment
    ['$x = 5; $x', '5'],
    ['$a, $b = 1, 2; "$b $a"', '2 1'],
    ['$env:USERNAME; $env:COMPUTERNAME; $env:NOPE -eq $null', 'azureuser\nMYWINDOWSVM\nTrue'],
    ['$env:MY_VAR = "x"; $env:my_var', 'x'],
    ['$true; $false; $null -eq $null', 'True\nFalse\nTrue'],
    ['${my var} = 3; ${my var}', '3'],
    ['$HOME; $PSEdition', 'C:\\Users\\azureuser\nDesktop'],
    // strings
    ["'single $x `n'", 'single $x `n'],
    ["'it''s'", "it's"],
    ['$n = "W"; "a $n b"', 'a W b'],
    ['$o = [pscustomobject]@{p=1}; "v: $($o.p + 1) and $o.p"', 'v: 2 and @{p=1}.p'],
    ['"tab`tend`nnext ""q"" `$x"', 'tab\tend\nnext "q" $x'],
    ["@'\nliteral $x\n'@", 'literal $x'],
    ['$v = 7; @"\nv=$v\n$($v * 2)\n"@', 'v=7\n14'],
    ['"abc".Length; "a,b".Split(",").Count; "Hello".ToUpper()', '3\n2\nHELLO'],
    ['"  x ".Trim() + "|"; "abc".Substring(1); "abc".Replace("b", "X"); "abc".Contains("bc")', 'x|\nbc\naXc\nTrue'],
    ['"{0}-{1}" -f "a", 5; "{0:N0}" -f 12345; "{0,5}|" -f "ab"', 'a-5\n12,345\n   ab|'],
    ['"ab" * 3; "a" + 1 + 2', 'ababab\na12'],
    // numbers
    ['1 + 2 * 3; 7 / 2; 7 % 3; 0x10; 1kb; 1.5e2', '7\n3.5\n1\n16\n1024\n150'],
    ['[int]"42" + 1; "5" + 1; 1 + "5"', '43\n51\n6'],
    ['[int]2.5; [int]3.5; [math]::Round(2.567, 2)', '2\n4\n2.57'],
    // arrays
    ['$a = @(1, 2, 3); $a.Count; $a[0]; $a[-1]; $a[1..2] -join ","', '3\n1\n3\n2,3'],
    ['$a = @(); $a += "x"; $a += "y"; $a.Length; $a', '2\nx\ny'],
    ['@(1,2,3) -contains 2; 2 -in @(1,2); @(1,2,3,4) -gt 2', 'True\nTrue\n3\n4'],
    ['$a = 1..3; $a.GetType().FullName; (1..3).Count', 'System.Object[]\n3'],
    // hashtables
    ['$h = @{ a = 1; "b c" = 2 }; $h.a; $h["b c"]; $h.Count; $h.ContainsKey("A")', '1\n2\n2\nTrue'],
    ['$h = @{}\n$h.Add("k", "v")\n$h.k; $h.Keys', 'v\nk'],
    ['$h = [ordered]@{ z = 1; a = 2 }; $h.Keys -join ","', 'z,a'],
    ['$h = @{ list = @(1, 2); nested = @{ x = "y" } }; $h.nested.x; $h.list[1]', 'y\n2'],
    // objects
    ['$o = [pscustomobject]@{ Name = "n"; Size = 3 }; $o.Name; $o.Size + 1; $o.Missing -eq $null', 'n\n4\nTrue'],
    ['$o = [pscustomobject]@{ a = 1 }; $o.a = 5; $o.a', '5'],
    ['$list = @([pscustomobject]@{n=1}, [pscustomobject]@{n=2}); $list.n -join "+"', '1+2'],
    ['$o = [pscustomobject]@{ a = 1; b = 2 }; ($o.psobject.Properties | ForEach-Object { $_.Name }) -join ","', 'a,b'],
    // comparison and logic
    ['"Abc" -eq "abc"; "Abc" -ceq "abc"; "abc" -like "a*"; "abc" -notlike "*z"', 'True\nFalse\nTrue\nTrue'],
    ['"token=abc" -match "token=(\\w+)"; $Matches[1]', 'True\nabc'],
    ['"a-b-c" -replace "-", "+"; "x1y2" -replace "\\d", ""', 'a+b+c\nxy'],
    ['"a,b" -split ","; -join @("x", "y")', 'a\nb\nxy'],
    ['$true -and $false; $true -or $false; -not $false; !$true; $true -xor $true', 'False\nTrue\nTrue\nFalse\nFalse'],
    // The left operand decides: "10" -lt 9 compares strings, so it is True.
    ['5 -gt 3; "10" -lt 9; 10 -lt "9"; 3 -ge 3; "b" -gt "a"', 'True\nTrue\nFalse\nTrue\nTrue'],
    ['$null -eq $x; "x" -is [string]; 5 -is [int]; "5" -as [int]', 'True\nTrue\nTrue\n5'],
    // control flow
    ['if ($false) { "a" } elseif ($true) { "b" } else { "c" }', 'b'],
    ['foreach ($i in 1..3) { if ($i -eq 2) { continue }; $i }', '1\n3'],
    ['for ($i = 0; $i -lt 5; $i++) { if ($i -eq 3) { break }; $i }', '0\n1\n2'],
    ['$i = 0; while ($i -lt 3) { $i++ }; $i', '3'],
    ['$i = 0; do { $i += 2 } while ($i -lt 5); $i', '6'],
    ['$i = 0; do { $i++ } until ($i -ge 2); $i', '2'],
    ['$r = foreach ($i in 1..3) { $i * 10 }; $r -join " "', '10 20 30'],
    ['$x = if ($true) { "yes" } else { "no" }; $x', 'yes'],
    // try/catch/finally and throw
    ['try { throw "boom" } catch { "caught: $_" } finally { "done" }', 'caught: boom\ndone'],
    ['try { 1/0 } catch { $_.Exception.Message }', 'Attempted to divide by zero.'],
    ['try { Get-Nothing } catch [System.Management.Automation.CommandNotFoundException] { "not found: " + $_.CategoryInfo.TargetName }', 'not found: Get-Nothing'],
    ['try { [int]"abc" } catch { $_.FullyQualifiedErrorId }', 'InvalidCastFromStringToInteger'],
    // pipelines and script blocks
    ['1..5 | Where-Object { $_ % 2 } | ForEach-Object { $_ * $_ }', '1\n9\n25'],
    ['1..4 | ? { $_ -gt 2 } | % { "n$_" }', 'n3\nn4'],
    ['@([pscustomobject]@{n="b"}, [pscustomobject]@{n="a"}) | Sort-Object n | ForEach-Object n', 'a\nb'],
    ['@([pscustomobject]@{v=1}, [pscustomobject]@{v=5}) | Where-Object v -gt 2 | Select-Object -ExpandProperty v', '5'],
    ['(1..10 | Measure-Object -Sum).Sum; (1..3 | Select-Object -First 2) -join ","; (1..3 | Select-Object -Last 1)', '55\n1,2\n3'],
    ['$sb = { param($a) $a * 2 }; & $sb 21; $sb.GetType().Name', '42\nScriptBlock'],
    ['$x = 1..3; $x.Where({ $_ -ge 2 }) -join ","', '2,3'],
    // functions and splatting
    ['function Add-Two { param($a, $b) $a + $b }; Add-Two 1 2; Add-Two -b 5 -a 1', '3\n6'],
    ['function Get-Hi($name = "x") { "hi $name" }; Get-Hi "bob"', 'hi bob'],
    ['function f { return 1; 2 }; f', '1'],
    ['$p = @{ Object = "splat"; NoNewline = $true }; Write-Host @p; Write-Host "!"', 'splat!'],
    ['$p = @{ Depth = 1; Compress = $true }; @{a=@{b=1}} | ConvertTo-Json @p', '{"a":{"b":1}}'],
    ['function Add-Two { param($a, $b) "$a-$b" }; $p = @{ b = 2; a = 1 }; Add-Two @p; $q = @(3, 4); Add-Two @q', '1-2\n3-4'],
    ["'it''s'; '\u2018\u2018x\u2019\u2019'", "it's\n\u2018x\u2019"],
    // comments and continuation
    ['<# block\ncomment #> "after" # trailing\n# full line', 'after'],
    ['Write-Output `\n  "continued"', 'continued'],
    ['$x = 1; $x; $x = 2; $x', '1\n2'],
    // misc cmdlets
    ['Write-Output 1, 2; echo three', '1\n2\nthree'],
    ['Get-Date -Format "yyyy-MM-dd"; Get-Date -UFormat "%Y"', '2026-11-27\n2026'],
    ['(Get-Date).AddDays(1).Day; (Get-Date).Year', '28\n2026'],
    ['whoami; hostname', 'mywindowsvm\\azureuser\nmyWindowsVM'],
    ['Get-Location | Select-Object -ExpandProperty Path', 'C:\\Users\\azureuser'],
    ['[uri]::EscapeDataString("https://management.azure.com/")', 'https%3A%2F%2Fmanagement.azure.com%2F'],
    ['[Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("hi"))', 'aGk='],
    ['[guid]"5C08B38E-4D57-4C23-AC45-ACA61037F084"', '5c08b38e-4d57-4c23-ac45-aca61037f084'],
    ['Write-Host "a" "b" -Separator ","', 'a,b'],
    ['1, 2 | Out-Null; $null = 5; [void](7)', ''],
  ])('%s', async (source, expected) => {
    const r = await run(source);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expected === '' ? '' : expected + '\n');
  });
});

describe('errors from the language', () => {
  it.each([
    ['$null.Foo()', 'You cannot call a method on a null-valued expression.', 'InvalidOperation: (:) [], RuntimeException', 'InvokeMethodOnNull'],
    ['"x".Nope()', "Method invocation failed because [System.String] does not contain a method named 'Nope'.", 'InvalidOperation: (:) [], RuntimeException', 'MethodNotFound'],
    ['[int]"abc"', 'Cannot convert value "abc" to type "System.Int32". Error: "Input string was not in a correct format."', 'InvalidArgument: (:) [], RuntimeException', 'InvalidCastFromStringToInteger'],
    ['1/0', 'Attempted to divide by zero.', 'NotSpecified: (:) [], RuntimeException', 'RuntimeException'],
    ['[Nope]::X', 'Unable to find type [Nope].', 'InvalidOperation: (Nope:TypeName) [], RuntimeException', 'TypeNotFound'],
    ['throw "custom"', 'custom', 'OperationStopped: (custom:String) [], RuntimeException', 'custom'],
    ['$true = 1', 'Cannot overwrite variable true because it is read-only or constant.', 'WriteError: (true:) [], SessionStateUnauthorizedAccessException', 'VariableNotWritable'],
  ])('%s', async (source, message, category, fqid) => {
    const r = await run(source);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe(message);
    expect(lines[1]).toBe('At line:1 char:1');
    expect(r.stderr).toContain(`    + CategoryInfo          : ${category}\n`);
    expect(r.stderr).toContain(`    + FullyQualifiedErrorId : ${fqid}\n`);
    expect(r.exitCode).toBe(1);
  });

  it('an error stops only its statement; the script continues and $? tracks the last one', async () => {
    const r = await run('Get-Nope; "still running"; $?');
    expect(r.stdout).toBe('still running\nTrue\n');
    expect(r.stderr).toContain("Get-Nope : The term 'Get-Nope' is not recognized as the name of a cmdlet");
  });

  it('unknown cmdlets give the CommandNotFoundException record', async () => {
    const r = await run('Get-AzWidgetToken -ResourceUrl https://management.azure.com/');
    expect(r.stderr.split('\n')).toEqual([
      "Get-AzWidgetToken : The term 'Get-AzWidgetToken' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.",
      'At line:1 char:1',
      '+ Get-AzWidgetToken -ResourceUrl https://management.azure.com/',
      '+ ~~~~~~~~~~~~~~~~~',
      '    + CategoryInfo          : ObjectNotFound: (Get-AzWidgetToken:String) [], CommandNotFoundException',
      '    + FullyQualifiedErrorId : CommandNotFoundException',
      ' ',
      '',
    ]);
  });

  it.each([
    ['Get-ChildItem', "'Get-ChildItem' exists in Windows PowerShell 5.1 but is not simulated here."],
    ['ls', "'ls (Get-ChildItem)' exists in Windows PowerShell 5.1 but is not simulated here."],
    ['switch -File .\\list.txt { a { "a" } }', "The switch statement's -File parameter (reading a file line by line) is not simulated here."],
    ['Get-Date > out.txt', 'Redirecting output to a file is not simulated here.'],
    ['iwr http://169.254.169.254/ -OutFile x.json', 'The -OutFile parameter is not simulated here.'],
  ])('%s says it is not simulated', async (source, text) => {
    const r = await run(source);
    expect(r.stderr).toContain(text);
    expect(r.stderr).toContain('NotSimulated');
  });

  it('parameter binding errors match 5.1', async () => {
    const s = newSession();
    const ambiguous = await s.run('Invoke-WebRequest -C x');
    expect(ambiguous.stderr.split('\n')[0]).toBe("Invoke-WebRequest : Parameter cannot be processed because the parameter name 'C' is ambiguous. Possible matches include: -ContentType -Credential -CertificateThumbprint -Certificate.");
    const missing = await s.run('Invoke-WebRequest -Uri');
    expect(missing.stderr.split('\n')[0]).toBe("Invoke-WebRequest : Missing an argument for parameter 'Uri'. Specify a parameter of type 'System.Uri' and try again.");
    const method = await s.run('iwr http://169.254.169.254/ -Method FETCH');
    expect(method.stderr.split('\n')[0]).toContain('Cannot bind parameter \'Method\'. Cannot convert value "FETCH" to type "Microsoft.PowerShell.Commands.WebRequestMethod".');
    const positional = await s.run('Get-Date a b');
    expect(positional.stderr.split('\n')[0]).toBe("Get-Date : A positional parameter cannot be found that accepts argument 'b'.");
  });

  it('Write-Error is non-terminating; -ErrorAction Stop makes it catchable', async () => {
    const r = await run('Write-Error "oops"; "next"; try { Write-Error "stop" -ErrorAction Stop } catch { "caught $_" }');
    expect(r.stdout).toBe('next\ncaught stop\n');
    expect(r.stderr).toContain('oops');
    expect(r.stderr).toContain('+ FullyQualifiedErrorId : Microsoft.PowerShell.Commands.WriteErrorException');
  });
});

describe('session state', () => {
  it('variables and functions persist across runs', async () => {
    const s = newSession();
    await s.run('$token = "abc"; function Get-Twice($x) { "$x$x" }');
    expect((await s.run('Get-Twice $token')).stdout).toBe('abcabc\n');
  });

  it('a function defined in one run reads its own lines when a later run calls it', async () => {
    const s = newSession();
    await s.run('function Say($v) { Write-Host "v=$v" -NoNewline; Write-Host "!" }');
    expect((await s.run('"x"; Say 5')).stdout).toBe('x\nv=5!\n');
  });

  it('snapshot() is plain JSON and restore() brings variables back in a new session', async () => {
    const s = newSession();
    await s.run('$n = 5; $s = "x"; $h = @{ a = @(1, 2) }; $o = [pscustomobject]@{ p = $true }; $sb = { "sb ran" }; $env:MY = "v"; $b = [Convert]::FromBase64String("aGk="); function Get-One { 1 }');
    const snap = JSON.parse(JSON.stringify(s.snapshot()));
    const t = newSession();
    t.restore(snap);
    const r = await t.run('$n + 1; $s; $h.a[1]; $o.p; & $sb; $env:MY; $b.Length; Get-One');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('6\nx\n2\nTrue\nsb ran\nv\n2\n1\n');
  });

  it('prompt is the VM user\'s home', () => {
    expect(newSession().prompt()).toBe('PS C:\\Users\\azureuser> ');
  });

  it('Clear-Host / cls clears the terminal', async () => {
    expect((await run('cls')).stdout).toBe('\x1b[H\x1b[2J\x1b[3J');
  });
});

describe('command arguments PowerShell reads differently from tree-sitter', () => {
  it.each([
    ['a single -Property name is one property, not characters', "[pscustomobject]@{StatusCode=200; x=1} | Select-Object StatusCode | ForEach-Object { $_.StatusCode }", '200'],
    ['a backtick-escaped & stays in a bare URL', "$t = Invoke-RestMethod -Uri http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01`&resource=https://management.azure.com/ -Headers @{Metadata=\"true\"}; $t.resource", 'https://management.azure.com/'],
    ['splatting a hashtable of web parameters', '$p = @{ Uri = "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/"; Headers = @{Metadata="true"} }; (Invoke-RestMethod @p).token_type', 'Bearer'],
    ['$Error.Clear() empties $Error', 'Write-Error "x" 2>$null; $Error.Count; $Error.Clear(); $Error.Count', '1\n0'],
  ])('%s', async (_name, source, expected) => {
    const r = await newSession().run(source);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expected + '\n');
  });
});
