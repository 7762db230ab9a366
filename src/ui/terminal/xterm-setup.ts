/**
 * Loaded on demand: xterm.js and its fit addon, so the terminal never weighs on the first load.
 */
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { TerminalController, type InteractiveShell, type ShellOutcome } from '../../shells/terminal/terminal-controller';

export interface MountedTerminal {
  controller: TerminalController;
  focus(): void;
  setFontSize(size: number): void;
  dispose(): void;
}

export interface TerminalMountOptions {
  shell: InteractiveShell;
  label: string;
  fontSize: number;
  screenReaderMode: boolean;
  banner?: string;
  colorStderr?: boolean;
  onCommandDone?: (source: string, outcome: ShellOutcome) => void;
}

const THEME = {
  background: '#0b1220',
  foreground: '#e2e8f0',
  cursor: '#7dd3fc',
  selectionBackground: '#334155',
  red: '#fca5a5',
  brightRed: '#fecaca',
  green: '#86efac',
  blue: '#93c5fd',
  yellow: '#fde68a',
};

export function mountTerminal(host: HTMLElement, options: TerminalMountOptions): MountedTerminal {
  const term = new Terminal({
    fontFamily: "ui-monospace, 'Cascadia Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace",
    fontSize: options.fontSize,
    cursorBlink: true,
    // A little air between rows keeps underscores (invalid_request, access_token) from being clipped.
    lineHeight: 1.15,
    convertEol: false,
    scrollback: 5000,
    screenReaderMode: options.screenReaderMode,
    theme: THEME,
    allowProposedApi: false,
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(host);
  const textarea = host.querySelector('textarea');
  textarea?.setAttribute('aria-label', options.label);
  fit.fit();
  const controller = new TerminalController({
    shell: options.shell,
    write: (data) => term.write(data),
    cols: term.cols,
    colorStderr: options.colorStderr ?? false,
    ...(options.onCommandDone ? { onCommandDone: options.onCommandDone } : {}),
    ...(options.banner ? { banner: options.banner } : {}),
  });
  term.onData((data) => controller.input(data));
  term.onResize(({ cols }) => controller.resize(cols));
  const observer = new ResizeObserver(() => {
    try {
      fit.fit();
    } catch {
      // Hidden (zero-size) hosts cannot be measured; the next visible resize fits again.
    }
  });
  observer.observe(host);
  return {
    controller,
    focus: () => term.focus(),
    setFontSize(size) {
      term.options.fontSize = size;
      fit.fit();
    },
    dispose() {
      observer.disconnect();
      term.dispose();
    },
  };
}
