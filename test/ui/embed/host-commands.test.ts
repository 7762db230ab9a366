import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHostCommands, STEP_INTERVAL_MS, THEME_INTERVAL_MS, type HostCommands } from '../../../src/ui/embed/host-commands';
import type { InboundMessage } from '../../../src/ui/embed/embed-protocol';

/** A manual clock and timer queue: time moves only when the test says so. */
function harness() {
  let now = 0;
  let timers: { at: number; run: () => void; live: boolean }[] = [];
  const applied: HostCommands[] = [];
  const queue = createHostCommands({
    apply: (c) => applied.push(c),
    now: () => now,
    schedule: (run, ms) => {
      const t = { at: now + ms, run, live: true };
      timers.push(t);
      return () => (t.live = false);
    },
  });
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = timers.filter((t) => t.live && t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      now = due.at;
      due.live = false;
      due.run();
    }
    timers = timers.filter((t) => t.live);
    now = until;
  };
  return { queue, applied, advance, pendingTimers: () => timers.filter((t) => t.live).length };
}

const theme = (t: 'light' | 'dark' | 'high-contrast' | 'auto'): InboundMessage => ({ type: 'mi:set-theme', theme: t });
const goto = (step: string): InboundMessage => ({ type: 'mi:goto-step', step });
const reset: InboundMessage = { type: 'mi:reset' };

describe('host commands to the embed', () => {
  it('the first message after a quiet spell is obeyed at once', () => {
    const h = harness();
    h.queue.receive(theme('dark'));
    expect(h.applied).toEqual([{ theme: 'dark', reset: false }]);
    h.queue.receive(goto('grant-reader'));
    expect(h.applied.at(-1)).toEqual({ step: 'grant-reader', reset: false });
  });

  it('10,000 resets and step changes in a burst cost one more rebuild, with the last step winning', () => {
    const h = harness();
    for (let i = 0; i < 10_000; i++) h.queue.receive(i % 2 ? reset : goto(i % 4 ? 'get-a-token' : 'grant-reader'));
    expect(h.applied).toHaveLength(1);
    expect(h.pendingTimers()).toBe(1);
    h.advance(STEP_INTERVAL_MS);
    expect(h.applied).toEqual([
      { step: 'grant-reader', reset: false },
      { step: 'get-a-token', reset: true },
    ]);
    h.advance(60_000);
    expect(h.applied).toHaveLength(2);
  });

  it('1,000 theme changes apply the first and the last', () => {
    const h = harness();
    const themes = ['light', 'dark', 'high-contrast', 'auto'] as const;
    for (let i = 0; i < 1000; i++) h.queue.receive(theme(themes[i % 4]!));
    h.advance(THEME_INTERVAL_MS);
    expect(h.applied).toEqual([
      { theme: 'light', reset: false },
      { theme: 'auto', reset: false },
    ]);
  });

  it.each([
    ['reset then the same step', [reset, goto('a')], { step: 'a', reset: true }],
    ['elsewhere and back', [goto('b'), goto('a')], { step: 'a', reset: true }],
    ['the same step twice', [goto('a'), goto('a')], { step: 'a', reset: false }],
    ['a step then a reset', [goto('b'), reset], { step: 'b', reset: true }],
    ['resets only', [reset, reset, reset], { reset: true }],
  ])('a burst keeps what the messages one by one would do: %s', (_name, burst, expected) => {
    const h = harness();
    h.queue.receive(theme('dark')); // a theme message does not hold back steps
    h.queue.receive(goto('a'));
    for (const m of burst) h.queue.receive(m);
    h.advance(STEP_INTERVAL_MS);
    expect(h.applied.at(-1)).toEqual(expected);
  });

  it('nothing applies after dispose', () => {
    const h = harness();
    h.queue.receive(reset);
    h.queue.receive(reset);
    h.queue.dispose();
    h.advance(STEP_INTERVAL_MS);
    h.queue.receive(reset);
    expect(h.applied).toHaveLength(1);
  });

  it('property: any flood, at any pace, ends where obeying each message would, with applies bounded by time not by messages', () => {
    const steps = ['a', 'b', 'c'];
    const message = fc.oneof(
      fc.constantFrom(...(['light', 'dark', 'high-contrast', 'auto'] as const)).map(theme),
      fc.constantFrom(...steps).map(goto),
      fc.constant(reset),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(message, fc.integer({ min: 0, max: 300 })), { maxLength: 400 }), (flood) => {
        const h = harness();
        // The embed as it would be if it obeyed every message at once.
        const model = { theme: 'auto', step: 'a', rebuilds: 0 };
        const shown = { theme: 'auto', step: 'a', rebuilds: 0 };
        let applied = 0;
        let elapsed = 0;
        for (const [m, gap] of flood) {
          if (m.type === 'mi:set-theme') model.theme = m.theme;
          else if (m.type === 'mi:reset') model.rebuilds++;
          else if (m.step !== model.step) {
            model.step = m.step;
            model.rebuilds++;
          }
          h.queue.receive(m);
          h.advance(gap);
          elapsed += gap;
        }
        h.advance(STEP_INTERVAL_MS);
        for (const c of h.applied) {
          applied++;
          if (c.theme) shown.theme = c.theme;
          if (c.step !== undefined && c.step !== shown.step) {
            shown.step = c.step;
            shown.rebuilds++;
          } else if (c.reset) shown.rebuilds++;
        }
        expect(shown.theme).toBe(model.theme);
        expect(shown.step).toBe(model.step);
        expect(shown.rebuilds > 0).toBe(model.rebuilds > 0);
        expect(shown.rebuilds).toBeLessThanOrEqual(model.rebuilds);
        const bound = 2 * (2 + Math.ceil((elapsed + STEP_INTERVAL_MS) / THEME_INTERVAL_MS));
        expect(applied).toBeLessThanOrEqual(bound);
      }),
      { numRuns: 200 },
    );
  });
});
