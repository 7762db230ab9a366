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

/**
 * The page answers requests and sleeps; on a loaded machine or a slow phone it takes its time. That
 * time is the page's, not the script's: the retries lesson's loop (five requests, four sleeps) was
 * stopped at "2 seconds" on a loaded 2-core machine although the script itself computed far less.
 * Each wait is billed a little, so a loop of requests still ends.
 */
describe('waiting on the page', () => {
  const TOKEN_URL = "'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/'";

  function slowPage(answerMs: number, log: Request[]) {
    let t = 0;
    const fetch = fakeFetch({ identity: true, reader: true }, log);
    return createPowerShellSession({
      vm: VM,
      loadGrammar,
      // Steps on every read (the script's work), and jumps while the page answers.
      clock: () => (t += 1),
      fetch: async (request) => {
        await Promise.resolve(); // the page answers later, as the worker's message round trip does
        t += answerMs;
        return fetch(request);
      },
      sleep: async () => {
        await Promise.resolve();
        t += answerMs;
      },
    });
  }

  it('five requests and four sleeps that each take the page 1.5 s finish inside the 2 s budget', async () => {
    const log: Request[] = [];
    const s = slowPage(1500, log);
    const r = await s.run(
      `foreach ($attempt in 1..5) { $r = Invoke-WebRequest -Uri ${TOKEN_URL} -Headers @{Metadata="true"} -UseBasicParsing; if ($attempt -lt 5) { Start-Sleep -Seconds 2 } }; "done: $($r.StatusCode)"`,
    );
    expect(r.limitHit).toBeUndefined();
    expect(r.stdout).toBe('done: 200\n');
    expect(log).toHaveLength(5);
  });

  it('an endless loop of requests still stops at the budget, each wait billed 10 ms', async () => {
    const log: Request[] = [];
    const r = await slowPage(1500, log).run(`while ($true) { $null = Invoke-WebRequest -Uri ${TOKEN_URL} -Headers @{Metadata="true"} -UseBasicParsing }`);
    expect(r.limitHit).toBe('time');
    expect(r.stderr).toContain('The sandbox stopped this script: it ran longer than 2 seconds.');
    expect(log.length).toBeGreaterThan(0);
    expect(log.length).toBeLessThanOrEqual(2000 / 10);
  });
});
