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

/**
 * just-bash reports a block opened on the last line with nothing in it yet (`if x; then`, `do`) as
 * an unexpected closing keyword it met at the end of the text, and on an indented line after the
 * first its column comes out short of the line's end. bash would prompt for more, so it counts as
 * unfinished when the text has no such keyword on that line to have been unexpected.
 */
const CLOSER = /syntax error near unexpected token `(fi|done|esac|\})'/;

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
    if (line > lines.length || (line === lines.length && col > last.trimEnd().length)) return true;
    const closer = CLOSER.exec(message)?.[1];
    if (closer === undefined || line !== lines.length) return false;
    const word = closer === '}' ? '\\}' : closer;
    return !new RegExp(`(^|[\\s;&|])${word}(?=$|[\\s;&|)])`).test(last);
  }
}
