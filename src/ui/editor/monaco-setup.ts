/**
 * Loaded on demand (first focus or idle). Imports only the editor API, the two languages learners
 * write, and the contributions they use — not `monaco-editor`'s everything-bundle.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/editor/contrib/find/browser/findController';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter';
import 'monaco-editor/editor/contrib/comment/browser/comment';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/toggleTabFocusMode/browser/toggleTabFocusMode';
import 'monaco-editor/languages/definitions/shell/register';
import 'monaco-editor/languages/definitions/powershell/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import type { PageTheme } from '../theme/theme-choice';

self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

export const TAB_ESCAPE_HINT = 'Press Ctrl+M (Ctrl+Shift+M on macOS) to toggle whether Tab moves focus out of the editor.';

export interface MountedEditor {
  getValue(): string;
  setValue(text: string): void;
  /** Follows the page's theme (Monaco's theme is page-wide). */
  setTheme(theme: PageTheme): void;
  /** Presenters grow the editor with the text (A+ / A−). */
  setFontSize(size: number): void;
  focus(): void;
  dispose(): void;
}

export interface MountOptions {
  value: string;
  language: 'shell' | 'powershell';
  fontSize: number;
  theme: PageTheme;
  /** Cursor offset to restore when upgrading from the plain textarea. */
  cursorOffset?: number;
  onChange(text: string): void;
  onRun(): void;
}

/**
 * Monaco's own light theme paints shell flags (`-H`, token `attribute.name`) pure red, 4.0:1 on white:
 * below WCAG AA's 4.5:1 for text (axe flags it). The same theme with that one colour darkened.
 */
const LIGHT_THEME = 'mi-light';
monaco.editor.defineTheme(LIGHT_THEME, {
  base: 'vs',
  inherit: true,
  rules: [{ token: 'attribute.name', foreground: 'B00000' }],
  colors: {},
});

/** Monaco's own high-contrast themes: black on white or white on black, with borders and a bright cursor. */
function themeName(theme: PageTheme): string {
  if (theme.highContrast) return theme.dark ? 'hc-black' : 'hc-light';
  return theme.dark ? 'vs-dark' : LIGHT_THEME;
}

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function mountEditor(host: HTMLElement, options: MountOptions): MountedEditor {
  const editor = monaco.editor.create(host, {
    value: options.value,
    language: options.language,
    theme: themeName(options.theme),
    fontSize: options.fontSize,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    lineNumbersMinChars: 3,
    wordWrap: 'on',
    tabSize: 2,
    ariaLabel: `Script editor. Ctrl+Enter runs the script. ${TAB_ESCAPE_HINT}`,
    fixedOverflowWidgets: true,
    // Reduced motion: a steady cursor and no smooth scrolling (app.css stops the scrollbars' fade).
    ...(reducedMotion() ? { cursorBlinking: 'solid' as const, smoothScrolling: false, cursorSmoothCaretAnimation: 'off' as const } : {}),
  });
  const model = editor.getModel();
  if (model && options.cursorOffset !== undefined) {
    editor.setPosition(model.getPositionAt(options.cursorOffset));
  }
  editor.onDidChangeModelContent(() => options.onChange(editor.getValue()));
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => options.onRun());
  return {
    getValue: () => editor.getValue(),
    setValue: (text) => {
      if (text !== editor.getValue()) editor.setValue(text);
    },
    setTheme: (theme) => monaco.editor.setTheme(themeName(theme)),
    setFontSize: (size) => editor.updateOptions({ fontSize: size }),
    focus: () => editor.focus(),
    dispose: () => {
      editor.getModel()?.dispose();
      editor.dispose();
    },
  };
}
