/**
 * Where the inspector's size is remembered: one size per page kind (a lesson's workspace and the
 * free sandbox are laid out differently), under a versioned key so a later shape can start afresh.
 */
import { splitSizeStore, type SplitState } from '../lib/split-size';

export type InspectorPlace = 'lesson' | 'sandbox';

export const inspectorSizeKey = (place: InspectorPlace): string => `mi-sandbox.inspector-size.v1.${place}`;

let store: ReturnType<typeof splitSizeStore> | null = null;
/** Created on first use: reading `localStorage` throws where the browser blocks it. */
function sizes() {
  if (!store) {
    let storage: Storage | null = null;
    try {
      storage = globalThis.localStorage ?? null;
    } catch {
      storage = null;
    }
    store = splitSizeStore(storage);
  }
  return store;
}

export const loadInspectorSize = (place: InspectorPlace): SplitState => sizes().load(inspectorSizeKey(place));
export const saveInspectorSize = (place: InspectorPlace, state: SplitState): boolean => sizes().save(inspectorSizeKey(place), state);
