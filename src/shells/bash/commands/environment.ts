/**
 * `env` and `printenv` list the exported environment only, as on Linux. just-bash's own versions
 * print every shell variable (including `?` and its alias bookkeeping), which a learner would find
 * confusing next to `export`.
 */
import { defineCommand, type Command } from 'just-bash';

function exported(ctx: { exportedEnv?: Record<string, string> }): Array<[string, string]> {
  return Object.entries(ctx.exportedEnv ?? {});
}

export const envCommand: Command = defineCommand('env', async (args, ctx) => {
  if (args.length > 0) {
    if (ctx.origCommand) return ctx.origCommand(args);
    return { stdout: '', stderr: 'env: running commands through env is not simulated\n', exitCode: 125 };
  }
  return { stdout: exported(ctx).map(([k, v]) => `${k}=${v}\n`).join(''), stderr: '', exitCode: 0 };
});

export const printenvCommand: Command = defineCommand('printenv', async (args, ctx) => {
  const env = new Map(exported(ctx));
  if (args.length === 0) return { stdout: [...env].map(([k, v]) => `${k}=${v}\n`).join(''), stderr: '', exitCode: 0 };
  const found = args.filter((name) => env.has(name));
  return {
    stdout: found.map((name) => `${env.get(name)}\n`).join(''),
    stderr: '',
    exitCode: found.length === args.length ? 0 : 1,
  };
});
