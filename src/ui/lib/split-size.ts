/**
 * A splitter between a workspace (above) and a pane under it (the "See inside" inspector), as data:
 * the pane's size as a share of the height both have together, its limits so neither side can
 * vanish, the keyboard's steps, Maximize/Restore, and the remembered size. DOM-free: the component
 * measures pixels and renders what these functions return.
 *
 * The size is a share, not pixels, so a size chosen on a laptop still fits a 1280×720 projector.
 * `maximized` is kept apart from `share` so Restore (and Enter) go back to the learner's own size.
 */

import { tryGetItem, trySetItem, type KeyValueStorage } from './storage';

export interface SplitState {
  /** The pane's own size, 0–1 of the shared height (shown clamped to the limits). */
  share: number;
  /** Maximized: shown at the largest size; `share` is what Restore goes back to. */
  maximized: boolean;
}

/** The pane's smallest and largest share for the height there is now. */
export interface SplitLimits {
  min: number;
  max: number;
}

export const SPLIT_DEFAULT: SplitState = { share: 0.4, maximized: false };
/** Arrow Up/Down move by this share; Page Up/Down by the larger one. */
export const SPLIT_STEP = 0.05;
export const SPLIT_PAGE_STEP = 0.2;
/** Below this, two shares are the same size on any screen (a tenth of a pixel at 1000px). */
const EPSILON = 1e-4;

/**
 * Limits for `total` pixels shared by the workspace and the pane, each with a minimum in pixels.
 * When the two minimums do not fit, both limits meet where the room splits in proportion to them,
 * so the result is always one valid share rather than a range with min above max.
 */
export function splitLimits(total: number, minPane: number, minWorkspace: number): SplitLimits {
  const pane = Math.max(0, minPane);
  const workspace = Math.max(0, minWorkspace);
  if (!(total > 0) || !Number.isFinite(total)) return { min: SPLIT_DEFAULT.share, max: SPLIT_DEFAULT.share };
  const min = pane / total;
  const max = 1 - workspace / total;
  if (min <= max) return { min, max };
  const meet = pane + workspace > 0 ? pane / (pane + workspace) : 0.5;
  return { min: meet, max: meet };
}

/** Any number, NaN and ±Infinity included, into the limits. */
export function clampShare(share: number, limits: SplitLimits): number {
  if (Number.isNaN(share)) return clampShare(SPLIT_DEFAULT.share, limits);
  return Math.min(limits.max, Math.max(limits.min, share));
}

/** The share the pane is shown at. */
export function shownShare(state: SplitState, limits: SplitLimits): number {
  return state.maximized ? limits.max : clampShare(state.share, limits);
}

/** At the largest size, by Maximize or by dragging there. */
export function isAtMax(state: SplitState, limits: SplitLimits): boolean {
  return shownShare(state, limits) >= limits.max - EPSILON;
}

/** A new size the learner chose (dragged or stepped to): it becomes their own size. */
export function resizeTo(share: number, limits: SplitLimits): SplitState {
  return { share: clampShare(share, limits), maximized: false };
}

/**
 * Maximize, or back to the learner's own size. If that size is itself the largest (dragged to the
 * top, then maximized), Restore goes to the default so the button always does something.
 */
export function toggleMaximized(state: SplitState, limits: SplitLimits): SplitState {
  if (!isAtMax(state, limits)) return { share: state.share, maximized: true };
  const own = clampShare(state.share, limits);
  return { share: own >= limits.max - EPSILON ? SPLIT_DEFAULT.share : state.share, maximized: false };
}

export type SplitKey = 'ArrowUp' | 'ArrowDown' | 'PageUp' | 'PageDown' | 'Home' | 'End' | 'Enter';

/**
 * What a key does on the splitter (the WAI-ARIA window splitter pattern, with the pane below it:
 * Up grows the pane). Enter toggles between the learner's size and the largest. Other keys: null,
 * so the component lets them through.
 */
export function splitKey(state: SplitState, key: string, limits: SplitLimits): SplitState | null {
  const shown = shownShare(state, limits);
  switch (key) {
    case 'ArrowUp':
      return resizeTo(shown + SPLIT_STEP, limits);
    case 'ArrowDown':
      return resizeTo(shown - SPLIT_STEP, limits);
    case 'PageUp':
      return resizeTo(shown + SPLIT_PAGE_STEP, limits);
    case 'PageDown':
      return resizeTo(shown - SPLIT_PAGE_STEP, limits);
    case 'Home':
      return resizeTo(limits.min, limits);
    case 'End':
      return isAtMax(state, limits) ? state : { share: state.share, maximized: true };
    case 'Enter':
      return toggleMaximized(state, limits);
    default:
      return null;
  }
}

/**
 * A pointer drag: the pane was `startPx` high when the drag began at `startY`; the pointer is now
 * at `y` (moving up grows the pane).
 */
export function dragTo(startPx: number, startY: number, y: number, total: number, limits: SplitLimits): SplitState {
  return resizeTo(total > 0 ? (startPx + startY - y) / total : SPLIT_DEFAULT.share, limits);
}

/** The splitter's value for assistive technology: whole percents of the shared height. */
export function splitAria(state: SplitState, limits: SplitLimits): { now: number; min: number; max: number } {
  const pct = (share: number) => Math.round(share * 100);
  return { now: pct(shownShare(state, limits)), min: pct(limits.min), max: pct(limits.max) };
}

/** The part of Web Storage the splitter uses. Blocked storage throws on use. */
export type SplitStorage = KeyValueStorage;

/** A saved size, or the default for anything else (nothing saved, not JSON, out of range, wrong shape). */
export function parseSplitState(raw: string | null | undefined): SplitState {
  if (typeof raw !== 'string') return { ...SPLIT_DEFAULT };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ...SPLIT_DEFAULT };
  }
  if (typeof value !== 'object' || value === null) return { ...SPLIT_DEFAULT };
  const { share, maximized } = value as Record<string, unknown>;
  if (typeof share !== 'number' || !Number.isFinite(share) || share < 0 || share > 1) return { ...SPLIT_DEFAULT };
  return { share, maximized: maximized === true };
}

/**
 * Remembers sizes per key. Storage that is missing or throws (private modes, blocked third-party
 * storage) leaves the size in memory for as long as the page is open.
 */
export function splitSizeStore(storage: SplitStorage | null): {
  load(key: string): SplitState;
  save(key: string, state: SplitState): boolean;
} {
  const memory = new Map<string, string>();
  return {
    load(key) {
      // What this page saved last wins: storage may have refused it (quota) and still hold an older size.
      return parseSplitState(memory.get(key) ?? tryGetItem(storage, key));
    },
    save(key, state) {
      const raw = JSON.stringify({ share: state.share, maximized: state.maximized });
      memory.set(key, raw);
      return trySetItem(storage, key, raw);
    },
  };
}
