import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  clampShare,
  dragTo,
  isAtMax,
  parseSplitState,
  resizeTo,
  shownShare,
  splitAria,
  splitKey,
  splitLimits,
  splitSizeStore,
  toggleMaximized,
  SPLIT_DEFAULT,
  SPLIT_PAGE_STEP,
  SPLIT_STEP,
  type SplitLimits,
  type SplitState,
  type SplitStorage,
} from '../../../src/ui/lib/split-size';

const memory = (items: Record<string, string> = {}): SplitStorage & { items: Record<string, string> } => ({
  items,
  getItem: (key) => items[key] ?? null,
  setItem: (key, value) => void (items[key] = value),
});
const blocked: SplitStorage = {
  getItem: () => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  },
};

/** 1000px shared: the inspector at least 200px, the workspace at least 300px → shares 0.2 … 0.7. */
const LIMITS: SplitLimits = { min: 0.2, max: 0.7 };
const own = (share: number): SplitState => ({ share, maximized: false });
const maxed = (share: number): SplitState => ({ share, maximized: true });

describe('limits', () => {
  it.each([
    ['room for both', 1000, 200, 300, { min: 0.2, max: 0.7 }],
    ['no minimums', 500, 0, 0, { min: 0, max: 1 }],
    ['exactly enough', 500, 200, 300, { min: 0.4, max: 0.4 }],
    ['too little: split in proportion to the minimums', 250, 200, 300, { min: 0.4, max: 0.4 }],
    ['nothing measured yet', 0, 200, 300, { min: SPLIT_DEFAULT.share, max: SPLIT_DEFAULT.share }],
    ['negative minimums count as none', 1000, -50, -50, { min: 0, max: 1 }],
  ])('%s', (_, total, minPane, minWorkspace, expected) => {
    const limits = splitLimits(total, minPane, minWorkspace);
    expect(limits.min).toBeCloseTo(expected.min, 10);
    expect(limits.max).toBeCloseTo(expected.max, 10);
  });

  it('always give min ≤ max within 0–1, and both panes their minimum whenever they fit', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 5000, noNaN: true }), fc.double({ min: 0, max: 800, noNaN: true }), fc.double({ min: 0, max: 800, noNaN: true }), (total, minPane, minWorkspace) => {
        const { min, max } = splitLimits(total, minPane, minWorkspace);
        expect(0 <= min && min <= max && max <= 1).toBe(true);
        if (total > 0 && minPane + minWorkspace <= total) {
          expect(min * total).toBeGreaterThanOrEqual(minPane - 1e-6);
          expect((1 - max) * total).toBeGreaterThanOrEqual(minWorkspace - 1e-6);
        }
      }),
    );
  });
});

describe('clamping', () => {
  it.each([
    [0.5, 0.5],
    [0, 0.2],
    [1, 0.7],
    [-3, 0.2],
    [Infinity, 0.7],
    [-Infinity, 0.2],
    [Number.NaN, SPLIT_DEFAULT.share],
  ])('%s → %s', (share, expected) => {
    expect(clampShare(share, LIMITS)).toBe(expected);
  });

  it('any share lands within the limits, and a share within them is left alone', () => {
    fc.assert(
      fc.property(fc.double(), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (share, a, b) => {
        const limits = { min: Math.min(a, b), max: Math.max(a, b) };
        const clamped = clampShare(share, limits);
        expect(clamped >= limits.min && clamped <= limits.max).toBe(true);
        expect(clampShare(clamped, limits)).toBe(clamped);
        if (share >= limits.min && share <= limits.max) expect(clamped).toBe(share);
      }),
    );
  });
});

