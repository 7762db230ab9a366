/**
 * Indexing as Windows PowerShell 5.1 does it: lists by position, hashtables by key, strings by character,
 * and every other object as a one-element collection (about_Arrays: "you can index into an array of one
 * object"; PowerShell/PowerShell#3671 notes [pscustomobject] indexing with [0] works in 5.1).
 */
import { describe, expect, it } from 'vitest';
import { newSession } from './fake-azure';

describe('indexing', () => {
  it.each([
    // a scalar is a collection of one: [0] and [-1] are the object, any other position is $null
    ['(5)[0]', '5'],
    ['(5)[-1]', '5'],
    ['$null -eq (5)[1]', 'True'],
    ['$x = 5; $x[0]; $x["0"]', '5\n5'],
    ['$true[0]', 'True'],
    ['$o = [pscustomobject]@{ Name = "n" }; $o[0].Name; $o[-1].Name; $null -eq $o[1]', 'n\nn\nTrue'],
    ['([pscustomobject]@{ Name = "n" })[0].Name', 'n'],
    ['(Get-Date -Year 2020 -Month 1 -Day 2)[0].Year', '2020'],
    ['function One { [pscustomobject]@{ Id = 7 } }; (One)[0].Id; (One)[-1].Id; $null -eq (One)[1]', '7\n7\nTrue'],
    // a one-element pipeline result is unwrapped, then indexed as a scalar
    ['(Write-Output "only")[0]', 'o'], // the unwrapped value is a string, so [0] is its first character
    ['(1..3 | Where-Object { $_ -eq 2 })[0]', '2'],
    // strings index by character; lists by position; hashtables by key
    ['"abc"[0]; "abc"[-1]; $null -eq "abc"[3]', 'a\nc\nTrue'],
    ['(1, 2, 3)[0]; (1, 2, 3)[-1]; $null -eq (1, 2, 3)[3]', '1\n3\nTrue'],
    ['$h = @{ a = 1; 0 = "zero" }; $h["a"]; $h[0]; $null -eq $h[1]', '1\nzero\nTrue'],
  ])('%s', async (source, expected) => {
    const r = await newSession().run(source);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expected === '' ? '' : expected + '\n');
  });

  it('a pipeline that produced nothing is $null: indexing it is NullArray', async () => {
    const r = await newSession().run('function None { }; (None)[0]');
    expect(r.stderr.split('\n')[0]).toBe('Cannot index into a null array.');
  });

  it('a PSCustomObject has no string indexer in 5.1: CannotIndex', async () => {
    const r = await newSession().run('$o = [pscustomobject]@{ Name = "n" }; $o["Name"]');
    expect(r.stderr.split('\n')[0]).toBe('Unable to index into an object of type System.Management.Automation.PSObject.');
    expect(r.stderr).toContain('FullyQualifiedErrorId : CannotIndex');
  });
});
