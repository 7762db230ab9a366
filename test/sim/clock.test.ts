import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { advanceClock, Clock, freezeClock, quickstartWorld, unfreezeClock } from '../../src/sim/index';

function fakeReal(start = 1000) {
  let t = start;
  return { now: () => t, tick: (ms: number) => (t += ms) };
}

describe('Clock', () => {
  it('a frozen clock only moves when advanced', () => {
    const real = fakeReal();
    const clock = new Clock({ now: 5_000, frozen: true, realNow: real.now });
    real.tick(60_000);
    expect(clock.now()).toBe(5_000);
    expect(clock.advance(1_500)).toEqual({ ok: true, value: 6_500 });
    expect(clock.now()).toBe(6_500);
  });

  it('a running clock follows real elapsed time from where it was set', () => {
    const real = fakeReal();
    const clock = new Clock({ now: 5_000, frozen: false, realNow: real.now });
    real.tick(250);
    expect(clock.now()).toBe(5_250);
    clock.advance(1_000);
    real.tick(10);
    expect(clock.now()).toBe(6_260);
  });

  it('freeze holds the current reading; unfreeze resumes from it without a jump', () => {
    const real = fakeReal();
    const clock = new Clock({ now: 0, frozen: false, realNow: real.now });
    real.tick(100);
    clock.freeze();
    real.tick(5_000);
    expect(clock.now()).toBe(100);
    clock.unfreeze();
    expect(clock.now()).toBe(100);
    real.tick(7);
    expect(clock.now()).toBe(107);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, '5' as unknown as number])('refuses to advance by %s', (bad) => {
    const clock = new Clock({ now: 10, frozen: true });
    const r = clock.advance(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('InvalidClockChange');
    expect(clock.now()).toBe(10);
  });

  it('never goes backwards, whatever sequence of advances and freezes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.nat(100_000).map((n) => ({ op: 'advance' as const, n })), fc.constantFrom({ op: 'freeze' as const }, { op: 'unfreeze' as const }), fc.nat(1000).map((n) => ({ op: 'real' as const, n })))),
        (ops) => {
          const real = fakeReal();
          const clock = new Clock({ now: 0, frozen: true, realNow: real.now });
          let last = clock.now();
          for (const o of ops) {
            if (o.op === 'advance') clock.advance(o.n);
            else if (o.op === 'freeze') clock.freeze();
            else if (o.op === 'unfreeze') clock.unfreeze();
            else real.tick(o.n);
            const now = clock.now();
            if (now < last) return false;
            last = now;
          }
          return true;
        },
      ),
    );
  });
});

describe('world clock control', () => {
  it('advanceClock records clock.advanced on the feed and in the data', () => {
    const { world } = quickstartWorld();
    const seen: string[] = [];
    world.subscribe((e) => seen.push(e.type));
    const start = world.now();
    expect(advanceClock(world, 60_000)).toEqual({ ok: true, value: start + 60_000 });
    expect(world.data.clock.now).toBe(start + 60_000);
    expect(seen).toContain('clock.advanced');
    const last = world.events().at(-1);
    expect(last).toMatchObject({ type: 'clock.advanced', from: start, to: start + 60_000, at: start + 60_000 });
  });

  it('freeze/unfreeze are reflected in the data and announced once', () => {
    const { world } = quickstartWorld();
    const seen: string[] = [];
    world.subscribe((e) => seen.push(e.type));
    unfreezeClock(world);
    unfreezeClock(world);
    expect(world.data.clock.frozen).toBe(false);
    freezeClock(world);
    expect(world.data.clock.frozen).toBe(true);
    expect(seen).toEqual(['clock.unfrozen', 'clock.frozen']);
  });
});
