/**
 * The `curl` command inside just-bash. just-bash ships a curl of its own, but it fetches by URL
 * string through an allow-list and cannot reproduce curl 7.81's bytes (-v trace, progress meter,
 * exit codes 6/7/28 from the network's failures), so the sandbox registers this one instead.
 */
import { type Command, defineCommand } from 'just-bash';
import { bytesOutput, decodeBytesToUtf8, unsafeBytesFromLatin1 } from '../just-bash-compat';
import { stdoutIsTerminal } from '../module';
import { runCurl } from './run-curl';
import type { TransferDeps } from './transfer';

export interface CurlCommandDeps {
  fetch: TransferDeps['fetch'];
  now: () => number;
  waitFor: TransferDeps['waitFor'];
}

export function curlCommand(deps: CurlCommandDeps): Command {
  return defineCommand('curl', async (args, ctx) => {
    const resolve = (path: string) => ctx.fs.resolvePath(ctx.cwd, path);
    const outcome = await runCurl(args, {
      fetch: deps.fetch,
      now: deps.now,
      waitFor: deps.waitFor,
      signal: ctx.signal,
      ...(ctx.sleep ? { sleep: ctx.sleep } : {}),
      stdoutIsTerminal: stdoutIsTerminal(ctx.env),
      readInput: async (path) => {
        if (path === '-') return decodeBytesToUtf8(ctx.stdin);
        try {
          return await ctx.fs.readFile(resolve(path));
        } catch {
          // curl warns and sends nothing for an unreadable @file
          return '';
        }
      },
      writeFile: async (path, bytes) => {
        const full = resolve(path);
        // just-bash's file system creates missing parents; curl -o does not (--create-dirs would)
        const parent = full.slice(0, full.lastIndexOf('/')) || '/';
        const stat = await ctx.fs.stat(parent).catch(() => undefined);
        if (!stat?.isDirectory) throw new Error(`${parent}: No such file or directory`);
        await ctx.fs.writeFile(full, bytes);
      },
    });
    return { ...bytesOutput(unsafeBytesFromLatin1(outcome.stdout)), stderr: outcome.stderr, exitCode: outcome.exitCode };
  });
}
