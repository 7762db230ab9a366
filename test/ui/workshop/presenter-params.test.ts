import { describe, expect, it } from 'vitest';
import { clampFont, parsePresenterParams } from '../../../src/ui/workshop/presenter-params';

describe('presenter mode from the query', () => {
  it.each([
    ['', null],
    ['?step=x', null],
    ['?presenter=1', { fontSize: 14, script: null, theme: null, errors: [] }],
    ['?fontSize=24', { fontSize: 24, script: null, theme: null, errors: [] }],
    ['?script=hostname%0Adelay%20500', { fontSize: 14, script: [{ kind: 'type', text: 'hostname' }, { kind: 'delay', ms: 500 }], theme: null, errors: [] }],
    ['?presenter=1&theme=high-contrast', { fontSize: 14, script: null, theme: 'high-contrast', errors: [] }],
    // Any page takes ?theme= (src/ui/main.ts); alone it does not make a presenter.
    ['?theme=dark', null],
  ])('%j', (search, settings) => {
    expect(parsePresenterParams(search)).toEqual(settings);
  });

  it('keeps what is valid and lists what is not', () => {
    expect(parsePresenterParams('?presenter=yes&fontSize=200&script=delay&theme=contrast')).toEqual({
      fontSize: 14,
      script: null,
      theme: null,
      errors: [
        '"presenter" must be 1, not "yes".',
        '"fontSize" must be a whole number of pixels from 10 to 40, not "200".',
        'Line 1 of the demo script: "delay" takes a whole number of milliseconds from 0 to 60000, not "".',
        '"theme" must be one of "auto", "light", "dark", "high-contrast", not "contrast".',
      ],
    });
  });

  it.each([
    [9, 10],
    [41, 40],
    [15.6, 16],
  ])('font %d clamps to %d', (size, clamped) => expect(clampFont(size)).toBe(clamped));
});
