/**
 * Issue 18's runaway scripts: memory growth stops at the sandbox's memory limit with a clear message
 * (sizes are checked before anything is allocated), endless recursion gives 5.1's own call-depth error
 * record, and a huge range streams into the pipeline as 5.1's RangeEnumerator does. The run limits
 * count work with a stepping clock (fake-azure.ts), so nothing here depends on the machine's speed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newSession } from './fake-azure';

const MEMORY = "The sandbox stopped this script: a string grew past 4,194,304 characters or a collection past 1,048,576 items, the sandbox's memory limit.";

describe('memory growth', () => {
  it.each([
    ['a doubling string', '$s = "a"; while ($true) { $s += $s }'],
    ['a doubling array', '$a = @(1); while ($true) { $a += $a }'],
    ['string multiplication', '$s = "a" * 1e9'],
    ['array multiplication', '$a = ,0 * 1e9'],
    ['a huge range in an expression', '$r = 1..100000000'],
    ['PadLeft', '$p = "x".PadLeft(1e9)'],
    ['-join of a growing string', '$s = "ab"; while ($true) { $s = ($s, $s) -join "" }'],
    ['a huge range sorted (it must be collected first)', '1..100000000 | Sort-Object'],
  ])('%s stops at the memory limit with a clear message, not an internal error', async (_name, source) => {
    const s = newSession();
    const r = await s.run(source);
    expect(r.limitHit).toBe('memory');
    expect(r.stderr).toContain(MEMORY);
    expect(r.stderr).not.toContain('internal error');
    expect(r.exitCode).toBe(1);
    expect((await s.run('"alive"')).stdout).toBe('alive\n');
  });

  it('a string may grow to the limit itself', async () => {
    const r = await newSession().run('$s = "a" * 4194304; $s.Length');
    expect(r.stdout).toBe('4194304\n');
  });
});

describe('recursion', () => {
  // 5.1's record: GetErrorText.resx ScriptCallDepthException; ExecutionExceptions.cs gives CallDepthOverflow,
  // InvalidOperation and the target 0 (an Int32); the record has no invocation info, so no position.
  const RECORD = ['The script failed due to call depth overflow.', '    + CategoryInfo          : InvalidOperation: (0:Int32) [], ParentContainsErrorRecordException', '    + FullyQualifiedErrorId : CallDepthOverflow', ' ', ''].join('\n');

  it.each([
    ['a function calling itself', 'function f { f }; f'],
    ['mutual recursion', 'function a { b }; function b { a }; a'],
    ['a script block invoking itself', '$sb = { & $sb }; & $sb'],
    ['recursion with arguments', 'function f($n) { f ($n + 1) }; f 1'],
  ])('%s ends the script with 5.1\'s call-depth error record', async (_name, source) => {
    const s = newSession();
    const r = await s.run(`${source}; "not reached"`);
    expect(r.stderr).toBe(RECORD);
    expect(r.stdout).toBe('');
    expect(r.exitCode).toBe(1);
    expect((await s.run('$Error[0].FullyQualifiedErrorId; $Error[0].Exception.Message')).stdout).toBe('CallDepthOverflow\nThe script failed due to call depth overflow.\n');
  });

  it('try/catch catches it', async () => {
    const r = await newSession().run('function f { f }; try { f } catch { "caught: $($_.FullyQualifiedErrorId)" }; "after"');
    expect(r.stdout).toBe('caught: CallDepthOverflow\nafter\n');
  });

  it('recursion that ends is fine', async () => {
    const r = await newSession().run('function fact($n) { if ($n -le 1) { 1 } else { $n * (fact ($n - 1)) } }; fact 10; function down($n) { if ($n -gt 0) { down ($n - 1) } else { "bottom" } }; down 500');
    expect(r.stdout).toBe('3628800\nbottom\n');
  });
});

describe('a huge range in a pipeline', () => {
  it('streams into ForEach-Object and stops at the run budget, as 5.1 enumerates it lazily', async () => {
    const r = await newSession().run('1..100000000 | % { $_ }');
    expect(r.limitHit).toBe('time');
    expect(r.stderr).not.toContain('CommandNotFoundException');
    expect(r.stderr).toContain('The sandbox stopped this script: it ran longer than 2 seconds.');
  });

  it('streams into Where-Object too', async () => {
    const r = await newSession().run('1..100000000 | Where-Object { $_ -lt 0 }');
    expect(r.limitHit).toBe('time');
  });

  it.each([
    ['1..5 | % { $_ * 2 }', '2\n4\n6\n8\n10\n'],
    ['3..1 | ForEach-Object { $_ }', '3\n2\n1\n'],
    ['1..4 | ? { $_ % 2 } | % { "odd $_" }', 'odd 1\nodd 3\n'],
    ['1..3 | Sort-Object -Descending', '3\n2\n1\n'],
    ['(1..3 | Measure-Object).Count', '3\n'],
    ['1..3', '1\n2\n3\n'],
  ])('small ranges behave as before: %s', async (source, out) => {
    expect((await newSession().run(source)).stdout).toBe(out);
  });
});

describe('fuzz: runaway scripts always stop within the limits', () => {
  const seeds = ['$s = "ab"', '$a = @(1, 2)', '$n = 1', 'function f { f }', 'function g($x) { g ($x + $x) }'];
  const bodies = ['$s += $s', '$a += $a', '$s = $s * 2', '$a = $a * 3', '$n++', 'f', 'g $s', '$s = ($s, $s) -join "-"', '$null = 1..50 | % { $_ }', '"out" * 50'];
  const loops = [(b: string) => `while ($true) { ${b} }`, (b: string) => `for (;;) { ${b} }`, (b: string) => `do { ${b} } until ($false)`, (b: string) => `1..100000000 | % { ${b} }`, (b: string) => b];

  it('any runaway mix ends with a limit or an error record, never an internal error', async () => {
    const s = newSession();
    await fc.assert(
      fc.asyncProperty(fc.subarray(seeds), fc.array(fc.constantFrom(...bodies), { minLength: 1, maxLength: 3 }), fc.constantFrom(...loops), async (setup, body, loop) => {
        const r = await s.run([...setup, loop(body.join('; '))].join('; '));
        expect(r.stderr).not.toContain('internal error');
        expect(typeof r.stdout).toBe('string');
        if (r.limitHit) expect(['time', 'output', 'memory']).toContain(r.limitHit);
      }),
      { numRuns: 12 },
    );
  }, 300_000);
});
