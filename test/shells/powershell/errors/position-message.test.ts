/**
 * `At line:N char:M` position messages: a port of 5.1's PositionUtilities.VerboseMessage, including its
 * 69-character window with "... " / " ..." around long lines.
 */
import { describe, expect, it } from 'vitest';
import { positionMessage } from '../../../../src/shells/powershell/errors/position-message';
import { SourceText } from '../../../../src/shells/powershell/source-text';

function at(text: string, needle: string, length = needle.length): string {
  const start = text.indexOf(needle);
  return positionMessage(new SourceText(text), { start, end: start + length });
}

describe('positionMessage', () => {
  it.each([
    ['short line', 'Get-Foo -Bar', 'Get-Foo', ['At line:1 char:1', '+ Get-Foo -Bar', '+ ~~~~~~~']],
    ['error in the middle', '$x = Get-Foo', 'Get-Foo', ['At line:1 char:6', '+ $x = Get-Foo', '+      ~~~~~~~']],
    ['second line', 'Get-Date\n  Get-Foo', 'Get-Foo', ['At line:2 char:3', '+   Get-Foo', '+   ~~~~~~~']],
    ['zero-width error shows one ~', 'if (', '', ['At line:1 char:1', '+ if (', '+ ~']],
    ['tabs expand to four spaces', '\tGet-Foo', 'Get-Foo', ['At line:1 char:2', '+     Get-Foo', '+     ~~~~~~~']],
    [
      'long line, error at the start: suffix dots',
      'Invoke-WebRequest -Uri ' + 'x'.repeat(80),
      'Invoke-WebRequest -Uri ' + 'x'.repeat(80),
      ['At line:1 char:1', '+ Invoke-WebRequest -Uri ' + 'x'.repeat(46) + ' ...', '+ ' + '~'.repeat(69)],
    ],
    [
      'long line, short error near the end: prefix dots',
      'a'.repeat(100) + ' Get-Foo',
      'Get-Foo',
      ['At line:1 char:102', '+ ... ' + 'a'.repeat(61) + ' Get-Foo', '+ ' + ' '.repeat(66) + '~~~~~~~'],
    ],
    [
      'long line, short error in the middle: both',
      'a'.repeat(60) + ' Get-Foo ' + 'b'.repeat(60),
      'Get-Foo',
      ['At line:1 char:62', '+ ... ' + 'a'.repeat(53) + ' Get-Foo ' + 'b'.repeat(7) + ' ...', '+ ' + ' '.repeat(58) + '~~~~~~~'],
    ],
  ])('%s', (_name, text, needle, expected) => {
    expect(at(text, needle, needle.length).split('\n')).toEqual(expected);
  });
});
