/**
 * The app shell's service worker as the page sees it: whether the app is saved for offline use,
 * whether a newer version is waiting, and whether the browser is offline right now. The worker
 * itself is generated at build time (build/pwa.ts).
 */
import { shouldRegisterOfflineShell } from './should-register';
import { loadWhenOnline } from './load-when-online';

class OfflineShell {
  /** The first install finished: reloading with no network now works. */
  justSaved = $state(false);
  /** A newer build is installed and waits for the learner's say-so (a reload could cost a demo its momentum). */
  updateWaiting = $state(false);
  offline = $state(typeof navigator !== 'undefined' && navigator.onLine === false);
  private apply: ((reload?: boolean) => Promise<void>) | undefined;

  async start(): Promise<void> {
    addEventListener('online', () => (this.offline = false));
    addEventListener('offline', () => (this.offline = true));
    const wanted = shouldRegisterOfflineShell({
      production: import.meta.env.PROD,
      pathname: location.pathname,
      topLevel: window.top === window,
      serviceWorkerApi: 'serviceWorker' in navigator,
    });
    if (!wanted) return;
    // Loaded after the page is up, so Workbox's helper is never part of the first load. By then the
    // learner may be offline (its chunk then fails to load): registering waits for the network.
    const { registerSW } = await loadWhenOnline(() => import('virtual:pwa-register'), window);
    this.apply = registerSW({
      onOfflineReady: () => (this.justSaved = true),
      onNeedRefresh: () => (this.updateWaiting = true),
      // No network, blocked storage or a browser policy: the app works as before, just not offline.
      onRegisterError: () => undefined,
    });
  }

  /** Activates the waiting version; the page reloads once it has taken over. */
  async update(): Promise<void> {
    this.updateWaiting = false;
    await this.apply?.(true);
  }

  dismiss(): void {
    this.justSaved = false;
    this.updateWaiting = false;
  }
}

export const offlineShell = new OfflineShell();
