/**
 * `InvocationInfo.PositionMessage` as Windows PowerShell 5.1 prints it under an error:
 *
 *     At line:1 char:13
 *     + $response = Invoke-WebRequest -Uri 'http://169.254.169.254/metadata/i ...
 *     +             ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
 *
 * A port of PositionUtilities.VerboseMessage: lines longer than 69 characters are cut around the
 * error with 12 characters of context before and 8 after, marked with "... " / " ..." (5.1 used
 * three ASCII dots; PowerShell 7 switched to the Unicode ellipsis).
 */
import type { SourceText } from '../source-text';

const MAX_LINE_LENGTH = 69;

export interface Extent {
  start: number;
  end: number;
}

export function positionMessage(source: SourceText, extent: Extent): string {
  const start = source.position(extent.start);
  const end = source.position(extent.end);
  let sourceLine = source.lineText(start.line).replace(/\s+$/, '');
  const header = `At line:${start.line} char:${start.column}`;
  if (!sourceLine) return header;

  let spacesBeforeError = start.column - 1;
  let errorLength =
    start.line === end.line && end.column <= sourceLine.length + 1 ? end.column - start.column : sourceLine.length - start.column + 1;

  if (sourceLine.includes('\t')) {
    const before = sourceLine.slice(0, spacesBeforeError).replaceAll('\t', '    ');
    const error = sourceLine.slice(spacesBeforeError, spacesBeforeError + errorLength).replaceAll('\t', '    ');
    sourceLine = before + error + sourceLine.slice(spacesBeforeError + errorLength).replaceAll('\t', '    ');
    spacesBeforeError = before.length;
    errorLength = error.length;
  }

  let needsPrefixDots = false;
  let needsSuffixDots = false;
  const lineLength = sourceLine.length;
  if (lineLength > MAX_LINE_LENGTH) {
    const totalPrefix = spacesBeforeError;
    let prefix = Math.min(totalPrefix, 12);
    const totalSuffix = lineLength - errorLength - spacesBeforeError;
    let suffix = Math.min(totalSuffix, 8);
    let candidateLength = prefix + errorLength + suffix;
    if (candidateLength >= MAX_LINE_LENGTH) {
      if (prefix + errorLength >= MAX_LINE_LENGTH) errorLength = MAX_LINE_LENGTH - prefix;
      needsSuffixDots = true;
    } else {
      const prefixAvailable = totalPrefix - prefix;
      if (prefixAvailable > 0) {
        prefix += Math.min(prefixAvailable, MAX_LINE_LENGTH - candidateLength);
        candidateLength = prefix + errorLength + suffix;
      }
      if (candidateLength < MAX_LINE_LENGTH && totalSuffix > 0) {
        suffix += Math.min(totalSuffix, MAX_LINE_LENGTH - candidateLength);
      }
      needsSuffixDots = suffix < totalSuffix;
    }
    needsPrefixDots = prefix < totalPrefix;
    const startIndex = Math.max(spacesBeforeError - prefix, 0);
    sourceLine = sourceLine.substr(startIndex, MAX_LINE_LENGTH);
    spacesBeforeError = Math.min(spacesBeforeError, prefix);
    errorLength = Math.min(errorLength, MAX_LINE_LENGTH - spacesBeforeError);
  }

  const shown = (needsPrefixDots ? '... ' : '') + sourceLine + (needsSuffixDots ? ' ...' : '');
  const underline = ' '.repeat(spacesBeforeError + (needsPrefixDots ? 4 : 0)) + '~'.repeat(errorLength > 0 ? errorLength : 1);
  return `${header}\n+ ${shown}\n+ ${underline}`;
}
