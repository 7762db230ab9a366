/**
 * An interactive terminal over a shell session: reads keystrokes and pastes, edits the line, runs
 * complete commands one at a time, and writes prompts and output the way a terminal shows them.
 * It knows nothing about xterm.js or the DOM: it takes input strings and emits output strings.
 */
import { columnAfter } from './cursor-column';
import { parseKeys } from './keys';
import { LineEditor } from './line-editor';

export interface ShellOutcome {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** stdout and stderr in the order written, when known; otherwise stdout is shown before stderr. */
  chunks?: { stream: 'stdout' | 'stderr'; text: string }[];
}

/** What the terminal needs from a shell (bash or PowerShell). */
export interface InteractiveShell {
  /** The prompt for a new command, e.g. `azureuser@myLinuxVM:~$ ` or `PS C:\Users\azureuser> `. */
  prompt(): string;
  /** The prompt while a command continues on the next line (`> ` in bash, `>> ` in PowerShell). */
  continuationPrompt(): string;
  /**
   * True when `source` cannot run yet because a quote, block or line continuation is still open.
   * May answer asynchronously (the parser can live in a worker).
   */
  isIncomplete(source: string): boolean | Promise<boolean>;
  run(source: string): Promise<ShellOutcome>;
  /** Ctrl+C while a command runs. The pending run() must still settle. */
  cancel(): void;
  /** The terminal's width, for shells that format output to it. */
  resize?(columns: number): void;
}

export interface TerminalControllerOptions {
  shell: InteractiveShell;
  write: (data: string) => void;
  cols?: number;
  /** Written once before the first prompt (a login banner). */
  banner?: string;
  /** Told after each command finishes, e.g. to refresh views of the world. */
  onCommandDone?: (source: string, outcome: ShellOutcome) => void;
  /**
   * Shows stderr in red, as the Windows PowerShell console does for error records. (A Linux terminal
   * shows stderr like any other output.)
   */
  colorStderr?: boolean;
}

