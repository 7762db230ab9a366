/**
 * Simulated time. Every piece of sim logic reads `clock.now()`; nothing else looks at the wall
 * clock. A running clock follows real elapsed time from where it was last set (so a learner sees
 * `expires_in` shrink); a frozen clock only moves when told to, which is what tests and lessons use.
 */
import { errors, ok, type Result } from './errors';
import { show } from './input';

export interface ClockState {
  /** Simulated ms epoch. */
  now: number;
  frozen: boolean;
}

export interface ClockOptions extends ClockState {
  /** Real time source for a running clock; injectable so tests never depend on the wall clock. */
  realNow?: () => number;
}

const defaultRealNow = (): number => performance.now();

/** The largest single jump of the clock: 100 years. */
export const MAX_ADVANCE_MS = 100 * 365.25 * 86_400_000;
/** 9999-12-31T23:59:59.999Z: the last instant HTTP dates and JWT times print with four-digit years. */
const LAST_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export class Clock {
  private base: number;
  private anchor: number;
  private frozenFlag: boolean;
  private readonly realNow: () => number;

  constructor({ now, frozen, realNow = defaultRealNow }: ClockOptions) {
    this.base = now;
    this.frozenFlag = frozen;
    this.realNow = realNow;
    this.anchor = realNow();
  }

  now(): number {
    if (this.frozenFlag) return this.base;
    return this.base + Math.floor(this.realNow() - this.anchor);
  }

  get frozen(): boolean {
    return this.frozenFlag;
  }

  /** Moves simulated time forward; time never goes backwards (tokens and propagation rely on it). */
  advance(ms: number): Result<number> {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
      return errors.invalidClockChange(`Cannot advance the clock by ${show(ms)} ms; give a finite number ≥ 0.`);
    }
    // Past this every date (token exp, HTTP Date headers) stops being printable (issue 16: 9e12 s broke the world).
    if (ms > MAX_ADVANCE_MS || this.now() + ms > LAST_INSTANT_MS) {
      return errors.invalidClockChange(`Cannot advance the clock by ${show(ms)} ms; one step moves it at most 100 years (${MAX_ADVANCE_MS} ms), and never past the year 9999.`);
    }
    this.rebase(this.now() + Math.floor(ms));
    return ok(this.base);
  }

  freeze(): void {
    if (this.frozenFlag) return;
    this.base = this.now();
    this.frozenFlag = true;
  }

  unfreeze(): void {
    if (!this.frozenFlag) return;
    this.frozenFlag = false;
    this.anchor = this.realNow();
  }

  state(): ClockState {
    return { now: this.now(), frozen: this.frozenFlag };
  }

  private rebase(now: number): void {
    this.base = now;
    this.anchor = this.realNow();
  }
}

/** Unix seconds of a simulated ms epoch (JWT and IMDS speak seconds). */
export const toSeconds = (ms: number): number => Math.floor(ms / 1000);
