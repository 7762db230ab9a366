/**
 * Per-run budget: the script's own time, an output cap and the caller's AbortSignal. Checked on every
 * statement, loop iteration and pipeline item, so `while ($true) {}` and `1..1e7 | % { $_ }` stop within
 * the limit instead of freezing the page. PowerShell's own try/catch cannot catch these.
 *
 * Waiting for the page (a request's answer from the simulated cloud, a Start-Sleep the world's clock
 * takes) is the page's time, not the script's: it is billed at most WAIT_BILLED_MS a time, as bash's
 * RunBudget does. Billing it in full stopped a five-request retry loop at 2 s on a loaded machine or
 * a slow phone, where the page took longer to answer; billing a little keeps a loop of requests
 * bounded.
 */
import { MAX_COLLECTION_LENGTH, MAX_STRING_LENGTH } from '../runtime/size-limit';

export class LimitExceeded extends Error {
  constructor(readonly kind: 'time' | 'output' | 'memory' | 'cancelled') {
    super(kind);
  }
}

/** The most one wait on the page costs the budget (see above). */
export const WAIT_BILLED_MS = 10;

export class RunLimits {
  private steps = 0;
  /** Time spent waiting on the page beyond what was billed for it. */
  private unbilledMs = 0;
  private readonly clock: () => number;
  private readonly deadline: number;
  outputChars = 0;

  constructor(
    readonly timeLimitMs: number,
    readonly outputLimitChars: number,
    readonly signal: AbortSignal | undefined,
    clock: (() => number) | undefined,
  ) {
    this.clock = clock ?? (() => performance.now());
    this.deadline = this.clock() + timeLimitMs;
    this.lastYield = this.clock();
  }

  /** Counts one unit of work; checks the clock every 64 units. */
  step(): void {
    if (++this.steps % 64 === 0) this.check();
  }

  check(): void {
    if (this.signal?.aborted) throw new LimitExceeded('cancelled');
    const now = this.clock();
    if (now - this.unbilledMs > this.deadline) throw new LimitExceeded('time');
    if (now - this.lastYield > 50) this.needsYield = true;
  }

  /** Set when the script has run 50 ms without giving timers (and so Ctrl+C) a chance to fire. */
  needsYield = false;
  private lastYield = 0;

  /** Lets the event loop run (an abort from the terminal arrives as a macrotask), then re-checks. */
  async yieldToEventLoop(): Promise<void> {
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    this.needsYield = false;
    this.lastYield = this.clock();
    this.check();
  }

  /** Milliseconds of the script's own time left. */
  remaining(): number {
    return Math.max(0, this.deadline + this.unbilledMs - this.clock());
  }

  /** Awaits the page (a request, a sleep), billing at most WAIT_BILLED_MS of the time it takes. */
  async waitFor<T>(work: Promise<T>): Promise<T> {
    const t0 = this.clock();
    try {
      return await work;
    } finally {
      this.unbilledMs += Math.max(0, this.clock() - t0 - WAIT_BILLED_MS);
    }
  }

  countOutput(chars: number): void {
    this.outputChars += chars;
    if (this.outputChars > this.outputLimitChars) throw new LimitExceeded('output');
  }
}

export function limitMessage(kind: LimitExceeded['kind'], limits: RunLimits): string {
  switch (kind) {
    case 'time':
      return `The sandbox stopped this script: it ran longer than ${limits.timeLimitMs / 1000} seconds.`;
    case 'output':
      return `The sandbox stopped this script: it printed more than ${limits.outputLimitChars.toLocaleString('en-US')} characters.`;
    case 'memory':
      return `The sandbox stopped this script: a string grew past ${MAX_STRING_LENGTH.toLocaleString('en-US')} characters or a collection past ${MAX_COLLECTION_LENGTH.toLocaleString('en-US')} items, the sandbox's memory limit.`;
    default:
      return 'Stopped (Ctrl+C).';
  }
}
