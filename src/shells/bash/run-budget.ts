/**
 * The computation budget of one run. just-bash checks its abort signal synchronously between
 * statements, but a busy loop never yields to the event loop, so a timer could never fire to abort
 * it. Instead the signal handed to just-bash reports itself aborted once the run has computed for
 * longer than the budget. Time spent waiting (on the network, in `sleep`) is not computation: each
 * wait is billed at most WAIT_BILLED_MS, so `sleep 5` or a slow IMDS still work, and a loop of
 * requests (whose answers the page, not the budget, used to bound) still ends.
 */

/** The most one wait costs the budget (PowerShell's RunLimits bills the same). */
export const WAIT_BILLED_MS = 10;

const nativeAborted = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted')?.get;

export class RunBudget {
  readonly signal: AbortSignal;
  /** Set once the budget ran out. */
  exhausted = false;
  private readonly controller = new AbortController();
  private readonly startedAt: number;
  private waitedMs = 0;
  private readonly detach: () => void;

  constructor(
    private readonly cpuMs: number,
    private readonly userSignal: AbortSignal | undefined,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.startedAt = clock();
    const signal = this.controller.signal;
    const realAborted = () => (nativeAborted ? (nativeAborted.call(signal) as boolean) : false);
    Object.defineProperty(signal, 'aborted', {
      configurable: true,
      get: () => realAborted() || this.overBudget(),
    });
    this.signal = signal;
    const onUserAbort = () => this.controller.abort();
    if (userSignal?.aborted) this.controller.abort();
    else userSignal?.addEventListener('abort', onUserAbort, { once: true });
    this.detach = () => userSignal?.removeEventListener('abort', onUserAbort);
  }

  /** The caller cancelled the run (Ctrl+C). */
  get cancelled(): boolean {
    return this.userSignal?.aborted === true;
  }

  private overBudget(): boolean {
    if (!this.exhausted && this.clock() - this.startedAt - this.waitedMs > this.cpuMs) this.exhausted = true;
    return this.exhausted;
  }

  /** Awaits `work`, billing at most WAIT_BILLED_MS of the time it takes. */
  async waitFor<T>(work: Promise<T>): Promise<T> {
    const t0 = this.clock();
    try {
      return await work;
    } finally {
      this.waitedMs += Math.max(0, this.clock() - t0 - WAIT_BILLED_MS);
    }
  }

  dispose(): void {
    this.detach();
  }
}
