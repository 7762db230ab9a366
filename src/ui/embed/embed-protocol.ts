/**
 * The embed's postMessage contract (docs/EMBEDDING.md). Every message is a plain object whose
 * `type` starts with "mi:" so a host page that also talks to other frames can tell ours apart.
 * Outgoing messages go only to the configured parent origin (never "*": step progress is the
 * reader's business); incoming ones are obeyed only when they come from that origin and from the
 * parent window itself. DOM-free: the window is passed in, so tests use plain objects.
 */
import { EMBED_THEMES, type EmbedTheme } from './embed-params';

export type OutboundMessage =
  | { type: 'mi:ready'; lesson: string; step: string }
  | { type: 'mi:resize'; height: number }
  | { type: 'mi:step-complete'; lesson: string; step: string; index: number }
  | { type: 'mi:lesson-complete'; lesson: string };

export type InboundMessage = { type: 'mi:set-theme'; theme: EmbedTheme } | { type: 'mi:goto-step'; step: string } | { type: 'mi:reset' };

const STEP_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Reads an incoming message; anything that is not exactly one of ours is null (and ignored). */
export function parseInbound(data: unknown): InboundMessage | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const message = data as Record<string, unknown>;
  switch (message.type) {
    case 'mi:set-theme':
      return typeof message.theme === 'string' && (EMBED_THEMES as readonly string[]).includes(message.theme)
        ? { type: 'mi:set-theme', theme: message.theme as EmbedTheme }
        : null;
    case 'mi:goto-step':
      return typeof message.step === 'string' && message.step.length <= 100 && STEP_SLUG.test(message.step) ? { type: 'mi:goto-step', step: message.step } : null;
    case 'mi:reset':
      return { type: 'mi:reset' };
    default:
      return null;
  }
}

export interface MessageTarget {
  postMessage(message: unknown, targetOrigin: string): void;
}
export interface IncomingMessage {
  origin: string;
  source: unknown;
  data: unknown;
}

export interface EmbedChannel {
  post(message: OutboundMessage): void;
  dispose(): void;
}

export interface ChannelOptions {
  parentOrigin: string | null;
  /** window.parent; null (or the frame itself) when the page is not framed. */
  parent: MessageTarget | null;
  /** Subscribes to the frame's "message" events; returns the unsubscribe. */
  listen(handler: (event: IncomingMessage) => void): () => void;
  onMessage(message: InboundMessage): void;
}

export function openEmbedChannel(opts: ChannelOptions): EmbedChannel {
  const { parentOrigin, parent } = opts;
  // Without a declared parent origin there is no one we may trust or tell: the embed stays silent.
  if (!parentOrigin || !parent) return { post() {}, dispose() {} };
  const stop = opts.listen((event) => {
    if (event.origin !== parentOrigin || event.source !== parent) return;
    const message = parseInbound(event.data);
    if (message) opts.onMessage(message);
  });
  return {
    post(message) {
      parent.postMessage(message, parentOrigin);
    },
    dispose: stop,
  };
}
