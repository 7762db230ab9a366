/**
 * Splits a markdown file into YAML frontmatter and body, and keeps enough of the YAML's source
 * positions to turn a schema issue's path (`checks.1.role`) into a line of the file.
 */
import { LineCounter, isMap, parseDocument, type Document } from 'yaml';
import type { ContentProblem } from './content-error';

export interface Frontmatter {
  data: unknown;
  body: string;
  /** 1-based file line of the body's first line. */
  bodyLine: number;
  /** The file line of the value at `path`, or of the nearest ancestor that exists. */
  lineOf(path: readonly (string | number)[]): number;
}

const OPEN = /^---[ \t]*\r?\n/;
const CLOSE = /^---[ \t]*\r?$/m;

export function parseFrontmatter(file: string, text: string): { ok: true; value: Frontmatter } | { ok: false; problem: ContentProblem } {
  const src = text.replace(/^\uFEFF/, '');
  if (!OPEN.test(src)) {
    return { ok: false, problem: { file, line: 1, message: "missing frontmatter: the file must start with a '---' line, then YAML, then '---'" } };
  }
  const afterOpen = src.replace(OPEN, '');
  const close = CLOSE.exec(afterOpen);
  if (!close) {
    return { ok: false, problem: { file, line: 1, message: "unterminated frontmatter: no closing '---' line" } };
  }
  const yamlText = afterOpen.slice(0, close.index);
  const rest = afterOpen.slice(close.index + close[0].length).replace(/^\r?\n/, '');
  // Line 1 is the opening '---', so YAML line n is file line n + 1.
  const yamlLines = yamlText.split('\n').length - (yamlText.endsWith('\n') ? 1 : 0);
  const bodyLine = 1 + yamlLines + 2;

  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const line = counter.linePos(err.pos[0]).line + 1;
    return { ok: false, problem: { file, line, message: `bad YAML: ${firstLine(err.message)}` } };
  }
  if (!isMap(doc.contents)) {
    return { ok: false, problem: { file, line: 2, message: 'the frontmatter must be a YAML mapping (key: value lines)' } };
  }
  return {
    ok: true,
    value: { data: doc.toJS(), body: rest, bodyLine, lineOf: (path) => lineIn(doc, counter, path) + 1 },
  };
}

const firstLine = (s: string) => s.split('\n')[0]!.trim();

function lineIn(doc: Document, counter: LineCounter, path: readonly (string | number)[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    // A missing key has no node: the nearest ancestor that exists is where to look.
    if (range) return counter.linePos(range[0]).line;
  }
  return 1;
}
