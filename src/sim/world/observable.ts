/**
 * The world in the shape UI adapters subscribe to (`getSnapshot()` + `subscribe()` returning
 * `{ unsubscribe }`, like an XState actor). World data is written in place, so the snapshot is a
 * small immutable summary that changes identity on every committed change or feed entry; panels
 * read the data they render from `world` when it does.
 */
import type { WorldEvent } from '../events';
import type { World } from './world';

export interface WorldSummary {
  revision: number;
  rbacRevision: number;
  /** The newest feed entry, if any. */
  lastEvent: WorldEvent | undefined;
}

export interface WorldSource {
  getSnapshot(): WorldSummary;
  subscribe(listener: () => void): { unsubscribe(): void };
}

export function worldSource(world: World): WorldSource {
  let current: WorldSummary = summarize(world);
  return {
    getSnapshot() {
      const last = world.events().at(-1);
      if (current.revision !== world.revision || current.rbacRevision !== world.rbacRevision || current.lastEvent !== last) {
        current = summarize(world);
      }
      return current;
    },
    subscribe(listener) {
      const off = world.subscribe(() => listener());
      return { unsubscribe: off };
    },
  };
}

function summarize(world: World): WorldSummary {
  return { revision: world.revision, rbacRevision: world.rbacRevision, lastEvent: world.events().at(-1) };
}