describe('keys', () => {
  it.each<[string, SplitState, string, SplitState | null]>([
    ['Up grows the inspector by a step', own(0.4), 'ArrowUp', own(0.4 + SPLIT_STEP)],
    ['Down shrinks it by a step', own(0.4), 'ArrowDown', own(0.4 - SPLIT_STEP)],
    ['Page Up by a larger step', own(0.4), 'PageUp', own(0.4 + SPLIT_PAGE_STEP)],
    ['Page Down by a larger step', own(0.4), 'PageDown', own(0.4 - SPLIT_PAGE_STEP)],
    ['Up stops at the largest', own(0.68), 'ArrowUp', own(0.7)],
    ['Down stops at the smallest', own(0.22), 'ArrowDown', own(0.2)],
    ['Home: the smallest', own(0.5), 'Home', own(0.2)],
    ['End: maximized, keeping the size to go back to', own(0.5), 'End', maxed(0.5)],
    ['End when already largest changes nothing', maxed(0.5), 'End', maxed(0.5)],
    ['Enter maximizes', own(0.5), 'Enter', maxed(0.5)],
    ['Enter again goes back to the last size', maxed(0.5), 'Enter', own(0.5)],
    ['Down from maximized steps down from the largest', maxed(0.3), 'ArrowDown', own(0.7 - SPLIT_STEP)],
    ['a saved size outside the limits steps from where it is shown', own(0.95), 'ArrowDown', own(0.7 - SPLIT_STEP)],
    ['other keys are not the splitter’s', own(0.5), 'Tab', null],
    ['letters neither', own(0.5), 'a', null],
  ])('%s', (_, state, key, expected) => {
    const next = splitKey(state, key, LIMITS);
    if (expected === null) return expect(next).toBeNull();
    expect(next!.maximized).toBe(expected.maximized);
    expect(next!.share).toBeCloseTo(expected.share, 10);
  });

  it('whatever keys are pressed, the inspector is shown within the limits', () => {
    const keys = fc.constantFrom('ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', 'Enter', 'x');
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), fc.array(keys, { maxLength: 30 }), (share, maximized, pressed) => {
        let state: SplitState = { share, maximized };
        for (const key of pressed) state = splitKey(state, key, LIMITS) ?? state;
        const shown = shownShare(state, LIMITS);
        expect(shown >= LIMITS.min && shown <= LIMITS.max).toBe(true);
      }),
    );
  });
});

describe('Maximize / Restore', () => {
  it.each<[string, SplitState, SplitState]>([
    ['maximizes from the learner’s size', own(0.4), maxed(0.4)],
    ['restores the learner’s size', maxed(0.4), own(0.4)],
    ['dragged to the top, Restore goes to the usual size', own(0.7), own(SPLIT_DEFAULT.share)],
    ['maximized from the top, Restore still shrinks it', maxed(0.9), own(SPLIT_DEFAULT.share)],
  ])('%s', (_, state, expected) => {
    expect(toggleMaximized(state, LIMITS)).toEqual(expected);
  });

  it('twice from any size below the largest comes back to the same size', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.69, noNaN: true }), (share) => {
        const start = own(share);
        const back = toggleMaximized(toggleMaximized(start, LIMITS), LIMITS);
        expect(shownShare(back, LIMITS)).toBe(shownShare(start, LIMITS));
        expect(isAtMax(toggleMaximized(start, LIMITS), LIMITS)).toBe(true);
      }),
    );
  });
});

describe('dragging', () => {
  it.each([
    ['up 100px grows the inspector by 100px of 1000', 400, 500, 400, own(0.5)],
    ['down 100px shrinks it', 400, 500, 600, own(0.3)],
    ['far up stops at the largest', 400, 500, -2000, own(0.7)],
    ['far down stops at the smallest', 400, 500, 5000, own(0.2)],
  ])('%s', (_, startPx, startY, y, expected) => {
    const state = dragTo(startPx, startY, y, 1000, LIMITS);
    expect(state.maximized).toBe(false);
    expect(state.share).toBeCloseTo(expected.share, 10);
  });

  it('before anything is measured, a drag keeps the usual size', () => {
    expect(dragTo(400, 500, 300, 0, splitLimits(0, 100, 100))).toEqual(own(SPLIT_DEFAULT.share));
  });
});

