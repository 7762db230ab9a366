import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseKeys } from '../../../src/shells/terminal/keys';
import { LineEditor } from '../../../src/shells/terminal/line-editor';
import { Screen } from './screen';

const PROMPT = 'azureuser@myLinuxVM:~$ ';

/** Feeds raw terminal input to a line editor drawing on a real (headless) terminal. */
function setup(cols = 40) {
  const screen = new Screen(cols, 12);
  const editor = new LineEditor(PROMPT, cols);
  screen.write(editor.startLine(PROMPT));
  const submitted: string[] = [];
  const type = (data: string) => {
    for (const key of parseKeys(data)) {
      const r = editor.apply(key);
      if (r.kind === 'redraw') screen.write(r.output);
      if (r.kind === 'submit') {
        screen.write(r.output);
        submitted.push(r.line);
        editor.addHistory(r.line);
        screen.write(editor.startLine(PROMPT));
      }
      if (r.kind === 'interrupt') {
        screen.write(r.output);
        screen.write(editor.startLine(PROMPT));
      }
    }
  };
  return { screen, editor, type, submitted };
}

describe('line editor', () => {
  it('edits in the middle of the line and submits the edited text', async () => {
    const t = setup();
    t.type('echo wrld\x1b[D\x1b[D\x1b[Do\r');
    expect(t.submitted).toEqual(['echo world']);
    expect((await t.screen.lines())[0]).toBe(PROMPT + 'echo world');
  });

  it.each([
    ['backspace', 'echo abc\x7f\r', 'echo ab'],
    ['delete at cursor', 'echo abc\x1b[D\x1b[D\x1b[3~\r', 'echo ac'],
    ['home then type', 'cho\x01e\r', 'echo'],
    ['Ctrl+U kills to start', 'junk\x15echo ok\r', 'echo ok'],
    ['Ctrl+K kills to end', 'echo okjunk\x1b[D\x1b[D\x1b[D\x1b[D\x0b\r', 'echo ok'],
    ['Ctrl+W kills a word', 'echo one two\x17three\r', 'echo one three'],
    ['word left', 'echo b\x1b[1;5Da\r', 'echo ab'],
  ])('%s', (_name, input, line) => {
    const t = setup();
    t.type(input);
    expect(t.submitted).toEqual([line]);
  });

  it('recalls history with up and down and restores the draft', async () => {
    const t = setup();
    t.type('echo first\recho second\r');
    t.type('draft');
    t.type('\x1b[A');
    expect(t.editor.text).toBe('echo second');
    t.type('\x1b[A\x1b[A');
    expect(t.editor.text).toBe('echo first');
    t.type('\x1b[B\x1b[B');
    expect(t.editor.text).toBe('draft');
    t.type('\x15\x1b[A\r');
    expect(t.submitted).toEqual(['echo first', 'echo second', 'echo second']);
  });

  it('keeps duplicates and blank lines out of history', () => {
    const t = setup();
    t.type('a\ra\r\r   \rb\r');
    expect(t.editor.historyEntries).toEqual(['a', 'b']);
  });

  it('draws a line that wraps over several rows and edits it in place', async () => {
    const t = setup(30);
    const long = 'curl -s -H Metadata:true http://169.254.169.254/metadata/identity';
    t.type(long);
    t.type('\x01'); // home: the cursor goes back up to the first row, after the prompt
    expect(await t.screen.cursor()).toEqual({ x: PROMPT.length, y: 0 });
    t.type('X\x05'); // insert at start, then end
    const all = PROMPT + 'X' + long;
    const rows = (await t.screen.lines()).join('');
    expect(rows).toBe(all);
    const end = all.length;
    expect(await t.screen.cursor()).toEqual({ x: end % 30, y: Math.floor(end / 30) });
  });

  it('Ctrl+C abandons the line with ^C and a new prompt', async () => {
    const t = setup();
    t.type('echo nope\x03echo yes\r');
    expect(t.submitted).toEqual(['echo yes']);
    const lines = await t.screen.lines();
    expect(lines[0]).toBe(PROMPT + 'echo nope^C');
    expect(lines[1]).toBe(PROMPT + 'echo yes');
  });

  it('the screen always shows prompt + text, wherever the edits go (property)', async () => {
    const keys = fc.constantFrom('a', 'b', ' ', 'xyz', '\x7f', '\x1b[D', '\x1b[C', '\x01', '\x05', '\x1b[3~', '\x17', '\x0b');
    await fc.assert(
      fc.asyncProperty(fc.array(keys, { maxLength: 60 }), fc.integer({ min: 10, max: 50 }), async (seq, cols) => {
        const t = setup(cols);
        t.type(seq.join(''));
        const shown = (await t.screen.lines()).join('');
        expect(shown.trimEnd()).toBe((PROMPT + t.editor.text).trimEnd());
      }),
      { numRuns: 150 },
    );
  });
});

describe('leaving the line', () => {
  it.each([10, 19, 20, 21, 39, 40, 41])('an input of %i cells on a 20-column terminal leaves no blank row', async (cells) => {
    const screen = new Screen(20, 12);
    const editor = new LineEditor('$ ', 20);
    screen.write(editor.startLine('$ '));
    const text = 'x'.repeat(cells - 2);
    for (const key of parseKeys(text + '\x01')) {
      const r = editor.apply(key);
      if (r.kind === 'redraw') screen.write(r.output);
    }
    const r = editor.apply({ type: 'enter' });
    if (r.kind !== 'submit') throw new Error('expected submit');
    screen.write(r.output + 'OUT');
    const lines = await screen.lines();
    expect(lines.join('|')).toBe([...chunks('$ ' + text, 20), 'OUT'].join('|'));
  });
});

function chunks(s: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i += n) out.push(s.slice(i, i + n));
  return out;
}
