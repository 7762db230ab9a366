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

self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

export const TAB_ESCAPE_HINT = 'Press Ctrl+M (Ctrl+Shift+M on macOS) to toggle whether Tab moves focus out of the editor.';

export interface MountedEditor {
  getValue(): string;
  setValue(text: string): void;
  focus(): void;
  dispose(): void;
}

export interface MountOptions {
  value: string;
  language: 'shell' | 'powershell';
  fontSize: number;
  dark: boolean;
  /** Cursor offset to restore when upgrading from the plain textarea. */
  cursorOffset?: number;
  onChange(text: string): void;
  onRun(): void;
}

export function mountEditor(host: HTMLElement, options: MountOptions): MountedEditor {
  const editor = monaco.editor.create(host, {
    value: options.value,
    language: options.language,
    theme: options.dark ? 'vs-dark' : 'vs',
    fontSize: options.fontSize,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    lineNumbersMinChars: 3,
    wordWrap: 'on',
    tabSize: 2,
    ariaLabel: `Script editor. Ctrl+Enter runs the script. ${TAB_ESCAPE_HINT}`,
    fixedOverflowWidgets: true,
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
    focus: () => editor.focus(),
    dispose: () => {
      editor.getModel()?.dispose();
      editor.dispose();
    },
  };
}
