import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TerminalController, type InteractiveShell, type ShellOutcome } from '../../../src/shells/terminal/terminal-controller';
import { Screen } from './screen';

const PROMPT = 'azureuser@myLinuxVM:~$ ';

/** A fake shell: `echo X` prints X; `hang` never finishes until cancelled; open quotes continue. */
function fakeShell() {
  const ran: string[] = [];
  let release: ((o: ShellOutcome) => void) | null = null;
  const shell: InteractiveShell = {
    prompt: () => PROMPT,
    continuationPrompt: () => '> ',
    isIncomplete: (source) => (source.match(/"/g)?.length ?? 0) % 2 === 1,
    run(source) {
      ran.push(source);
      if (source === 'hang') return new Promise((resolve) => (release = resolve));
      if (source.startsWith('printf ')) return Promise.resolve({ stdout: source.slice(7), stderr: '', exitCode: 0 });
      const m = /^echo (.*)$/s.exec(source);
      return Promise.resolve(m ? { stdout: m[1]!.replace(/"/g, '') + '\n', stderr: '', exitCode: 0 } : { stdout: '', stderr: `${source}: command not found\n`, exitCode: 127 });
    },
    cancel() {
      release?.({ stdout: '', stderr: '', exitCode: 130 });
      release = null;
    },
  };
  return { shell, ran };
}

/** Lets pending promise callbacks run (the controller checks completeness asynchronously). */
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  const screen = new Screen(60, 20);
  const { shell, ran } = fakeShell();
  const term = new TerminalController({ shell, write: screen.write, cols: 60 });
  return { screen, term, ran };
}

describe('terminal controller', () => {
  it('runs a typed command and prints the next prompt after its output', async () => {
    const t = setup();
    t.term.input('echo hello\r');
    await t.term.whenIdle();
    expect(await t.screen.lines()).toEqual([PROMPT + 'echo hello', 'hello', PROMPT]);
  });

  it('shows output without a trailing newline the way bash does: the prompt follows on the same row', async () => {
    const t = setup();
    t.term.input('printf {"a":1}\r');
    await t.term.whenIdle();
    expect(await t.screen.lines()).toEqual([PROMPT + 'printf {"a":1}', '{"a":1}' + PROMPT]);
  });

  it('runs a multi-line paste line by line, in order', async () => {
    const t = setup();
    t.term.input('echo one\recho two\recho three\r');
    await t.term.whenIdle();
    await new Promise((r) => setTimeout(r, 0));
    await t.term.whenIdle();
    expect(t.ran).toEqual(['echo one', 'echo two', 'echo three']);
    const lines = await t.screen.lines();
    expect(lines).toEqual([PROMPT + 'echo one', 'one', PROMPT + 'echo two', 'two', PROMPT + 'echo three', 'three', PROMPT]);
  });

  it('continues an unfinished command on the next line with the continuation prompt', async () => {
    const t = setup();
    t.term.input('echo "a\r');
    await tick();
    expect(t.ran).toEqual([]);
    t.term.input('b"\r');
    await t.term.whenIdle();
    expect(t.ran).toEqual(['echo "a\nb"']);
    expect((await t.screen.lines()).slice(0, 2)).toEqual([PROMPT + 'echo "a', '> b"']);
  });

  it('Ctrl+C cancels a running command and gives the prompt back', async () => {
    const t = setup();
    t.term.input('hang\r');
    await tick();
    expect(t.term.busy).toBe(true);
    expect(t.ran).toEqual(['hang']);
    t.term.input('\x03');
    await t.term.whenIdle();
    expect(t.term.busy).toBe(false);
    expect((await t.screen.lines()).at(-1)).toBe(PROMPT);
  });

  it('keeps what is typed while a command runs and handles it afterwards', async () => {
    const t = setup();
    t.term.input('hang\r');
    t.term.input('echo later\r');
    await tick();
    expect(t.ran).toEqual(['hang']);
    t.term.input('\x03');
    await t.term.whenIdle();
    // Ctrl+C drops the type-ahead, as a terminal's interrupt flushes pending input.
    expect(t.ran).toEqual(['hang']);
  });

  it('Ctrl+C right after Enter, before the command starts, abandons it', async () => {
    const t = setup();
    t.term.input('echo never\r\x03');
    await tick();
    await t.term.whenIdle();
    expect(t.ran).toEqual([]);
    expect((await t.screen.lines()).slice(-2)).toEqual(['^C', PROMPT]);
  });

  it('Run from the editor shows the script as typed and runs it in the same session', async () => {
    const t = setup();
    const outcome = await t.term.runScript('echo from editor\n');
    expect(outcome).toEqual({ stdout: 'from editor\n', stderr: '', exitCode: 0 });
    expect(await t.screen.lines()).toEqual([PROMPT + 'echo from editor', 'from editor', PROMPT]);
    expect(t.term.history).toEqual(['echo from editor']);
  });

  it('Ctrl+L clears the screen and redraws the current line at the top', async () => {
    const t = setup();
    t.term.input('echo a\r');
    await t.term.whenIdle();
    t.term.input('echo b\x0c');
    const lines = await t.screen.lines();
    expect(lines.filter((l) => l.trim())).toContain(PROMPT + 'echo b');
    expect(lines.filter((l) => l.trim()).length).toBe(1);
  });
});

describe('prompt after output without a final newline', () => {
  it('edits and recalls history without overwriting the output before the prompt', async () => {
    const screen = new Screen(40, 20);
    const { shell } = fakeShell();
    const term = new TerminalController({ shell, write: screen.write, cols: 40 });
    term.input('printf {"error":"Identity not found"}\r');
    await tick();
    await term.whenIdle();
    term.input('echo something long enough to wrap the row');
    term.input('\x15'); // kill the line: redraws from the prompt's real start
    term.input('\x1b[A'); // recall the printf
    const lines = await screen.lines();
    expect(lines.join('')).toBe(PROMPT + 'printf {"error":"Identity not found"}' + '{"error":"Identity not found"}' + PROMPT + 'printf {"error":"Identity not found"}');
  });
});

describe('escape sequences in command output', () => {
  /** A shell whose commands print whatever the test says, escape sequences and all. */
  function printing(cols = 40) {
    const screen = new Screen(cols, 20);
    let output = '';
    const shell: InteractiveShell = {
      prompt: () => '$ ',
      continuationPrompt: () => '> ',
      isIncomplete: () => false,
      run: async () => ({ stdout: output, stderr: '', exitCode: 0 }),
      cancel() {},
    };
    const term = new TerminalController({ shell, write: screen.write, cols });
    // The terminal answers queries (device status, attributes) through its input, as xterm.js does.
    screen.term.onData((data) => term.input(data));
    const run = async (text: string) => {
      output = text;
      term.input('x\r');
      await tick();
      await term.whenIdle();
      await screen.lines();
      await tick(); // replies the output asked for arrive now
    };
    return { screen, term, run };
  }

  it.each([
    ['cursor moved back', 'abcdef\x1b[3D', 'abc$ echo hi'],
    ['cursor moved to a column', 'abcdef\x1b[2G', 'a$ echo hi'],
    ['a tab', 'a\tb', 'a       b$ echo hi'],
    ['a window title', '\x1b]0;title\x07ab', 'ab$ echo hi'],
    ['a cursor position query', 'ab\x1b[6n', 'ab$ echo hi'],
    ['device attribute queries', 'ab\x1b[c\x1b[>c', 'ab$ echo hi'],
  ])('%s: the prompt and the line being edited stay where the terminal put them', async (_name, output, row) => {
    const t = printing();
    await t.run(output);
    t.term.input('echo hx');
    t.term.input('\x7f'); // each edit redraws from the prompt's start
    t.term.input('i');
    t.term.input('\x1b[D\x1b[C'); // and moves the cursor within the line
    const lines = await t.screen.lines();
    expect(lines.at(-1)).toBe(row);
    expect((await t.screen.cursor()).x).toBe(row.length);
    expect(t.term.history.at(-1)).toBe('x');
    t.term.input('\r');
    await tick();
    await t.term.whenIdle();
    // What was typed is exactly what runs: no answer from the terminal crept into the line.
    expect(t.term.history.at(-1)).toBe('echo hi');
  });

  it('property: after any output, editing keeps the cursor where the line editor thinks it is', async () => {
    const piece = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'ab -'.split('')), maxLength: 50 }),
      fc.constantFrom('\r', '\n', '\t', '\b', '\x1b[m', '\x1b[K', '\x1b[6n', '\x1b[c', '\x1b7', '\x1b8', '\x1b]0;t\x07', '\x1b[?25l'),
      fc.tuple(fc.integer({ min: 0, max: 50 }), fc.constantFrom('A', 'C', 'D', 'G')).map(([n, f]) => `\x1b[${n}${f}`),
    );
    const key = fc.constantFrom('a', 'bc', ' ', '\x7f', '\x1b[D', '\x1b[C', '\x01', '\x05');
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 12 }), fc.array(key, { maxLength: 15 }), async (pieces, keys) => {
        const t = printing(30);
        await t.run(pieces.join(''));
        const start = (await t.screen.cursor()).x - 2; // the prompt is two cells
        // xterm.js reports a pending wrap (the row is full) as column 30: the next cell is column 0 below.
        const column = async () => (await t.screen.cursor()).x % 30;
        const model: string[] = [];
        let at = 0;
        for (const k of keys) {
          t.term.input(k);
          if (k === '\x7f') at > 0 && model.splice(--at, 1);
          else if (k === '\x1b[D') at = Math.max(0, at - 1);
          else if (k === '\x1b[C') at = Math.min(model.length, at + 1);
          else if (k === '\x01') at = 0;
          else if (k === '\x05') at = model.length;
          else {
            model.splice(at, 0, ...k);
            at += k.length;
          }
        }
        expect(await column()).toBe((start + 2 + at) % 30);
      }),
      { numRuns: 150 },
    );
  });
});

