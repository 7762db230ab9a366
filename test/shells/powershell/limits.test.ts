/**
 * Runaway scripts stop within the 2-second budget with a message; Ctrl+C (an AbortSignal) stops a run;
 * random input never escapes run() as an exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPowerShellSession } from '../../../src/shells/powershell';
import { fakeFetch, loadGrammar, newSession, VM } from './fake-azure';

describe('limits', () => {
  it.each([
    ['an endless while loop', '$i = 0; while ($true) { $i++ }'],
    ['an endless for loop', 'for (;;) { }'],
    ['a long pipeline', '1..10000000 | ForEach-Object { $_ }'],
    ['recursion-free busy work in a function', 'function spin { while (1) { } }; spin'],
    ['Start-Sleep longer than the budget', 'Start-Sleep -Seconds 30'],
    // A million items: within the memory limit (a bigger range in an expression stops there instead), past the time budget.
    ['a switch over a huge range', 'switch (1..1000000) { default { } }'],
    ['a switch whose continue keeps an endless loop going', 'while ($true) { switch (1) { 1 { continue } } }'],
    // The stepping clock trips the limit after about 130,000 counted steps; 500,000 items are well past it.
    ['a runaway .ForEach()', '(1..500000).ForEach({ $null })'],
    ['a runaway .Where()', '(1..500000).Where({ $false })'],
  ])('%s stops at the time limit with a message', async (_name, source) => {
    // newSession's limit clock steps on every read, so the 2 s limit is a fixed amount of work here.
    const s = newSession();
    const r = await s.run(source);
    expect(r.limitHit).toBe('time');
    expect(r.stderr).toContain('The sandbox stopped this script: it ran longer than 2 seconds.');
    expect(r.exitCode).toBe(1);
    // The session is still usable afterwards.
    expect((await s.run('"alive"')).stdout).toBe('alive\n');
  });

  it('huge output stops at the output cap with a message', async () => {
    const s = createPowerShellSession({ fetch: fakeFetch({ identity: true, reader: true }), vm: VM, loadGrammar, outputLimitChars: 50_000 });
    const r = await s.run('while ($true) { "x" * 1000 }');
    expect(r.limitHit).toBe('output');
    expect(r.stdout.length).toBeLessThanOrEqual(50_000);
    expect(r.stderr).toContain('The sandbox stopped this script: it printed more than 50,000 characters.');
  });

  it('an AbortSignal (Ctrl+C) stops the run', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    // A real clock and a 60 s limit: the loop would end as 'time' (or the test time out) had the abort not stopped it.
    const s2 = createPowerShellSession({ fetch: fakeFetch({ identity: true, reader: true }), vm: VM, loadGrammar, timeLimitMs: 60_000 });
    const r = await s2.run('while ($true) { }', { signal: controller.signal });
    expect(r.limitHit).toBe('cancelled');
  });

  it('a fetch that never answers is cut at the deadline', async () => {
    const s = createPowerShellSession({ fetch: () => new Promise<Response>(() => undefined), vm: VM, loadGrammar, timeLimitMs: 300 });
    const r = await s.run("Invoke-WebRequest -Uri 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/' -Headers @{Metadata='true'}");
    expect(r.limitHit).toBe('time');
  });

  it('-TimeoutSec shorter than the budget gives 5.1\'s timeout error', async () => {
    const s = createPowerShellSession({ fetch: () => new Promise<Response>(() => undefined), vm: VM, loadGrammar, timeLimitMs: 5000 });
    const r = await s.run('try { iwr http://169.254.169.254/ -TimeoutSec 1 } catch { $_.Exception.Message }');
    expect(r.stdout).toBe('The operation has timed out.\n');
  });

  it('streams output in order through onOutput', async () => {
    const chunks: string[] = [];
    await newSession().run('"a"; Write-Host "b"; Get-Nope; "c"', { onOutput: (c) => chunks.push(`${c.stream}:${c.text.split('\n')[0]}`) });
    expect(chunks).toEqual(['stdout:a', 'stdout:b', "stderr:Get-Nope : The term 'Get-Nope' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.", 'stdout:c']);
  });
});

describe('random input never throws out of run()', () => {
  const s = newSession();
  const fragments = ['$x', '=', '1', '"s $y"', "'q'", '(', ')', '{', '}', '[', ']', '@{', '@(', '$(', '|', ';', ',', '.', '::', '-eq', '-and', '+', '*', 'if', 'else', 'foreach', 'in', 'while', 'try', 'catch', 'throw', 'Get-Date', 'Write-Host', 'ConvertTo-Json', 'Select-Object', '-First', '%', '?', '$_', '[int]', '[Convert]::FromBase64String', '`', '\n', '#', '<#', '#>', '@"', '"@', '&', '<', '>', '2>&1', '..', 'function', 'return', 'break', 'iwr', 'http://169.254.169.254/', '-Headers', 'switch', 'default', '-regex', '-file', 'continue', '.ForEach', '.Where', "'First'"];

  it('token soup', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...fragments), { maxLength: 25 }), async (parts) => {
        const r = await s.run(parts.join(' '));
        expect(typeof r.stdout).toBe('string');
        expect(typeof r.stderr).toBe('string');
        expect([0, 1]).toContain(r.exitCode > 1 ? 1 : r.exitCode);
        expect(r.stderr).not.toContain('internal error');
      }),
      { numRuns: 300 },
    );
  });

  it.each(['__proto__', 'constructor', 'toString', '[__proto__]', 'Get-Date -Format __proto__', 'Write-Host x -ForegroundColor __proto__', '${__proto__} = 1; ${__proto__}', 'constructor (', 'Get-Date ` function'])(
    'found by fast-check, now plain PowerShell errors: %s',
    async (source) => {
      const r = await s.run(source);
      expect(r.stderr).not.toContain('internal error');
      expect(JSON.parse(JSON.stringify(s.snapshot())).version).toBe(1);
    },
  );

  it('arbitrary strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), async (text) => {
        const r = await s.run(text);
        expect(typeof r.stdout).toBe('string');
        expect(r.stderr).not.toContain('internal error');
        expect(typeof s.isIncomplete(text)).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});

describe('the scanners always finish and cover the input', () => {
  const tricky = fc.array(fc.constantFrom('a', ' ', '\n', '|', ';', '(', ')', '{', '}', '[', ']', "'", '"', '`', '$', '@', '#', '<', '>', '&', ',', '-', '.', ':', '=', '2'), { maxLength: 40 }).map((a) => a.join(''));

  it('splitStatements returns ordered, non-overlapping pieces inside the text', async () => {
    const { splitStatements } = await import('../../../src/shells/powershell/parse/recovery');
    fc.assert(
      fc.property(tricky, (text) => {
        let last = 0;
        for (const { start, end } of splitStatements(text)) {
          expect(start).toBeGreaterThanOrEqual(last);
          expect(end).toBeGreaterThan(start);
          expect(end).toBeLessThanOrEqual(text.length);
          last = end;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('the switch reader terminates with clauses inside the text', async () => {
    const { scanSwitch } = await import('../../../src/shells/powershell/parse/switch-syntax');
    fc.assert(
      fc.property(tricky, (rest) => {
        const text = 'switch ' + rest;
        const shape = scanSwitch(text, 0);
        expect(shape.end).toBeLessThanOrEqual(text.length);
        for (const c of shape.clauses) expect(c.body.end).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('the command tokenizer and lexical scan terminate with tokens inside the range', async () => {
    const { tokenizeCommandArgs } = await import('../../../src/shells/powershell/parse/command-line');
    const { scanSource } = await import('../../../src/shells/powershell/parse/lexical-scan');
    fc.assert(
      fc.property(tricky, (text) => {
        const t = tokenizeCommandArgs(text, 0, text.length);
        expect(t.end).toBeLessThanOrEqual(text.length);
        for (const el of t.elements) expect(el.end).toBeLessThanOrEqual(text.length);
        expect(Array.isArray(scanSource(text).issues)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('random programs made of real lines never throw out of run()', () => {
  const lines = [
    '$x = 5', '$h = @{ a = 1; b = @(1,2) }', '$o = [pscustomobject]@{ n = "x"; v = 2 }', '$o | Select-Object n, v', '$o | fl', '$h | ft',
    'foreach ($i in 1..3) { $i }', 'if ($x -gt 2) { "big" } else { "small" }', 'try { throw "t" } catch { $_ }', '"$($o.n) $x"',
    '$a = 1,2,3; $a[1]', '$a | % { $_ * 2 } | ? { $_ -gt 2 }', '[Convert]::FromBase64String("aGk=")', '[Text.Encoding]::UTF8.GetString([byte[]](104,105))',
    'iwr http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01`&resource=https://management.azure.com/ -Headers @{Metadata="true"} -UseBasicParsing',
    'irm "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=x" -Headers @{Metadata="true"}', '$Error[0]', '$?', 'Get-Member -InputObject $o',
    'ConvertTo-Json $h', '$h | ConvertTo-Json -Depth 1 -Compress', '"[1,2]" | ConvertFrom-Json', 'function f($p) { $p + 1 }', 'f 41', '& { param($q) $q } 3', '$e = $Error.Count',
    'Write-Host a b -Separator "-"', 'Get-Date -Format o', '$null = Get-Date', '[int]"x"', '$x.Nope()', 'Get-Nope', 'ls', 'cls', 'whoami', '$PSVersionTable.PSVersion.Major',
    'switch ($x) { 5 { "five" } default { $_ } }', 'switch -Wildcard ($o.n) { "x*" { continue } }', '$a.ForEach({ $_ + 1 })', '(1..3).Where({ $_ -gt 1 }, "Last")',
    'while ($x -lt 8) { $x++ }', 'do { $x-- } until ($x -le 0)', 'for ($j=0; $j -lt 2; $j++) { $j }', '$s = "a-b" -split "-"', '$s -join "+"', '"abc" -replace "b","x"', '$o.v += 1', '$h["c"] = 3', '$h.Keys',
  ];

  it('any mix, joined by newlines, semicolons, pipes or spaces', async () => {
    const s = newSession();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...lines), { maxLength: 8 }), fc.constantFrom('\n', '; ', ' | ', ' '), async (parts, sep) => {
        const r = await s.run(parts.join(sep));
        expect(r.stderr).not.toContain('internal error');
        expect([0, 1]).toContain(r.exitCode);
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
