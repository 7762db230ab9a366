import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import xterm from '@xterm/headless';
import { columnAfter } from '../../../src/shells/terminal/cursor-column';
import { toTerminalNewlines } from '../../../src/shells/terminal/terminal-controller';

/** The column a real terminal emulator (xterm.js) leaves the cursor at; a pending wrap is column 0 of the next row. */
async function xtermColumn(text: string, cols: number): Promise<number> {
  const term = new xterm.Terminal({ cols, rows: 10, allowProposedApi: true });
  await new Promise<void>((resolve) => term.write(toTerminalNewlines(text), resolve));
  const x = term.buffer.active.cursorX;
  term.dispose();
  return x >= cols ? 0 : x;
}

describe('the column output leaves the cursor at', () => {
  it.each([
    ['plain text', 'hello', 5],
    ['text then a newline', 'hello\n', 0],
    ['a carriage return', 'progress 50%\rdone', 4],
    ['a tab', 'a\tb', 9],
    ['backspaces', 'abcd\b\b', 2],
    ['colours take no room', '\x1b[1;32mok\x1b[0m', 2],
    ['cursor back', 'abcdef\x1b[3D', 3],
    ['cursor forward', 'ab\x1b[5C', 7],
    ['to a column', 'abcdef\x1b[2G', 1],
    ['to a row and column', 'abc\x1b[3;10H', 9],
    ['to the home position', 'abc\x1b[H', 0],
    ['save and restore', 'ab\x1b7cdef\x1b8', 2],
    ['a device status query', 'ab\x1b[6n', 2],
    ['a window title (OSC) ended by BEL', '\x1b]0;my title\x07ab', 2],
    ['a window title ended by ST', '\x1b]2;title\x1b\\abc', 3],
    ['a hyperlink', '\x1b]8;;http://example.com\x1b\\link\x1b]8;;\x1b\\', 4],
    ['a private mode', '\x1b[?25lab\x1b[?25h', 2],
    ['erase line', 'abc\x1b[2K', 3],
    ['a row filled to the edge', 'x'.repeat(20), 0],
    ['a full row and one more', 'x'.repeat(21), 1],
  ])('%s', async (_name, text, expected) => {
    expect(columnAfter(text, 20)).toBe(expected);
    expect(await xtermColumn(text, 20)).toBe(expected);
  });

  it('property: agrees with xterm.js for any mix of text, controls and escape sequences', async () => {
    const piece = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'abc XYZ-_'.split('')), maxLength: 30 }),
      fc.constantFrom('\r', '\n', '\t', '\b', '\x07', '\x00', '\x0b', '\x0c', '\x1b[m', '\x1b[1;31m', '\x1b[K', '\x1b[2J', '\x1b[6n', '\x1b[c', '\x1b[>c', '\x1b7', '\x1b8', '\x1b[s', '\x1b[u', '\x1b(B', '\x1b]0;t\x07', '\x1b]8;;x\x1b\\', '\x1bP$qm\x1b\\', '\x1b[?1049h', '\x1b[?1049l', '\x1b[?47h', '\x1b[?1047l', '\x1b[?1048h', '\x1b[?1048l', '\x1b[?6h', '\x1b[?6l', '\x1bE', '\x1bM', '\x1bD'),
      fc.tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F', 'G', '`', 'a', 'd', 'e', 'I', 'Z')).map(([n, f]) => `\x1b[${n || ''}${f}`),
      fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 30 })).map(([r, c]) => `\x1b[${r};${c}H`),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 25 }), fc.integer({ min: 1, max: 40 }), async (pieces, cols) => {
        const text = pieces.join('');
        expect(columnAfter(text, cols)).toBe(await xtermColumn(text, cols));
      }),
      { numRuns: 300 },
    );
  });
});