describe('output order and colour', () => {
  function shellWith(outcome: ShellOutcome): InteractiveShell {
    return { prompt: () => 'PS C:\\> ', continuationPrompt: () => '>> ', isIncomplete: () => false, run: async () => outcome, cancel() {} };
  }

  it('writes stdout and stderr in the order the shell produced them, errors in red when asked', async () => {
    const written: string[] = [];
    const term = new TerminalController({
      shell: shellWith({ stdout: 'a\nb\n', stderr: 'boom\n', exitCode: 1, chunks: [{ stream: 'stdout', text: 'a\n' }, { stream: 'stderr', text: 'boom\n' }, { stream: 'stdout', text: 'b\n' }] }),
      write: (d) => written.push(d),
      colorStderr: true,
    });
    await term.runScript('x');
    const out = written.join('');
    expect(out).toContain('a\r\n\x1b[91mboom\r\n\x1b[0mb\r\n');
  });

  it('without chunks shows stdout then stderr, uncoloured by default', async () => {
    const written: string[] = [];
    const term = new TerminalController({ shell: shellWith({ stdout: 'out\n', stderr: 'err\n', exitCode: 1 }), write: (d) => written.push(d) });
    await term.runScript('x');
    expect(written.join('')).toContain('out\r\nerr\r\n');
    expect(written.join('')).not.toContain('\x1b[91m');
  });
});

describe('scripts queued from the editor or run buttons', () => {
  it('run one after another, in order, each shown before its output', async () => {
    const t = setup();
    t.term.input('hang\r');
    await tick();
    const a = t.term.runScript('echo first');
    const b = t.term.runScript('echo second');
    t.term.input('\x03');
    await Promise.all([a, b]);
    expect(t.ran).toEqual(['hang', 'echo first', 'echo second']);
    const lines = await t.screen.lines();
    expect(lines.slice(-5)).toEqual([PROMPT + 'echo first', 'first', PROMPT + 'echo second', 'second', PROMPT]);
  });
});
