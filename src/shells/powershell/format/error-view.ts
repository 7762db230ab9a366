/**
 * 5.1's default error view (`$ErrorView = 'NormalView'`), transcribed from the DefaultErrorView script in
 * PowerShellCore.format.ps1xml: `<InvocationName> : <message>`, the position message, then the
 * CategoryInfo and FullyQualifiedErrorId lines, each cut into (buffer width − 6)-character pieces that are
 * concatenated with four spaces and no newline (which is why real consoles show `WebExc` / `   eption`),
 * and a final line holding one space.
 */
import type { ErrorRecord } from '../errors/error-record';
import { positionMessage } from '../errors/position-message';
import { SourceText } from '../source-text';

function indentPieces(text: string, width: number): string {
  const indent = '    ';
  if (width <= 0) return indent + text;
  let out = '';
  for (let i = 0; i < text.length; i += width) out += indent + text.slice(i, i + width);
  return out;
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
