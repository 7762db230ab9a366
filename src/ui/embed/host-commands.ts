/**
 * What the host page asks of the embed (mi:set-theme, mi:goto-step, mi:reset), coalesced and
 * rate-limited. A host may send thousands of messages in a burst (a bug, or a hostile page); obeying
 * each one rebuilt the step or restyled the page every time and kept the frame busy for minutes.
 * Here a message only records what is wanted (last wins), and what is wanted is applied at most
 * once per interval: the first message after a quiet spell at once, the rest of a burst together
 * when the interval is up. Work per message is constant and nothing queues. DOM-free: the clock and
 * the timer are passed in.
 */
import type { EmbedTheme } from './embed-params';
import type { InboundMessage } from './embed-protocol';

/** What to change, as the sum of the messages since the last apply. */
export interface HostCommands {
  /** The theme of the last mi:set-theme. */
  theme?: EmbedTheme;
  /** The step of the last mi:goto-step (the caller passes only steps the lesson has). */
  step?: string;
  /**
   * Start the step over even if `step` is the one showing: one by one, the messages would have
   * rebuilt it too — an mi:reset came, or the steps went elsewhere and back.
   */
  reset: boolean;
}

export interface HostCommandOptions {
  apply(commands: HostCommands): void;
  /** Runs `run` after `ms`; returns a cancel. */
  schedule(run: () => void, ms: number): () => void;
  now(): number;
  /** Shortest time between two theme changes. */
  themeIntervalMs?: number;
  /** Shortest time between two step changes or resets (each rebuilds the step). */
  stepIntervalMs?: number;
}

export interface HostCommandQueue {
  receive(message: InboundMessage): void;
  dispose(): void;
}

type Kind = 'theme' | 'step';

export const THEME_INTERVAL_MS = 100;
export const STEP_INTERVAL_MS = 500;

export function createHostCommands(opts: HostCommandOptions): HostCommandQueue {
  const interval: Record<Kind, number> = { theme: opts.themeIntervalMs ?? THEME_INTERVAL_MS, step: opts.stepIntervalMs ?? STEP_INTERVAL_MS };
  const lastApplied: Record<Kind, number> = { theme: -Infinity, step: -Infinity };
  const timers: Partial<Record<Kind, () => void>> = {};
  let pending: { theme?: EmbedTheme; step?: string; reset: boolean; navigation: boolean } = { reset: false, navigation: false };
  let disposed = false;

  function flush(kind: Kind): void {
    delete timers[kind];
    if (disposed) return;
    const out: HostCommands = { reset: false };
    if (kind === 'theme') {
      if (pending.theme === undefined) return;
      out.theme = pending.theme;
      pending = { ...pending, theme: undefined };
    } else {
      if (!pending.navigation) return;
      if (pending.step !== undefined) out.step = pending.step;
      out.reset = pending.reset;
      pending = { ...pending, step: undefined, reset: false, navigation: false };
    }
    lastApplied[kind] = opts.now();
    opts.apply(out);
  }

  function request(kind: Kind): void {
    if (timers[kind]) return; // already due: this message joins it
    const wait = lastApplied[kind] + interval[kind] - opts.now();
    if (wait <= 0) flush(kind);
    else timers[kind] = opts.schedule(() => flush(kind), wait);
  }

  return {
    receive(message) {
      if (disposed) return;
      if (message.type === 'mi:set-theme') {
        pending.theme = message.theme;
        request('theme');
      } else if (message.type === 'mi:goto-step') {
        const elsewhere = pending.step !== undefined && pending.step !== message.step;
        pending = { ...pending, step: message.step, reset: pending.reset || elsewhere, navigation: true };
        request('step');
      } else {
        pending = { ...pending, reset: true, navigation: true };
        request('step');
      }
    },
    dispose() {
      disposed = true;
      for (const cancel of Object.values(timers)) cancel?.();
    },
  };
}
