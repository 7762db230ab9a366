/**
 * The portal's notification list: "in progress" entries that turn into success or failure, newest
 * first, with ARM's error message kept verbatim. Snapshots are immutable arrays so a view can
 * re-render by identity; `subscribe` matches the actor shape the UI's `fromActor` adapter reads.
 */
import { toArmErrorInfo } from './arm-error';

export type NotificationStatus = 'inProgress' | 'success' | 'error';

export interface PortalNotification {
  id: number;
  status: NotificationStatus;
  title: string;
  message: string;
  /** ARM's error code for failures. */
  code?: string;
}

/** Older entries are dropped; the portal's own panel keeps a short list too. */
export const MAX_NOTIFICATIONS = 30;

export class NotificationCenter {
  private items: readonly PortalNotification[] = [];
  private readonly listeners = new Set<() => void>();
  private nextId = 1;

  getSnapshot(): readonly PortalNotification[] {
    return this.items;
  }

  subscribe(listener: () => void): { unsubscribe(): void } {
    this.listeners.add(listener);
    return { unsubscribe: () => this.listeners.delete(listener) };
  }

  push(n: Omit<PortalNotification, 'id'>): number {
    const id = this.nextId++;
    this.items = [{ ...n, id }, ...this.items].slice(0, MAX_NOTIFICATIONS);
    this.emit();
    return id;
  }

  update(id: number, n: Omit<PortalNotification, 'id'>): void {
    if (!this.items.some((x) => x.id === id)) {
      this.push(n);
      return;
    }
    this.items = this.items.map((x) => (x.id === id ? { ...n, id } : x));
    this.emit();
  }

  dismiss(id: number): void {
    this.items = this.items.filter((x) => x.id !== id);
    this.emit();
  }

  clear(): void {
    this.items = [];
    this.emit();
  }

  private emit() {
    for (const l of this.listeners) l();
  }
}

export interface OperationText<T> {
  /** "Updating identity for 'myLinuxVM'…" */
  progress: string;
  /** Title and message once it worked. */
  success: (result: T) => { title: string; message: string };
  /** Title for a failure; the message is ARM's. */
  failure: string;
}

/**
 * Runs one portal operation with its notification: an in-progress entry, then success or ARM's
 * error. Resolves to `{ ok, value }` or to the failure as `{ code, message, status }`.
 */
export async function runOperation<T>(center: NotificationCenter, text: OperationText<T>, run: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; code: string; message: string; status: number }> {
  const id = center.push({ status: 'inProgress', title: text.progress, message: '' });
  try {
    const value = await run();
    center.update(id, { status: 'success', ...text.success(value) });
    return { ok: true, value };
  } catch (e) {
    const info = toArmErrorInfo(e);
    center.update(id, { status: 'error', title: text.failure, message: info.message, code: info.code });
    return { ok: false, ...info };
  }
}
