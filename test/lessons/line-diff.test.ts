import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineDiff } from '../../src/lessons/line-diff.ts';

describe('lineDiff', () => {
  it('marks the attempt\'s lines removed and the solution\'s added, shared lines same', () => {
    expect(lineDiff('curl a\necho hi\n', 'curl b\necho hi')).toEqual([
      { kind: 'removed', text: 'curl a' },
      { kind: 'added', text: 'curl b' },
      { kind: 'same', text: 'echo hi' },
    ]);
  });

  it('ignores line-ending style and a missing final newline', () => {
    expect(lineDiff('a\r\nb', 'a\nb\n')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'same', text: 'b' },
    ]);
  });

  it('an empty attempt is all additions', () => {
    expect(lineDiff('', 'x\ny')).toEqual([
      { kind: 'added', text: 'x' },
      { kind: 'added', text: 'y' },
    ]);
  });

  it('property: the attempt is the same+removed lines, the solution the same+added lines', () => {
    const text = fc.array(fc.constantFrom('curl x', 'echo y', 'jq .', '', 'ls'), { maxLength: 8 }).map((l) => l.join('\n'));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const d = lineDiff(a, b);
        const lines = (s: string) => (s === '' ? [] : s.replace(/\n$/, '').split('\n'));
        expect(d.filter((x) => x.kind !== 'added').map((x) => x.text)).toEqual(lines(a));
        expect(d.filter((x) => x.kind !== 'removed').map((x) => x.text)).toEqual(lines(b));
      }),
    );
  });
});
