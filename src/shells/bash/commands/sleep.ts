/**
 * `sleep` as GNU coreutils 8.32 (Ubuntu 22.04) has it: `sleep NUMBER[SUFFIX]...`, suffixes s, m,
 * h and d, fractions allowed, several arguments added up, `inf`/`infinity` for ever. just-bash's own
 * sleep stops at one hour, which is wrong for a VM and for this sandbox, where a sleep moves the
 * world's simulated clock (a lesson waits a day for a token to expire with `sleep 86400`).
 */
import { type Command, defineCommand } from 'just-bash';

const TRY = "Try 'sleep --help' for more information.\n";

const HELP = `Usage: sleep NUMBER[SUFFIX]...
  or:  sleep OPTION
Pause for NUMBER seconds.  SUFFIX may be 's' for seconds (the default),
'm' for minutes, 'h' for hours or 'd' for days.  NUMBER need not be an
integer.  Given two or more arguments, pause for the amount of time
specified by the sum of their values.

      --help     display this help and exit
      --version  output version information and exit
`;

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds for one argument, Infinity for `inf`, or null when GNU would refuse it. */
export function parseInterval(arg: string): number | null {
  const m = /^\+?(\d+(?:\.\d*)?|\.\d+|inf(?:inity)?)([smhd]?)$/i.exec(arg);
  if (!m) return null;
  const value = /^inf/i.test(m[1]!) ? Infinity : Number(m[1]);
  return value * UNIT_MS[(m[2] || 's').toLowerCase()]!;
}

export function sleepCommand(sleep: (ms: number) => Promise<void>): Command {
  return defineCommand('sleep', async (args, ctx) => {
    if (args[0] === '--help') return { stdout: HELP, stderr: '', exitCode: 0 };
    if (args[0] === '--version') return { stdout: 'sleep (GNU coreutils) 8.32\n', stderr: '', exitCode: 0 };
    const operands = args[0] === '--' ? args.slice(1) : args;
    if (operands.length === 0) return { stdout: '', stderr: `sleep: missing operand\n${TRY}`, exitCode: 1 };
    let total = 0;
    for (const arg of operands) {
      if (/^-[^\d.]/.test(arg)) return { stdout: '', stderr: `sleep: invalid option -- '${arg.slice(1, 2)}'\n${TRY}`, exitCode: 1 };
      const ms = parseInterval(arg);
      // GNU names every bad argument before giving up; the first is what a learner needs to see.
      if (ms === null) return { stdout: '', stderr: `sleep: invalid time interval '${arg}'\n${TRY}`, exitCode: 1 };
      total += ms;
    }
    if (!Number.isFinite(total)) {
      // For ever: no clock can move that far, so wait until the script is stopped (Ctrl+C or the time limit).
      await new Promise<void>((resolve) => {
        if (ctx.signal?.aborted) resolve();
        ctx.signal?.addEventListener('abort', () => resolve(), { once: true });
      });
      return { stdout: '', stderr: '', exitCode: 130 };
    }
    await sleep(Math.round(total));
    return { stdout: '', stderr: '', exitCode: 0 };
  });
}
