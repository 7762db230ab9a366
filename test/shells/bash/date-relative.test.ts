import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { relativeDate } from '../../../src/shells/bash/commands/date.ts';

const NOW = Date.UTC(2026, 0, 15, 9, 0, 0);

describe('relativeDate: GNU date -d relative items, from the simulated now', () => {
  // Offsets as GNU coreutils 9 (Debian) printed them for the same strings (`date -d "$e" +%s`
  // minus `date +%s`); months counted from 15 January, as here.
  it.each([
    ['+2 hours', 7200],
    ['now + 90 minutes', 5400],
    ['2 hours ago', -7200],
    ['next week', 604_800],
    ['-1 day', -86_400],
    ['tomorrow', 86_400],
    ['yesterday', -86_400],
    ['1 hour 30 minutes', 5400],
    ['+2hours', 7200],
    ['2 hour', 7200],
    ['now', 0],
    ['hours', 3600],
    ['30 sec', 30],
    ['1 month', 31 * 86_400],
    ['last year', -365 * 86_400],
  ])('%s → %i s', (text, seconds) => {
    expect(relativeDate(text, NOW)).toBe(NOW + seconds * 1000);
  });

  it.each(['', '2026-01-15', '@1768467600', 'next blursday', '2 hours later'])('%j is not relative: left to just-bash', (text) => {
    expect(relativeDate(text, NOW)).toBeNull();
  });

  it('adding hours one item at a time equals adding them at once', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), (a, b) => {
        const sign = (n: number) => (n < 0 ? `${n}` : `+${n}`);
        expect(relativeDate(`${sign(a)} hours ${sign(b)} hours`, NOW)).toBe(relativeDate(`${sign(a + b)} hours`, NOW));
      }),
    );
  });
});
