import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inlineCodeParts } from '../../../src/ui/lessons/inline-code.ts';

describe('inline code spans in hint text', () => {
  it.each([
    ['no code at all', [{ code: false, text: 'no code at all' }]],
    ['Bash reads `<NAME` as input', [{ code: false, text: 'Bash reads ' }, { code: true, text: '<NAME' }, { code: false, text: ' as input' }]],
    ['stops at the `<` before', [{ code: false, text: 'stops at the ' }, { code: true, text: '<' }, { code: false, text: ' before' }]],
    ['an unclosed ` stays', [{ code: false, text: 'an unclosed ` stays' }]],
    ['double `` a`b `` ticks', [{ code: false, text: 'double ' }, { code: true, text: 'a`b' }, { code: false, text: ' ticks' }]],
    ['`a` and `b`', [{ code: true, text: 'a' }, { code: false, text: ' and ' }, { code: true, text: 'b' }]],
  ])('%s', (input, expected) => {
    expect(inlineCodeParts(input)).toEqual(expected);
  });

  it('keeps every character that is not a span delimiter, in order', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const joined = inlineCodeParts(text).map((p) => p.text).join('');
        const withoutTicks = (s: string) => s.replace(/`/g, '').replace(/\s/g, '');
        expect(withoutTicks(joined)).toBe(withoutTicks(text));
      }),
    );
  });
});
