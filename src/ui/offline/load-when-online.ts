/**
 * Loads a lazily split module that is optional for the page (the offline shell's registration
 * helper). Its chunk arrives over the network, so the load fails when the learner is offline by
 * then, or the connection drops: that is no error for the page, which works without it. The load is
 * tried again each time the browser says it is back online, until it succeeds.
 */
export interface OnlineEvents {
  addEventListener(type: 'online', listener: () => void): void;
  removeEventListener(type: 'online', listener: () => void): void;
}

export function loadWhenOnline<T>(load: () => Promise<T>, events: OnlineEvents): Promise<T> {
  return new Promise((resolve) => {
    let loading = false;
    const attempt = () => {
      if (loading) return;
      loading = true;
      load().then(
        (value) => {
          events.removeEventListener('online', attempt);
          resolve(value);
        },
        () => {
          loading = false;
        },
      );
    };
    events.addEventListener('online', attempt);
    attempt();
  });
}
