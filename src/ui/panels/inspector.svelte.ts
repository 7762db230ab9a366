/**
 * The inspector's shared state, as a rune adapter over the SandboxRuntime: a `revision` that bumps
 * (at most once a frame) when the world or the request log changes, the open panel, the link a
 * panel was opened with, and one polite announcement line for screen readers. Panels read the
 * world and log through `runtime` and hold no domain logic (that is src/cloud/inspect).
 */
import type { PanelId, PanelLink } from '../../cloud/inspect/panel';
import type { AppRuntime } from '../runtime/create-runtime';

export class Inspector {
  revision = $state(0);
  selected = $state<PanelId>('timeline');
  link = $state.raw<PanelLink | null>(null);
  /** The last thing each panel showed (a token, a call), so switching tabs does not lose it. */
  remembered = $state.raw<Partial<Record<PanelId, PanelLink>>>({});
  announcement = $state('');
  /** Real-time tick while the clock runs, so countdowns move without any world change. */
  tick = $state(0);
  private pending = false;
  private readonly stop: () => void;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(readonly runtime: AppRuntime) {
    this.stop = runtime.subscribe(() => {
      if (this.pending) return;
      this.pending = true;
      requestAnimationFrame(() => {
        this.pending = false;
        this.revision++;
      });
    });
    this.timer = setInterval(() => {
      if (!this.runtime.world.clock.frozen) this.tick++;
    }, 1000);
  }

  open(link: PanelLink): void {
    if (Object.keys(link).length > 1) {
      this.link = link;
      this.remember(link);
    }
    this.selected = link.panel;
  }

  remember(link: PanelLink): void {
    this.remembered = { ...this.remembered, [link.panel]: link };
  }

  recall<P extends PanelId>(panel: P): Extract<PanelLink, { panel: P }> | undefined {
    return this.remembered[panel] as Extract<PanelLink, { panel: P }> | undefined;
  }

  announce(message: string): void {
    // Same text twice would not be re-read; a trailing no-break space makes it new.
    this.announcement = this.announcement === message ? `${message}\u00a0` : message;
  }

  dispose(): void {
    this.stop();
    clearInterval(this.timer);
  }
}
