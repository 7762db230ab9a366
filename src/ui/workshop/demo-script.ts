/**
 * Scripted demos for workshops (`?script=`): one command per line, typed into the terminal as if by
 * hand, with `delay N` lines (milliseconds) to pause between them — Learn Git Branching's `?command=`
 * / `delay` idea. DOM-free: the player is handed the terminal's keystroke input and a sleep.
 */

export type DemoAction = { kind: 'type'; text: string } | { kind: 'delay'; ms: number };
export type ParsedDemo = { ok: true; actions: DemoAction[] } | { ok: false; error: string };

export const DEMO_LIMITS = { lines: 50, lineLength: 500, totalLength: 6000, delayMs: 60_000 } as const;

export function parseDemoScript(source: string): ParsedDemo {
  if (source.length > DEMO_LIMITS.totalLength) return { ok: false, error: `The demo script is ${source.length} characters; the limit is ${DEMO_LIMITS.totalLength}.` };
  const lines = source.split(/\r?\n/);
  const actions: DemoAction[] = [];
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const where = `Line ${i + 1} of the demo script`;
    if (line.length > DEMO_LIMITS.lineLength) return { ok: false, error: `${where} is longer than ${DEMO_LIMITS.lineLength} characters.` };
    // Control characters would act as keys (Ctrl+C, Enter, escape sequences) rather than text.
    if (/[\x00-\x08\x0b-\x1f\x7f]/.test(raw)) return { ok: false, error: `${where} contains a control character; only printable text can be typed.` };
    const delay = /^delay(?:\s+(.*))?$/.exec(line);
    if (delay) {
      const value = delay[1] ?? '';
      if (!/^\d{1,6}$/.test(value) || Number(value) > DEMO_LIMITS.delayMs) {
        return { ok: false, error: `${where}: "delay" takes a whole number of milliseconds from 0 to ${DEMO_LIMITS.delayMs}, not ${JSON.stringify(value)}.` };
      }
      actions.push({ kind: 'delay', ms: Number(value) });
    } else {
      actions.push({ kind: 'type', text: line });
    }
    if (actions.length > DEMO_LIMITS.lines) return { ok: false, error: `The demo script has more than ${DEMO_LIMITS.lines} lines.` };
  }
  if (!actions.some((a) => a.kind === 'type')) return { ok: false, error: 'The demo script has no command to type.' };
  return { ok: true, actions };
}

export interface DemoPlayer {
  /** Sends keystrokes to the terminal, exactly as typing would. */
  keys(data: string): void;
  /** Resolves when the command Enter started has finished. */
  idle(): Promise<void>;
  sleep(ms: number): Promise<void>;
  /** Pause between typed characters, so the audience can follow. */
  charDelayMs: number;
  /** Checked between keystrokes; true stops the demo. */
  stopped(): boolean;
  /** Told which action is playing (for "command 2 of 5"). */
  onAction?(index: number): void;
}

export async function playDemo(actions: readonly DemoAction[], player: DemoPlayer): Promise<'finished' | 'stopped'> {
  for (const [index, action] of actions.entries()) {
    if (player.stopped()) return 'stopped';
    player.onAction?.(index);
    if (action.kind === 'delay') {
      await player.sleep(action.ms);
      continue;
    }
    for (const char of action.text) {
      if (player.stopped()) return 'stopped';
      player.keys(char);
      await player.sleep(player.charDelayMs);
    }
    player.keys('\r');
    await player.idle();
  }
  return player.stopped() ? 'stopped' : 'finished';
}
