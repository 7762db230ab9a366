/**
 * Runaway scripts of any shape stop within the session's limits, say why, and leave the session
 * usable. The session's clock steps on every read (session-helpers), so the CPU budget counts
 * work, not wall time, and every case stops after the same work on any machine.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newSession } from './session-helpers';

/** Scripts that never end on their own. */
const runaway = fc.constantFrom(
  'while true; do :; done',
  'until false; do x=1; done',
  'for ((;;)); do :; done',
  'while :; do echo y; done',
  'i=0; while true; do i=$((i+1)); done',
  'f() { f; }; f',
  'g() { g | g; }; g',
  'h() { local n=$1; h $((n+1)); }; h 0',
  'x=a; while true; do x="$x$x"; done',
  'a=(); while true; do a+=(item); done',
  'while true; do echo "$RANDOM" >> /tmp/grow; done',
  'while true; do (:); done',
  'for i in $(seq 1 100000000); do :; done',
);
/** Ways to wrap it. */
const wrapped = fc.tuple(runaway, fc.constantFrom('%s', '( %s )', '{ %s; }', 'w() { %s; }; w', '%s | cat', 'echo start; %s; echo never', 'x=$( %s )', 'if true; then %s; fi')).map(([body, shape]) => shape.replace('%s', body));

describe('runaway scripts (property)', () => {
  it('any runaway, however wrapped, stops with a limit and a message, and the session goes on', async () => {
    const { session } = newSession({}, { limits: { cpuMs: 150, outputBytes: 16 * 1024 } });
    await fc.assert(
      fc.asyncProperty(wrapped, async (script) => {
        const r = await session.run(script);
        expect(r.exitCode, script).not.toBe(0);
        expect(r.limitHit !== undefined || r.truncated === true, `${script}: ${r.stderr.slice(-200)}`).toBe(true);
        if (r.limitHit) expect(r.stderr).toMatch(/this simulated VM stops runaway scripts/);
        else expect(r.stderr).toMatch(/\[output truncated: /);
        expect(r.stdout).not.toContain('never');
        expect(r.stdout.length).toBeLessThanOrEqual(16 * 1024);
        expect((await session.run('echo alive')).stdout).toBe('alive\n');
      }),
      { numRuns: 80 },
    );
  });
});
