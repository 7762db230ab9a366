/**
 * `date` on the world's simulated clock. A learner checks a token with `date +%s` against its
 * `expires_on`, so the VM must tell the same time the token service does. just-bash's date does
 * the formatting: without an explicit date (`-d`, `-r`, `-s`), it is handed `-d @<simulated now>`.
 */
import { type Command, defineCommand } from 'just-bash';

const EXPLICIT_DATE = /^(-d|--date(=.*)?|-r|--reference(=.*)?|-s|--set(=.*)?|-[a-zA-Z]*[drs])$/;

export function dateCommand(simulatedNow: () => number): Command {
  return defineCommand('date', async (args, ctx) => {
    if (!ctx.origCommand) return { stdout: '', stderr: 'date: unavailable\n', exitCode: 1 };
    if (args.some((a) => EXPLICIT_DATE.test(a))) return ctx.origCommand(args);
    const seconds = Math.floor(simulatedNow() / 1000);
    return ctx.origCommand(['-d', `@${seconds}`, ...args]);
  });
}
