/**
 * Loads web-tree-sitter and the PowerShell grammar once per page/process. Loading is injected because
 * the wasm files arrive differently per host: in Node tests `languageWasm` is a file path; in the browser
 * the UI passes URLs from Vite `?url` imports of `web-tree-sitter/web-tree-sitter.wasm` and
 * `tree-sitter-powershell/tree-sitter-powershell.wasm`, so both are lazy chunks.
 */
import { Language, Parser } from 'web-tree-sitter';

export interface GrammarSource {
  /** URL (or bytes) of web-tree-sitter.wasm; omit to let web-tree-sitter find it next to its module. */
  parserWasm?: string | Uint8Array;
  /** Path, URL or bytes of tree-sitter-powershell.wasm. */
  languageWasm: string | Uint8Array;
}

export type LoadGrammar = () => Promise<GrammarSource>;

let runtimeReady: Promise<void> | null = null;
const languages = new Map<LoadGrammar, Promise<Language>>();

function initRuntime(parserWasm: GrammarSource['parserWasm']): Promise<void> {
  if (!runtimeReady) {
    type InitOptions = NonNullable<Parameters<typeof Parser.init>[0]>;
    const options: Record<string, unknown> = {};
    if (typeof parserWasm === 'string') options.locateFile = () => parserWasm;
    else if (parserWasm) options.wasmBinary = parserWasm;
    runtimeReady = Parser.init(options as InitOptions).catch((error: unknown) => {
      runtimeReady = null;
      throw error;
    });
  }
  return runtimeReady;
}

/** Returns a fresh parser for the PowerShell grammar; the wasm is fetched and compiled only once. */
export async function createParser(load: LoadGrammar): Promise<Parser> {
  let language = languages.get(load);
  if (!language) {
    language = (async () => {
      const source = await load();
      await initRuntime(source.parserWasm);
      return Language.load(source.languageWasm);
    })();
    languages.set(load, language);
    language.catch(() => languages.delete(load));
  }
  const lang = await language;
  const parser = new Parser();
  parser.setLanguage(lang);
  return parser;
}
