import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { openEmbedChannel, parseInbound, type IncomingMessage } from '../../../src/ui/embed/embed-protocol';

describe('incoming embed messages', () => {
  it.each([
    [{ type: 'mi:set-theme', theme: 'dark' }, { type: 'mi:set-theme', theme: 'dark' }],
    [{ type: 'mi:set-theme', theme: 'high-contrast' }, { type: 'mi:set-theme', theme: 'high-contrast' }],
    [{ type: 'mi:goto-step', step: 'get-a-token' }, { type: 'mi:goto-step', step: 'get-a-token' }],
    [{ type: 'mi:reset', extra: 1 }, { type: 'mi:reset' }],
    [{ type: 'mi:set-theme', theme: 'purple' }, null],
    [{ type: 'mi:goto-step', step: '<img src=x>' }, null],
    [{ type: 'mi:goto-step', step: 3 }, null],
    [{ type: 'mi:ready' }, null],
    ['mi:reset', null],
    [null, null],
    [['mi:reset'], null],
  ])('%j → %j', (data, message) => {
    expect(parseInbound(data)).toEqual(message);
  });

  it('never throws on any value', () => {
    fc.assert(fc.property(fc.anything(), (data) => void parseInbound(data)));
  });
});

function fakeFrame(parentOrigin: string | null) {
  const parent = { postMessage: vi.fn() };
  let handler: ((event: IncomingMessage) => void) | null = null;
  const onMessage = vi.fn();
  const channel = openEmbedChannel({
    parentOrigin,
    parent,
    listen: (h) => {
      handler = h;
      return () => (handler = null);
    },
    onMessage,
  });
  const deliver = (event: IncomingMessage) => handler?.(event);
  return { parent, channel, onMessage, deliver, listening: () => handler !== null };
}

describe('the embed channel', () => {
  it('posts only to the configured parent origin', () => {
    const f = fakeFrame('https://docs.example.com');
    f.channel.post({ type: 'mi:resize', height: 420 });
    expect(f.parent.postMessage).toHaveBeenCalledWith({ type: 'mi:resize', height: 420 }, 'https://docs.example.com');
  });

  it('obeys the parent origin and ignores other origins and other windows', () => {
    const f = fakeFrame('https://docs.example.com');
    f.deliver({ origin: 'https://evil.example', source: f.parent, data: { type: 'mi:reset' } });
    f.deliver({ origin: 'https://docs.example.com', source: {}, data: { type: 'mi:reset' } });
    expect(f.onMessage).not.toHaveBeenCalled();
    f.deliver({ origin: 'https://docs.example.com', source: f.parent, data: { type: 'mi:reset' } });
    expect(f.onMessage).toHaveBeenCalledWith({ type: 'mi:reset' });
  });

  it('without a parent origin it neither sends nor listens', () => {
    const f = fakeFrame(null);
    f.channel.post({ type: 'mi:ready', lesson: 'a', step: 'b' });
    expect(f.parent.postMessage).not.toHaveBeenCalled();
    expect(f.listening()).toBe(false);
  });

  it('stops listening when disposed', () => {
    const f = fakeFrame('https://docs.example.com');
    f.channel.dispose();
    expect(f.listening()).toBe(false);
  });
});
