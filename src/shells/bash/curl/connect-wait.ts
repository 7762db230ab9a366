/**
 * A TCP connect that nothing answers (an IP literal with no host behind it, such as a typo for
 * 169.254.169.254): the SYN goes unanswered, and curl waits until its own limit or the kernel's
 * gives up, then reports it. Which limit ends the wait, and what curl 7.81 prints, follow its source
 * (tag curl-7_81_0):
 * - `-m/--max-time` first: lib/multi.c multi_handle_timeout, checked before the connect state runs:
 *   "Connection timed out after N milliseconds" (28).
 * - `--connect-timeout` (default DEFAULT_CONNECT_TIMEOUT, 300000 ms, lib/connect.h) first:
 *   lib/connect.c Curl_is_connected logs "After Nms connect time, move on!" and the failed attempt,
 *   then fails with "Connection timeout after N ms" (28).
 * - the kernel first: Linux retransmits the SYN tcp_syn_retries = 6 times (1 s initial RTO,
 *   doubling) and fails the socket with ETIMEDOUT after 127 s (Documentation/networking/
 *   ip-sysctl.rst, tcp_syn_retries, kernel 5.15 of Ubuntu 22.04); Curl_is_connected then fails with
 *   "Failed to connect to H port P after N ms: Connection timed out", which ETIMEDOUT turns into 28.
 * curl notices its own timers when poll() wakes, a millisecond after they expire.
 * The wait runs on simulated time: the learner waits a moment (Ctrl+C works), the rest is skipped
 * on curl's clock, so "after 127003 ms" does not take two minutes.
 */
import { type CurlError, curlErrors } from './errors';

export const KERNEL_SYN_GIVE_UP_MS = 127_000;
export const CURL_DEFAULT_CONNECT_TIMEOUT_MS = 300_000;
/** The longest a simulated connect wait takes in real time. */
export const REAL_WAIT_CAP_MS = 400;

export interface UnansweredConnect {
  host: string;
  port: number;
  /** When this request's connect started (curl's t_startsingle). */
  hopStartedAt: number;
  /** The -m deadline for the whole transfer, if any (curl's t_startop + timeout). */
  deadline: number | undefined;
  /** --connect-timeout in ms, if given (0 or absent: curl's default). */
  connectTimeoutMs: number | undefined;
  now: number;
}

export interface ConnectOutcome {
  /** Simulated time to wait before failing. */
  waitMs: number;
  /** The failure, with its elapsed time as curl measures it. */
  error: CurlError;
  /** -v lines between "Trying …" and the failure, without the leading "* ". */
  trace: string[];
}

export function unansweredConnect(c: UnansweredConnect): ConnectOutcome {
  const spent = c.now - c.hopStartedAt;
  const connectLimit = c.connectTimeoutMs && c.connectTimeoutMs > 0 ? c.connectTimeoutMs : CURL_DEFAULT_CONNECT_TIMEOUT_MS;
  const byMaxTime = c.deadline === undefined ? Infinity : c.deadline - c.now;
  const byConnectTimeout = connectLimit - spent;
  const byKernel = KERNEL_SYN_GIVE_UP_MS - spent;
  const failed = `connect to ${c.host} port ${c.port} failed: Connection timed out`;
  // The -m check runs before the connect state, so it wins a tie.
  if (byMaxTime <= byConnectTimeout && byMaxTime <= byKernel) {
    const waitMs = Math.max(0, byMaxTime) + 1;
    return { waitMs, error: curlErrors.connectionTimedOutAfter(spent + waitMs), trace: [] };
  }
  if (byConnectTimeout <= byKernel) {
    const waitMs = Math.max(0, byConnectTimeout) + 1;
    // timeoutms_per_addr: the limit as it stood when the only address was tried, at the start.
    return { waitMs, error: curlErrors.connectTimeoutAfter(spent + waitMs), trace: [`After ${connectLimit}ms connect time, move on!`, failed] };
  }
  const waitMs = Math.max(0, byKernel);
  return { waitMs, error: curlErrors.connectTimedOut(c.host, c.port, spent + waitMs), trace: [failed] };
}

/**
 * curl's clock with simulated waits: `pause(ms)` waits at most REAL_WAIT_CAP_MS for real (through
 * `sleep`) and skips the rest, so everything curl times afterwards sees the whole wait.
 */
export function simulatedWaits(now: () => number, sleep: (ms: number) => Promise<void>) {
  let skipped = 0;
  const clock = () => now() + skipped;
  return {
    now: clock,
    async pause(ms: number): Promise<void> {
      const start = clock();
      await sleep(Math.min(ms, REAL_WAIT_CAP_MS));
      skipped += Math.max(0, ms - (clock() - start));
    },
  };
}

