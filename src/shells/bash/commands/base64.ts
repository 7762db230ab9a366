/** `base64`: decoding follows GNU exactly (see base64-decode.ts); encoding stays just-bash's. */
import { type Command, defineCommand } from 'just-bash';
import { bytesOutput, latin1FromBytes, unsafeBytesFromLatin1 } from '../just-bash-compat';
import { bytesToLatin1 } from '../curl/run-curl';
import { gnuBase64Decode } from './base64-decode';

export const base64Command: Command = defineCommand('base64', async (args, ctx) => {
  const decode = args.some((a) => a === '-d' || a === '--decode' || (/^-[a-z]+$/.test(a) && a.includes('d')));
  if (!decode) {
    if (ctx.origCommand) return ctx.origCommand(args);
    return { stdout: '', stderr: 'base64: encoding is unavailable\n', exitCode: 1 };
  }
  const ignoreGarbage = args.some((a) => a === '--ignore-garbage' || (/^-[a-z]+$/.test(a) && a.includes('i')));
  const files = args.filter((a) => !a.startsWith('-') || a === '-');
  if (files.length > 1) {
    return { stdout: '', stderr: `base64: extra operand ‘${files[1]}’\nTry 'base64 --help' for more information.\n`, exitCode: 1 };
  }
  let input = latin1FromBytes(ctx.stdin);
  const file = files[0];
  if (file !== undefined && file !== '-') {
    try {
      const bytes = await ctx.fs.readFileBuffer(ctx.fs.resolvePath(ctx.cwd, file));
      input = bytesToLatin1(bytes);
    } catch {
      return { stdout: '', stderr: `base64: ${file}: No such file or directory\n`, exitCode: 1 };
    }
  }
  const { bytes, ok } = gnuBase64Decode(input, ignoreGarbage);
  return { ...bytesOutput(unsafeBytesFromLatin1(bytes)), stderr: ok ? '' : 'base64: invalid input\n', exitCode: ok ? 0 : 1 };
});
