/**
 * How another screen asks the portal to do something (today: the Why? panel's fix opening a filled-in
 * "Add role assignment"). Plain TS on the runtime, so the asker needs neither the portal's actors nor
 * its DOM. A request sent while no portal listens waits — only the latest, an older one is stale —
 * and goes to the next portal that subscribes; once delivered, it is that portal's to keep.
 */
import type { AddRoleAssignmentRequest } from '../../cloud/inspect/portal-request';

export type PortalRequest = AddRoleAssignmentRequest;

export interface PortalRequests {
  /** Delivers to every subscriber now, or, with none, keeps it (replacing any waiting one). */
  send(request: PortalRequest): void;
  /** `listener` gets the waiting request at once, if any, then every later one. Returns unsubscribe. */
  subscribe(listener: (request: PortalRequest) => void): () => void;
}

export function createPortalRequests(): PortalRequests {
  const listeners = new Set<(request: PortalRequest) => void>();
  let waiting: PortalRequest | null = null;
  return {
    send(request) {
      if (listeners.size === 0) {
        waiting = request;
        return;
      }
      waiting = null;
      for (const listener of [...listeners]) listener(request);
    },
    subscribe(listener) {
      listeners.add(listener);
      if (waiting) {
        const request = waiting;
        waiting = null;
        listener(request);
      }
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
