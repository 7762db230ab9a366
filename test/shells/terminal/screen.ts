/** A real terminal emulator (xterm.js headless) to check what a person would see on screen. */
import xterm from '@xterm/headless';

export class Screen {
  readonly term: InstanceType<typeof xterm.Terminal>;
  private pending: Promise<void> = Promise.resolve();

  constructor(cols = 40, rows = 12) {
    this.term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  }

  write = (data: string): void => {
    this.pending = this.pending.then(() => new Promise<void>((resolve) => this.term.write(data, resolve)));
  };

  async lines(): Promise<string[]> {
    await this.pending;
    const buffer = this.term.buffer.active;
    const out: string[] = [];
    for (let i = 0; i < buffer.length; i++) out.push(buffer.getLine(i)?.translateToString(true) ?? '');
    while (out.length && out[out.length - 1] === '') out.pop();
    return out;
  }

  async cursor(): Promise<{ x: number; y: number }> {
    await this.pending;
    const b = this.term.buffer.active;
    return { x: b.cursorX, y: b.baseY + b.cursorY };
  }
}
