import { describe, expect, it } from 'vitest';
import { capOutput } from '../../../src/shells/host/output-cap';

describe('capOutput', () => {
  it.each([
    { stdout: 'abc', stderr: '', limit: 10, truncated: false },
    { stdout: 'a'.repeat(10), stderr: '', limit: 10, truncated: false },
    { stdout: 'a'.repeat(11), stderr: '', limit: 10, truncated: true },
    { stdout: 'a'.repeat(6), stderr: 'e'.repeat(6), limit: 10, truncated: true },
  ])('stdout $stdout.length + stderr $stderr.length at limit $limit → truncated $truncated', ({ stdout, stderr, limit, truncated }) => {
    const r = capOutput({ stdout, stderr, exitCode: 0 }, limit);
    expect(Boolean(r.truncated)).toBe(truncated);
    if (truncated) {
      expect(r.stdout.length + r.stderr.length).toBeLessThan(limit + 200);
      expect(r.stderr).toMatch(/output truncated: the script printed 12|output truncated: the script printed 11/);
    } else {
      expect(r).toEqual({ stdout, stderr, exitCode: 0 });
    }
  });
});