describe('the value read out', () => {
  it.each<[SplitState, { now: number; min: number; max: number }]>([
    [own(0.4), { now: 40, min: 20, max: 70 }],
    [maxed(0.4), { now: 70, min: 20, max: 70 }],
    [own(0.05), { now: 20, min: 20, max: 70 }],
  ])('%j', (state, expected) => {
    expect(splitAria(state, LIMITS)).toEqual(expected);
  });

  it('now is always between min and max', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), fc.double({ min: 1, max: 4000, noNaN: true }), (share, maximized, total) => {
        const limits = splitLimits(total, 120, 160);
        const { now, min, max } = splitAria({ share, maximized }, limits);
        expect(min <= now && now <= max).toBe(true);
      }),
    );
  });
});

describe('remembering the size', () => {
  it.each<[string, string | null, SplitState]>([
    ['a saved size', '{"share":0.55,"maximized":false}', own(0.55)],
    ['a saved maximized size', '{"share":0.3,"maximized":true}', maxed(0.3)],
    ['maximized anything but true is not maximized', '{"share":0.3,"maximized":"yes"}', own(0.3)],
    ['nothing saved', null, SPLIT_DEFAULT],
    ['not JSON', 'big', SPLIT_DEFAULT],
    ['a bare number', '0.5', SPLIT_DEFAULT],
    ['null', 'null', SPLIT_DEFAULT],
    ['above 1', '{"share":1.5}', SPLIT_DEFAULT],
    ['negative', '{"share":-0.1}', SPLIT_DEFAULT],
    ['a string share', '{"share":"0.5"}', SPLIT_DEFAULT],
    ['no share', '{"maximized":true}', SPLIT_DEFAULT],
  ])('%s', (_, raw, expected) => {
    expect(parseSplitState(raw)).toEqual(expected);
  });

  it('keeps each key apart and reads back what it saved', () => {
    const storage = memory();
    const store = splitSizeStore(storage);
    expect(store.save('lesson', own(0.6))).toBe(true);
    expect(store.save('sandbox', maxed(0.3))).toBe(true);
    expect(splitSizeStore(storage).load('lesson')).toEqual(own(0.6));
    expect(splitSizeStore(storage).load('sandbox')).toEqual(maxed(0.3));
    expect(splitSizeStore(storage).load('other')).toEqual(SPLIT_DEFAULT);
  });

  it('a bad saved value gives the usual size', () => {
    expect(splitSizeStore(memory({ lesson: '{"share":"huge"}' })).load('lesson')).toEqual(SPLIT_DEFAULT);
  });

  it.each([
    ['blocked storage', blocked],
    ['no storage', null],
  ])('%s: the size lasts in memory while the page is open', (_, storage) => {
    const store = splitSizeStore(storage);
    expect(store.load('lesson')).toEqual(SPLIT_DEFAULT);
    expect(store.save('lesson', own(0.6))).toBe(false);
    expect(store.load('lesson')).toEqual(own(0.6));
  });

  it('what the page saved last wins over an older stored size that could not be replaced', () => {
    const items: Record<string, string> = { lesson: '{"share":0.3,"maximized":false}' };
    const full: SplitStorage = { getItem: (key) => items[key] ?? null, setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } };
    const store = splitSizeStore(full);
    store.save('lesson', own(0.6));
    expect(store.load('lesson')).toEqual(own(0.6));
  });

  it('any saved state reads back as itself', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), (share, maximized) => {
        const store = splitSizeStore(memory());
        store.save('k', { share, maximized });
        expect(store.load('k')).toEqual({ share, maximized });
      }),
    );
  });
});

describe('resizing', () => {
  it('a chosen size is the learner’s own, never maximized', () => {
    expect(resizeTo(0.5, LIMITS)).toEqual(own(0.5));
    expect(resizeTo(2, LIMITS)).toEqual(own(0.7));
  });
});
