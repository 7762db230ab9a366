/**
 * When the portal should re-read ARM: after the world changed (any committed write, or a reset or
 * import that replaced it), not after every request-log entry — the portal's own GETs add entries,
 * and re-reading on those would loop forever.
 */
import type { World } from '../../sim/index';

/** Returns a check that answers true once per change of world identity or revision. */
export function worldChangeTracker(getWorld: () => World): () => boolean {
  let seen = getWorld();
  let revision = seen.revision;
  return () => {
    const world = getWorld();
    if (world === seen && world.revision === revision) return false;
    seen = world;
    revision = world.revision;
    return true;
  };
}
