/**
 * Loads a lazily split module that is optional for the page (the offline shell's registration
 * helper). Its chunk arrives over the network, so the load fails when the learner is offline by
 * then, or the connection drops: that is no error for the page, which works without it. The load is
 * tried again each time the browser says it is back online, until it succeeds (one load at a time,
 * a failure forgotten: lib/lazy-module.ts).
 */
import { lazyModule } from '../lib/lazy-module';

export interface OnlineEvents {
  addEventListener(type: 'online', listener: () => void): void;
  removeEventListener(type: 'online', listener: () => void): void;
}

export function loadWhenOnline<T>(load: () => Promise<T>, events: OnlineEvents): Promise<T> {
  const module = lazyModule(load);
  return new Promise((resolve) => {
    const attempt = () => {
      module.load().then(
        (value) => {
          events.removeEventListener('online', attempt);
          resolve(value);
        },
        () => undefined,
      );
    };
    events.addEventListener('online', attempt);
    attempt();
  });
}
