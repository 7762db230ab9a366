/**
 * Start-Sleep with the session's sleep (the app's: the world's simulated clock moves, no real wait):
 * the retry loop of the retries lesson backs off for half a minute inside the 2 s script limit.
 */
import { describe, expect, it } from 'vitest';
import { createPowerShellSession } from '../../../src/shells/powershell';
import { fakeFetch, loadGrammar, steppingClock, VM } from './fake-azure';

function sessionWithSleep(waited: number[]) {
  return createPowerShellSession({
    fetch: fakeFetch({ identity: true, reader: true }),
    vm: VM,
    loadGrammar,
    clock: steppingClock(),
    sleep: async (ms) => void waited.push(ms),
  });
}

describe('Start-Sleep through the session', () => {
  it('hands each wait to the session, seconds and milliseconds alike, and takes no time of the script', async () => {
    const waited: number[] = [];
    const s = sessionWithSleep(waited);
    const r = await s.run('Start-Sleep 2; Start-Sleep -Seconds 30; Start-Sleep -Milliseconds 250; sleep -s 86400; "awake"');
    expect(r).toMatchObject({ stdout: 'awake\n', exitCode: 0 });
    expect(r.limitHit).toBeUndefined();
    expect(waited).toEqual([2000, 30_000, 250, 86_400_000]);
  });

  it('a backoff loop: 2, 4, 8, 16 seconds', async () => {
    const waited: number[] = [];
    const s = sessionWithSleep(waited);
    const r = await s.run('$delay = 2; foreach ($attempt in 1..4) { Start-Sleep -Seconds $delay; $delay *= 2 }; $delay');
    expect(r.stdout).toBe('32\n');
    expect(waited).toEqual([2000, 4000, 8000, 16_000]);
  });

  it('Start-Sleep 0 does not wait at all', async () => {
    const waited: number[] = [];
    expect((await sessionWithSleep(waited).run('Start-Sleep 0; "ok"')).stdout).toBe('ok\n');
    expect(waited).toEqual([]);
  });
});
