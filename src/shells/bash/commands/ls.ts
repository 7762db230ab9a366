/**
 * `ls` with GNU coreutils' wording where just-bash's differs: a missing path is
 * `ls: cannot access 'x': No such file or directory`, and `-l` names the signed-in user as owner
 * (just-bash prints a fixed `user user`; it does not track owners).
 */
import { type Command, defineCommand } from 'just-bash';

export function lsCommand(user: string): Command {
  return defineCommand('ls', async (args, ctx) => {
    if (!ctx.origCommand) return { stdout: '', stderr: 'ls: unavailable\n', exitCode: 2 };
    const r = await ctx.origCommand(args);
    return {
      ...r,
      stdout: r.stdout.replace(/^([-dlcbps][-rwxsStT]{9}\S* +\d+) user user /gm, `$1 ${user} ${user} `),
      stderr: r.stderr.replace(/^ls: (.+): No such file or directory$/gm, "ls: cannot access '$1': No such file or directory"),
    };
  });
}
