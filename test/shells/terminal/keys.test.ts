import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseKeys } from '../../../src/shells/terminal/keys';

describe('parseKeys', () => {
  it.each([
    ['abc', [{ type: 'text', text: 'abc' }]],
    ['\r', [{ type: 'enter' }]],
    ['\r\n', [{ type: 'enter' }]],
    ['a\x7fb', [{ type: 'text', text: 'a' }, { type: 'backspace' }, { type: 'text', text: 'b' }]],
    ['\x1b[A\x1b[B\x1b[C\x1b[D', [{ type: 'up' }, { type: 'down' }, { type: 'right' }, { type: 'left' }]],
    ['\x1bOH\x1b[F\x1b[3~', [{ type: 'home' }, { type: 'end' }, { type: 'delete' }]],
    ['\x03\x04\x0c\x15\x0b\x17', [{ type: 'interrupt' }, { type: 'eof' }, { type: 'clearScreen' }, { type: 'killLine' }, { type: 'killToEnd' }, { type: 'killWord' }]],
    ['\x1b[1;5C\x1b[1;5D', [{ type: 'wordRight' }, { type: 'wordLeft' }]],
    ['x\x1b[99;99Zy', [{ type: 'text', text: 'x' }, { type: 'text', text: 'y' }]],
    ['\x1b[200~echo a\recho b\x1b[201~', [{ type: 'text', text: 'echo a' }, { type: 'enter' }, { type: 'text', text: 'echo b' }]],
    ['héllo ✓', [{ type: 'text', text: 'héllo ✓' }]],
    // What xterm.js answers when output asks it something: never typed onto the line.
    ['a\x1b[24;1Rb', [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }]],
    ['\x1b[?1;2c\x1b[>0;276;0c', []],
    ['\x1b]11;rgb:0000/0000/0000\x1b\\x', [{ type: 'text', text: 'x' }]],
    ['\x1b]10;rgb:ffff/ffff/ffff\x07x', [{ type: 'text', text: 'x' }]],
    ['\x1bP1$r0m\x1b\\x', [{ type: 'text', text: 'x' }]],
    ['\x1b[Ix\x1b[O', [{ type: 'text', text: 'x' }]],
  ])('%j', (input, keys) => {
    expect(parseKeys(input)).toEqual(keys);
  });

  it('never throws and never types a control character, whatever arrives', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (input) => {
        for (const key of parseKeys(input)) {
          if (key.type === 'text') expect(key.text).not.toMatch(/[\x00-\x1f\x7f]/);
        }
      }),
    );
  });
});
