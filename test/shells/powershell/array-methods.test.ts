/**
 * The intrinsic .ForEach() and .Where() methods (about_Arrays; EnumerableOps in 5.1), one behaviour per
 * row: source → what 5.1 prints.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newSession } from './fake-azure';

async function run(source: string) {
  return newSession().run(source);
}

const ROLES = "$roles = @([pscustomobject]@{ roleDefinitionName = 'Reader'; scope = '/a' }, [pscustomobject]@{ roleDefinitionName = 'Owner'; scope = '/b' })";

describe('.ForEach() and .Where()', () => {
  it.each([
    // ForEach with a script block, a property or method name, a type
    ['$a = @(0 .. 3); $a.ForEach({ $_ * $_ })', '0\n1\n4\n9'],
    ['$r = (1..3).ForEach({ $_ * 2 }); $r -join ","', '2,4,6'],
    ['("one", "two", "three").ForEach("ToUpper")', 'ONE\nTWO\nTHREE'],
    ['("one", "three").ForEach("Length")', '3\n5'],
    [`${ROLES}; $roles.ForEach('scope') -join ','; $roles.ForEach({ $_.roleDefinitionName.ToLower() }) -join ','`, '/a,/b\nreader,owner'],
    [`${ROLES}; $roles.ForEach('scope', '/c'); $roles.scope -join ','`, '/c,/c'],
    ['$h = @{ a = 1 }; @($h).ForEach("a"); @($h).ForEach("b", 5); $h.b', '1\n5'],
    ['@("1", "2").ForEach([int]) | ForEach-Object { $_ + 1 }', '2\n3'],
    ['(1, 2).ForEach("Nope").Count', '2'],
    // Where, with every selection mode
    ['(0..9).Where({ $_ % 2 }) -join ","', '1,3,5,7,9'],
    ['(0..9).Where{ $_ % 2 } -join ","', '1,3,5,7,9'],
    ["('hi', '', 'there').Where({ $_.Length })", 'hi\nthere'],
    [`${ROLES}; $roles.Where({ $_.roleDefinitionName -eq 'Reader' }).scope`, '/a'],
    ["(1..10).Where({ $_ % 2 }, 'Default', 2) -join ','", '1,3'],
    ["(1..10).Where({ $_ % 2 }, 'First'); (1..10).Where({ $_ % 2 }, 'First', 3) -join ','", '1\n1,3,5'],
    ["(1..10).Where({ $_ % 2 }, 'Last'); (1..10).Where({ $_ % 2 }, 'Last', 2) -join ','", '9\n7,9'],
    ["(1..10).Where({ $_ -gt 3 }, 'SkipUntil') -join ','; (1..10).Where({ $_ -gt 3 }, 'SkipUntil', 2) -join ','", '4,5,6,7,8,9,10\n4,5'],
    ["(1..50).Where({ $_ -gt 10 }, 'Until') -join ','; (1..50).Where({ $_ -gt 10 }, 'Until', 2) -join ','", '1,2,3,4,5,6,7,8,9,10\n1,2'],
    ["$odd, $even = (1..6).Where({ $_ % 2 }, 'Split'); $odd -join ','; $even -join ','", '1,3,5\n2,4,6'],
    ["$first, $rest = (1..6).Where({ $_ % 2 }, 'Split', 2); $first -join ','; $rest -join ','", '1,3\n2,4,5,6'],
    ["(1..10).Where({ $_ % 2 }, 'first', 1); (1..10).Where({ $_ % 2 }, 1)", '1\n1'],
    // a scalar is a one-item collection, $null an empty one; the result is a collection even of one
    ['(5).ForEach({ $_ + 1 }); "abc".Where({ $_ -like "a*" })', '6\nabc'],
    ['$null.Where({ $true }).Count; $null.ForEach({ "never" }).Count', '0\n0'],
    ['$r = (1, 2, 3).Where({ $_ -eq 2 }); $r.Count; $r[0]; (1, 2, 3).Where({ $_ -gt 5 }).Count', '1\n2\n0'],
    // $_ is the item only inside the block
    ['"outer" | ForEach-Object { (1, 2).ForEach({ $_ }); $_ }', '1\n2\nouter'],
  ])('%s', async (source, expected) => {
    const r = await run(source);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expected + '\n');
  });

  it.each([
    ['(1,2).Where()', 'Cannot find an overload for ".Where({ expression } [, mode [, numberToReturn]])" and the argument count: "0".', 'NotSpecified: (:) [], MethodException', 'MethodCountCouldNotFindBest'],
    ['(1,2).ForEach()', 'Cannot find an overload for ".ForEach(expression [, arguments...])" and the argument count: "0".', 'NotSpecified: (:) [], MethodException', 'MethodCountCouldNotFindBest'],
    ["(1,2).Where('x')", 'Cannot convert the "x" value of type "System.String" to type "System.Management.Automation.ScriptBlock".', 'InvalidArgument: (:) [], PSInvalidCastException', 'ConvertToFinalInvalidCastException'],
    ["(1,2).Where({ $_ }, 'Nope')", 'Cannot convert value "Nope" to type "System.Management.Automation.WhereOperatorSelectionMode". Error: "Unable to match the identifier name Nope to a valid enumerator name. Specify one of the following enumerator names and try again:', 'InvalidArgument: (:) [], RuntimeException', 'InvalidCastConstructorException'],
    ["(1,2).Where({ $_ }, 'First', -1)", 'Exception calling "Where" with "3" argument(s): "The \'numberToReturn\' value provided to the third argument of the Where() operator must be greater than zero. Please correct the argument\'s value and try running your script again.', 'NotSpecified: (:) [], MethodInvocationException', 'ArgumentOutOfRangeException'],
  ])('%s', async (source, message, category, fqid) => {
    const r = await run(source);
    expect(r.stdout).toBe('');
    expect(r.stderr.split(/\r?\n/)[0]).toBe(message);
    expect(r.stderr).toContain(`    + CategoryInfo          : ${category}\n`);
    expect(r.stderr).toContain(`    + FullyQualifiedErrorId : ${fqid}\n`);
  });

  it('errors inside the script block are non-terminating, as in ForEach-Object', async () => {
    const r = await run('(1, 2).ForEach({ Get-Nope; "after $_" })');
    expect(r.stdout).toBe('after 1\nafter 2\n');
    expect(r.stderr.match(/CommandNotFoundException/g)).toHaveLength(4);
  });

  it('Where with a threshold is the JS filter, and First n its first n', async () => {
    const s = newSession();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 12 }), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 4 }), async (a, t, n) => {
        const r = await s.run(`$a = @(${a.join(', ')})\n$a.Where({ $_ -gt ${t} }) -join ','\n$a.Where({ $_ -gt ${t} }, 'First', ${n}) -join ','`);
        const kept = a.filter((x) => x > t);
        expect(r.stdout).toBe(`${kept.join(',')}\n${kept.slice(0, n).join(',')}\n`);
      }),
      { numRuns: 60 },
    );
  }, 30_000);
});