/** Terminals move to a new line with CR LF; shells print bare LF. */
export function toTerminalNewlines(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

export class TerminalController {
  private readonly editor: LineEditor;
  private readonly shell: InteractiveShell;
  private readonly write: (data: string) => void;
  private readonly onCommandDone: TerminalControllerOptions['onCommandDone'];
  private readonly colorStderr: boolean;
  /** Lines of a command still being entered (continuation). */
  private pendingLines: string[] = [];
  /** Input that arrived while a command ran, replayed afterwards (type-ahead and multi-line paste). */
  private queued = '';
  private running = false;
  /** Between Enter and the shell starting: the line is being checked for completeness. */
  private checking = false;
  private interruptedWhileChecking = false;
  private idleWaiters: (() => void)[] = [];
  private cols: number;
  /** Where the last command's output left the cursor, for the next prompt. */
  private outputEndCol = 0;

  constructor(options: TerminalControllerOptions) {
    this.shell = options.shell;
    this.write = options.write;
    this.onCommandDone = options.onCommandDone;
    this.colorStderr = options.colorStderr ?? false;
    this.cols = options.cols ?? 80;
    this.editor = new LineEditor(this.shell.prompt(), this.cols);
    this.shell.resize?.(this.cols);
    if (options.banner) this.write(toTerminalNewlines(options.banner));
    this.write(this.editor.startLine(this.shell.prompt()));
  }

  get busy(): boolean {
    return this.running;
  }

  get history(): readonly string[] {
    return this.editor.historyEntries;
  }

  resize(cols: number): void {
    this.cols = Math.max(1, cols);
    this.editor.setCols(this.cols);
    this.shell.resize?.(this.cols);
  }

  /** Keystrokes or pasted text from the terminal. */
  input(data: string): void {
    if (this.running) {
      if (data.includes('\x03')) {
        this.queued = '';
        if (this.checking) this.interruptedWhileChecking = true;
        else this.shell.cancel();
        return;
      }
      this.queued += data;
      return;
    }
    this.process(data);
  }

  /** Runs a whole script (the editor's Run button) in this session, shown as if typed. */
  async runScript(source: string): Promise<ShellOutcome | null> {
    // Several scripts may be waiting for the same idle moment; each takes its turn.
    while (this.running) await this.whenIdle();
    const script = source.replace(/\s+$/, '');
    if (!script) return null;
    this.write(this.editor.replaceLine(script.split('\n')[0] ?? ''));
    const rest = script.split('\n').slice(1);
    if (rest.length) this.write(toTerminalNewlines('\n' + rest.map((l) => this.shell.continuationPrompt() + l).join('\n')));
    this.write('\r\n');
    return this.execute(script);
  }

  /** Puts a command on the prompt line without running it ("show command"). */
  suggest(command: string): void {
    if (this.running) return;
    this.write(this.editor.replaceLine(command));
  }

  /** Resolves when no command is running. */
  whenIdle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  clearScreen(): void {
    this.write('\x1b[H\x1b[2J' + this.editor.renderFresh());
  }

  private process(data: string): void {
    const keys = parseKeys(data);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const result = this.editor.apply(key);
      switch (result.kind) {
        case 'redraw':
          this.write(result.output);
          break;
        case 'clearScreen':
          this.clearScreen();
          break;
        case 'interrupt':
          this.pendingLines = [];
          this.write(result.output + this.editor.startLine(this.shell.prompt()));
          break;
        case 'eof':
          // A real shell would log out; the simulated VM stays, so say why nothing happened.
          this.write('\r\n(Ctrl+D would log you out of a real VM; this session stays open.)\r\n' + this.editor.startLine(this.shell.prompt()));
          break;
        case 'submit': {
          this.write(result.output);
          this.pendingLines.push(result.line);
          this.running = true;
          void this.submit(this.pendingLines.join('\n'));
          // Everything after this Enter is type-ahead for a busy shell, as in a real terminal
          // (a Ctrl+C in it interrupts the command).
          const rest = serializeKeys(keys.slice(i + 1));
          if (rest) this.input(rest);
          return;
        }
        case 'none':
          break;
      }
    }
  }

  private async submit(source: string): Promise<void> {
    let incomplete = false;
    this.checking = true;
    this.interruptedWhileChecking = false;
    try {
      incomplete = await this.shell.isIncomplete(source);
    } catch {
      // If the shell cannot tell, run what we have: the shell will report a syntax error itself.
    }
    this.checking = false;
    if (this.interruptedWhileChecking) {
      this.pendingLines = [];
      this.write('^C\r\n');
      this.settle(this.shell.prompt());
      return;
    }
    if (incomplete) {
      this.settle(this.shell.continuationPrompt());
      return;
    }
    this.pendingLines = [];
    await this.execute(source);
  }

  private async execute(source: string): Promise<ShellOutcome | null> {
    this.running = true;
    if (source.trim()) this.editor.addHistory(source);
    let outcome: ShellOutcome | null = null;
    if (source.trim()) {
      try {
        outcome = await this.shell.run(source);
      } catch (error) {
        outcome = { stdout: '', stderr: `${error instanceof Error ? error.message : String(error)}\n`, exitCode: 1 };
      }
      const text = outcome.stdout + outcome.stderr;
      const chunks = outcome.chunks ?? [
        { stream: 'stdout' as const, text: outcome.stdout },
        { stream: 'stderr' as const, text: outcome.stderr },
      ];
      for (const chunk of chunks) {
        if (!chunk.text) continue;
        const shown = toTerminalNewlines(chunk.text);
        this.write(chunk.stream === 'stderr' && this.colorStderr ? `\x1b[91m${shown}\x1b[0m` : shown);
      }
      if (text) this.outputEndCol = columnAfter(chunks.map((c) => c.text).join(''), this.cols);
      this.onCommandDone?.(source, outcome);
    }
    this.settle(this.shell.prompt());
    return outcome;
  }

  /** Back to reading input: show `prompt`, wake waiters, then handle anything typed meanwhile. */
  private settle(prompt: string): void {
    this.running = false;
    this.write(this.editor.startLine(prompt, this.outputEndCol));
    this.outputEndCol = 0;
    const queued = this.queued;
    this.queued = '';
    if (queued) this.process(queued);
    if (this.running) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  }
}

/** Rebuilds the raw input that the given remaining keys came from, to replay it later. */
function serializeKeys(keys: ReturnType<typeof parseKeys>): string {
  return keys
    .map((k) => {
      switch (k.type) {
        case 'text':
          return k.text;
        case 'enter':
          return '\r';
        case 'backspace':
          return '\x7f';
        case 'interrupt':
          return '\x03';
        case 'tab':
          return '\t';
        default:
          return '';
      }
    })
    .join('');
}
