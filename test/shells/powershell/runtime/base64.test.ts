/** [Convert]::FromBase64String / ToBase64String laws, checked against Node's codec. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DotNetException, fromBase64String, toBase64String } from '../../../../src/shells/powershell/runtime/types';

describe('base64', () => {
  it('ToBase64String matches the standard encoding and FromBase64String inverts it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = toBase64String(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(Array.from(fromBase64String(text))).toEqual(Array.from(bytes));
      }),
    );
  });

  it('any base64url text without padding whose length is not a multiple of 4 is rejected for its length first', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (bytes) => {
        const url = Buffer.from(bytes).toString('base64url');
        fc.pre(url.length % 4 !== 0);
        expect(() => fromBase64String(url)).toThrow(new DotNetException('Invalid length for a Base-64 char array or string.', 'System.FormatException'));
      }),
    );
  });
});
