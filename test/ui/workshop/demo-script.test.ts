import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDemoScript, playDemo, type DemoAction } from '../../../src/ui/workshop/demo-script';

describe('demo scripts', () => {
  it('reads commands and delays, skipping blank lines', () => {
    expect(parseDemoScript('hostname\n\n  delay 1500 \ncurl -s x | jq .')).toEqual({
      ok: true,
      actions: [
        { kind: 'type', text: 'hostname' },
        { kind: 'delay', ms: 1500 },
        { kind: 'type', text: 'curl -s x | jq .' },
      ],
    });
  });

  it.each([
    ['', /no command to type/],
    ['delay 10', /no command to type/],
    ['ls\ndelay', /Line 2 .*"delay" takes a whole number of milliseconds from 0 to 60000, not ""/],
    ['ls\ndelay 2s', /not "2s"/],
    ['delay 60001\nls', /Line 1/],
    ['ls\x03', /Line 1 of the demo script contains a control character/],
    ['echo \x1b[31m', /control character/],
    ['x'.repeat(501), /longer than 500 characters/],
    [Array.from({ length: 51 }, () => 'ls').join('\n'), /more than 50 lines/],
    ['ls\n'.repeat(3001), /the limit is 6000/],
  ])('%j is refused with a specific message', (source, message) => {
    const parsed = parseDemoScript(source);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  it('never throws, and whatever it accepts types only printable text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (source) => {
        const parsed = parseDemoScript(source);
        if (parsed.ok) for (const a of parsed.actions) if (a.kind === 'type') expect(a.text).not.toMatch(/[\x00-\x1f\x7f]/);
      }),
    );
  });
});

function fakeTerminal(stopAfterKeys = Infinity) {
  const events: string[] = [];
  let keys = 0;
  const player = {
    keys: (data: string) => {
      keys++;
      events.push(data === '\r' ? 'ENTER' : data);
    },
    idle: async () => void events.push('idle'),
    sleep: async (ms: number) => void (ms > 5 && events.push(`sleep ${ms}`)),
    charDelayMs: 5,
    stopped: () => keys >= stopAfterKeys,
  };
  return { events, player };
}

describe('playing a demo', () => {
  const actions: DemoAction[] = [
    { kind: 'type', text: 'ls' },
    { kind: 'delay', ms: 1000 },
    { kind: 'type', text: 'id' },
  ];
  it('types each command key by key, presses Enter, waits for it, and pauses on delays', async () => {
    const { events, player } = fakeTerminal();
    await expect(playDemo(actions, player)).resolves.toBe('finished');
    expect(events).toEqual(['l', 's', 'ENTER', 'idle', 'sleep 1000', 'i', 'd', 'ENTER', 'idle']);
  });
  it('stops between keystrokes without pressing Enter on a half-typed command', async () => {
    const { events, player } = fakeTerminal(1);
    await expect(playDemo(actions, player)).resolves.toBe('stopped');
    expect(events).toEqual(['l']);
  });
});
