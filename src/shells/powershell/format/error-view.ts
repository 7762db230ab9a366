/**
 * 5.1's default error view (`$ErrorView = 'NormalView'`), transcribed from the DefaultErrorView script in
 * PowerShellCore.format.ps1xml: `<InvocationName> : <message>`, the position message, then the
 * CategoryInfo and FullyQualifiedErrorId lines, each cut into (buffer width − 6)-character pieces that are
 * concatenated with four spaces and no newline, and a final line holding one space.
 *
 * The view is a custom control, so Out-Default writes its text through ComplexWriter, which cuts every
 * line into rows of ConsoleLineOutput.ColumnNumber (buffer width − 1) characters and ends each with a
 * newline (PowerShell/PowerShell: FormatAndOutput/common/ComplexWriter.cs GenerateLinesWithoutWordWrap,
 * out-console/ConsoleLineOutput.cs). That is why a real console shows `…, WebExc` / `   eption` with
 * three spaces at 120 columns, and why words are split across rows but never gapped within one, whatever
 * the width: the terminal never has to re-wrap a row.
 */
import type { ErrorRecord } from '../errors/error-record';
import { positionMessage } from '../errors/position-message';
import { SourceText } from '../source-text';

function indentPieces(text: string, width: number): string {
  const indent = '    ';
  if (width <= 0) return indent + text;
  let out = '';
  for (let i = 0; i < text.length; i += width) out += indent + text.slice(i, i + width);
  return toRows(out, width + 5);
}

export function formatErrorRecord(record: ErrorRecord, columns = 120): string {
  const spec = record.spec;
  const width = columns - 4 - 2;
  const prefix = spec.invocationName ? `${spec.invocationName} : ` : '';
  let posmsg = '';
  if (!spec.isParseError && spec.extent) posmsg = '\n' + positionMessage(new SourceText(record.scriptText), spec.extent);
  posmsg += '\n' + indentPieces('+ CategoryInfo          : ' + record.categoryInfoText, width);
  posmsg += '\n' + indentPieces('+ FullyQualifiedErrorId : ' + spec.fullyQualifiedErrorId, width);
  const message = spec.details ? spec.details : spec.message;
  return prefix + message + posmsg + '\n \n';
}

/**
 * ComplexWriter's cut of one line into rows of `width` (= buffer width − 1) characters, no word wrap for
 * en-US. Only the two joined lines need it: every other line is at most as wide as the console, or (a long
 * message) is wrapped by the terminal itself at its full width, one column later than 5.1 would.
 */
function toRows(line: string, width: number): string {
  if (line.length <= width) return line;
  const rows: string[] = [];
  for (let i = 0; i < line.length; i += width) rows.push(line.slice(i, i + width));
  return rows.join('\n');
}
