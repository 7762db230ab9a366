/**
 * Whether bash would show its `> ` continuation prompt for this input instead of running it: an open
 * quote, `$(`, block (`if`/`for`/`{`…), here-document, or a trailing backslash.
 *
 * It asks just-bash's own parser: input whose parse fails *at the end of the text* is unfinished, while
 * a failure earlier is a real syntax error for the shell to report.
 */

/** The slice of just-bash's `Bash` this needs (its `transform` parses without running). */
export interface BashParser {
  transform(source: string): unknown;
}

const EOF_MESSAGES = [/unexpected EOF/i, /got EOF/i, /unterminated here-document/i];

export function bashIsIncomplete(parser: BashParser, source: string): boolean {
  if (/(^|[^\\])(\\\\)*\\$/.test(source)) return true;
  try {
    parser.transform(source);
    return false;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (EOF_MESSAGES.some((re) => re.test(message))) return true;
    const at = /at (\d+):(\d+)/.exec(message);
    if (!at) return false;
    const lines = source.split('\n');
    const line = Number(at[1]);
    const col = Number(at[2]);
    const last = lines[lines.length - 1] ?? '';
    return line > lines.length || (line === lines.length && col > last.trimEnd().length);
  }
}
