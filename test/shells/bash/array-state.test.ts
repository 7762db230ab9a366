/** Arrays survive the trip through `declare -p` text and back into just-bash. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { arrayAssignments, parseDeclaredArrays } from '../../../src/shells/bash/array-state';
import { newSession } from './session-helpers';

describe('parseDeclaredArrays', () => {
  test.each([
    { text: 'declare -a x=([0]="a" [5]="b c")', want: { x: { kind: 'indexed', entries: [['0', 'a'], ['5', 'b c']] } } },
    { text: `declare -a x=([0]=$'x\\ny\\t\\'' [1]="q\\"t\\\\")`, want: { x: { kind: 'indexed', entries: [['0', "x\ny\t'"], ['1', 'q"t\\']] } } },
    { text: "declare -A m=(['k 1']='v w' ['k2']=z )", want: { m: { kind: 'associative', entries: [['k 1', 'v w'], ['k2', 'z']] } } },
    { text: 'declare -a PIPESTATUS=([0]="0")\ndeclare -- s="x"\ndeclare -ax e=()', want: { e: { kind: 'indexed', entries: [] } } },
  ])('$text', ({ text, want }) => {
    expect(parseDeclaredArrays(text)).toEqual(want);
  });
});

test('any indexed array with any printable values comes back unchanged in the next run', async () => {
  const { session } = newSession();
  const value = fc.string({ unit: fc.constantFrom('a', ' ', "'", '"', '\\', '$', '`', '\n', '\t', 'é', ')', ']', '*'), maxLength: 8 });
  await fc.assert(
    fc.asyncProperty(fc.array(value, { minLength: 1, maxLength: 5 }), async (values) => {
      const entries = values.map((v, i): [string, string] => [String(i * 2), v]);
      await session.run(arrayAssignments({ x: { kind: 'indexed', entries } }).join('\n') + '\n:');
      const r = await session.run('declare -p x');
      expect(parseDeclaredArrays(r.stdout).x?.entries).toEqual(entries);
      const again = await session.run('printf "%s\\0" "${x[@]}"');
      expect(again.stdout.split('\0').slice(0, -1)).toEqual(values);
    }),
    { numRuns: 40 },
  );
}, 60_000);
