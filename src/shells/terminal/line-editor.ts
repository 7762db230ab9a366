/**
 * The line discipline of an interactive shell, as readline gives bash and PSReadLine gives
 * PowerShell: edit one input line, move through history, and draw the line on a terminal that
 * wraps at `cols`. It produces the bytes to write; it never writes anything itself.
 */
import type { Key } from './keys';

export type EditResult =
  | { kind: 'redraw'; output: string }
  | { kind: 'submit'; line: string; output: string }
  | { kind: 'interrupt'; output: string }
  | { kind: 'eof'; output: string }
  | { kind: 'clearScreen' }
  | { kind: 'none' };

const MAX_HISTORY = 500;

/** Display width of a string in terminal cells; our text is one cell per code point. */
function width(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export class LineEditor {
  private buffer: string[] = [];
  private cursor = 0;
  private readonly history: string[] = [];
  private historyIndex: number | null = null;
  private draft: string[] = [];
  /** Row of the cursor, counted from the row the prompt starts on, as last drawn. */
  private drawnCursorRow = 0;
  /**
   * Column the prompt starts at. Usually 0, but output without a final newline (curl's JSON) leaves
   * the cursor mid-row and the prompt follows it there, as in a real terminal.
   */
  private startCol = 0;

  constructor(
    private prompt: string,
    private cols: number,
  ) {}

  get text(): string {
    return this.buffer.join('');
  }

  get historyEntries(): readonly string[] {
    return this.history;
  }

  setCols(cols: number): void {
    this.cols = Math.max(1, cols);
  }

  /** Starts a fresh line: returns the prompt to write with the cursor at `startCol` of its row. */
  startLine(prompt: string, startCol = 0): string {
    this.prompt = prompt;
    this.buffer = [];
    this.cursor = 0;
    this.historyIndex = null;
    this.startCol = Math.min(Math.max(0, startCol), this.cols - 1);
    this.drawnCursorRow = Math.floor((this.startCol + width(prompt)) / this.cols);
    return prompt;
  }

  /** Puts text on the line (e.g. "show command"), replacing what was typed. */
  replaceLine(text: string): string {
    this.buffer = [...text];
    this.cursor = this.buffer.length;
    return this.render();
  }

  addHistory(line: string): void {
    const entry = line.replace(/\n+$/, '');
    if (!entry.trim() || this.history[this.history.length - 1] === entry) return;
    this.history.push(entry);
    if (this.history.length > MAX_HISTORY) this.history.shift();
  }

  apply(key: Key): EditResult {
    switch (key.type) {
      case 'text': {
        const chars = [...key.text];
        this.buffer.splice(this.cursor, 0, ...chars);
        this.cursor += chars.length;
        return this.redraw();
      }
      case 'backspace':
        if (this.cursor === 0) return { kind: 'none' };
        this.buffer.splice(this.cursor - 1, 1);
        this.cursor -= 1;
        return this.redraw();
      case 'delete':
        if (this.cursor >= this.buffer.length) return { kind: 'none' };
        this.buffer.splice(this.cursor, 1);
        return this.redraw();
      case 'left':
        if (this.cursor === 0) return { kind: 'none' };
        this.cursor -= 1;
        return this.redraw();
      case 'right':
        if (this.cursor >= this.buffer.length) return { kind: 'none' };
        this.cursor += 1;
        return this.redraw();
      case 'wordLeft':
        this.cursor = this.wordStartBefore(this.cursor);
        return this.redraw();
      case 'wordRight': {
        let i = this.cursor;
        while (i < this.buffer.length && /\s/.test(this.buffer[i]!)) i++;
        while (i < this.buffer.length && !/\s/.test(this.buffer[i]!)) i++;
        this.cursor = i;
        return this.redraw();
      }
      case 'home':
        this.cursor = 0;
        return this.redraw();
      case 'end':
        this.cursor = this.buffer.length;
        return this.redraw();
      case 'killLine':
        this.buffer.splice(0, this.cursor);
        this.cursor = 0;
        return this.redraw();
      case 'killToEnd':
        this.buffer.splice(this.cursor);
        return this.redraw();
      case 'killWord': {
        const start = this.wordStartBefore(this.cursor);
        this.buffer.splice(start, this.cursor - start);
        this.cursor = start;
        return this.redraw();
      }
      case 'up':
        return this.recall(-1);
      case 'down':
        return this.recall(1);
      case 'tab':
        // No completion in the simulated VM; a real terminal would beep.
        return { kind: 'none' };
      case 'enter': {
        const line = this.text;
        return { kind: 'submit', line, output: this.finishLine('') };
      }
      case 'interrupt':
        return { kind: 'interrupt', output: this.finishLine('^C') };
      case 'eof':
        if (this.buffer.length > 0) {
          if (this.cursor >= this.buffer.length) return { kind: 'none' };
          this.buffer.splice(this.cursor, 1);
          return this.redraw();
        }
        return { kind: 'eof', output: '' };
      case 'clearScreen':
        return { kind: 'clearScreen' };
    }
  }

  /** Bytes that draw prompt + line from scratch at the top-left (after a screen clear). */
  renderFresh(): string {
    this.drawnCursorRow = 0;
    this.startCol = 0;
    return this.render(true);
  }

  private wordStartBefore(from: number): number {
    let i = from;
    while (i > 0 && /\s/.test(this.buffer[i - 1]!)) i--;
    while (i > 0 && !/\s/.test(this.buffer[i - 1]!)) i--;
    return i;
  }

  private recall(direction: -1 | 1): EditResult {
    if (this.history.length === 0) return { kind: 'none' };
    if (this.historyIndex === null) {
      if (direction === 1) return { kind: 'none' };
      this.draft = [...this.buffer];
      this.historyIndex = this.history.length - 1;
    } else {
      const next = this.historyIndex + direction;
      if (next < 0) return { kind: 'none' };
      if (next >= this.history.length) {
        this.historyIndex = null;
        this.buffer = [...this.draft];
        this.cursor = this.buffer.length;
        return this.redraw();
      }
      this.historyIndex = next;
    }
    this.buffer = [...this.history[this.historyIndex]!];
    this.cursor = this.buffer.length;
    return this.redraw();
  }

  private redraw(): EditResult {
    return { kind: 'redraw', output: this.render() };
  }

  /**
   * Leaves the input: writes `suffix` after it (e.g. `^C`) and puts the cursor at the start of the
   * row below, where the command's output begins.
   */
  private finishLine(suffix: string): string {
    const total = this.startCol + width(this.prompt) + this.buffer.length;
    const endRow = this.rowOf(total);
    const down = endRow - this.drawnCursorRow;
    let out = down > 0 ? `\x1b[${down}B` : '';
    out += '\r';
    const endCol = total % this.cols;
    if (endCol > 0) out += `\x1b[${endCol}C`;
    out += suffix;
    // An input that exactly fills its last row already has the cursor on a fresh row.
    const filled = total > 0 && endCol === 0 && suffix === '';
    this.drawnCursorRow = endRow;
    return filled ? out : out + '\r\n';
  }

  private rowOf(cell: number): number {
    return Math.floor(cell / this.cols);
  }

  /**
   * Redraws the prompt and line: go up to the prompt's first row, clear below, write, then put the
   * cursor where the edit point is — correct even when the line wraps over several rows.
   */
  private render(fresh = false): string {
    let out = '';
    if (!fresh) {
      if (this.drawnCursorRow > 0) out += `\x1b[${this.drawnCursorRow}A`;
      out += '\r' + (this.startCol > 0 ? `\x1b[${this.startCol}C` : '') + '\x1b[J';
    }
    out += this.prompt + this.text;
    const total = this.startCol + width(this.prompt) + this.buffer.length;
    // A line that ends exactly at the right margin leaves the cursor pending; force the wrap.
    if (total > 0 && total % this.cols === 0) out += ' \b';
    const endRow = this.rowOf(total);
    const target = this.startCol + width(this.prompt) + this.cursor;
    const targetRow = this.rowOf(target);
    const targetCol = target % this.cols;
    if (endRow > targetRow) out += `\x1b[${endRow - targetRow}A`;
    out += '\r';
    if (targetCol > 0) out += `\x1b[${targetCol}C`;
    this.drawnCursorRow = targetRow;
    return out;
  }
}
