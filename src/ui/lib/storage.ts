/**
 * Small settings kept in Web Storage (the theme, the inspector's size). Storage can be missing, or
 * throw on use (private modes, third-party frames, a full quota); a setting is then simply not kept.
 */

/** The part of Web Storage these settings use; tests pass a fake. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The stored text, or null when there is none, no storage, or the browser refuses. */
export function tryGetItem(storage: KeyValueStorage | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Stores the text; false when there is no storage or the browser refuses. */
export function trySetItem(storage: KeyValueStorage | null, key: string, value: string): boolean {
  if (!storage) return false;
  try {
    storage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}
