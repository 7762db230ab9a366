/**
 * The inspector's plugin shape, after the TypeScript playground's sidebar plugins: each panel is an
 * id, a title and a lazy `load()` that brings in its component (and whatever its view model
 * imports) only when the learner opens it. Panels read three things — the world (through `src/sim`
 * read functions), the request log and the machines' snapshots — and change the world only through
 * the documented sandbox controls (clock, faults, propagation delay).
 *
 * Kept free of Svelte so the registry and the links between panels are testable in Node; the UI
 * passes its component type as `C`.
 */
import type { World } from '../../sim/index';
import type { RequestLog } from '../request-log';

export type PanelId = 'timeline' | 'token' | 'why' | 'identity' | 'time' | 'commands';

/** What every panel may read. `revision` bumps on any world change or new log entry. */
export interface PanelSources {
  readonly world: World;
  readonly log: RequestLog;
  readonly revision: number;
  subscribe(listener: () => void): () => void;
}

/** A cross-panel link: a timeline entry points at its token and at its RBAC decision. */
export type PanelLink =
  | { panel: 'timeline'; seq?: number }
  | { panel: 'token'; uti: string }
  /** `check` indexes the entry's `authorizations`; absent = the deciding one. */
  | { panel: 'why'; seq: number; check?: number }
  | { panel: 'identity' }
  | { panel: 'time' }
  | { panel: 'commands' };

export interface InspectorPanel<C = unknown> {
  id: PanelId;
  title: string;
  /** One line for the panel's tab tooltip and screen-reader description. */
  summary: string;
  load(): Promise<C>;
}

/** Registers panels in tab order; ids must be unique so links resolve to exactly one panel. */
export function panelRegistry<C>(panels: readonly InspectorPanel<C>[]): {
  readonly panels: readonly InspectorPanel<C>[];
  get(id: PanelId): InspectorPanel<C>;
} {
  const byId = new Map<PanelId, InspectorPanel<C>>();
  for (const p of panels) {
    if (byId.has(p.id)) throw new Error(`Two inspector panels share the id '${p.id}'.`);
    byId.set(p.id, p);
  }
  return {
    panels,
    get(id) {
      const p = byId.get(id);
      if (!p) throw new Error(`No inspector panel '${id}' is registered (have: ${[...byId.keys()].join(', ') || 'none'}).`);
      return p;
    },
  };
}

/**
 * Loads a panel once: later calls share the first promise, and a failed load is forgotten so the
 * learner's retry really retries (a flaky chunk fetch must not stick).
 */
export function memoLoad<C>(panel: InspectorPanel<C>): () => Promise<C> {
  let pending: Promise<C> | null = null;
  return () => {
    if (!pending) {
      pending = panel.load().catch((error: unknown) => {
        pending = null;
        throw error;
      });
    }
    return pending;
  };
}
