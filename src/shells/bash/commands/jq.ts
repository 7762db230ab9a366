/**
 * `jq` as Ubuntu 22.04's jq 1.6 prints at a terminal: coloured (unless -M). just-bash's jq
 * computes the results; when colour applies, it is asked for compact output and the results are
 * reprinted by jq-color.ts. Piped or redirected, jq prints plain text and just-bash's output is
 * passed through untouched. just-bash's jq has no --indent; it is accepted here for colour only.
 */
import { type Command, defineCommand } from 'just-bash';
import { stdoutIsTerminal } from '../module';
import { parseCompactJson, printValue, type PrintStyle } from './jq-color';

/** Options that take values (so their values are not mistaken for the filter or flags). */
const TAKES_TWO = new Set(['--arg', '--argjson', '--slurpfile', '--rawfile']);
const TAKES_ONE = new Set(['-f', '--from-file', '-L', '--indent']);
const REST = new Set(['--args', '--jsonargs']);

interface Plan {
  color: boolean;
  /** --tab or --indent: a layout just-bash's jq cannot print itself. */
  customLayout: boolean;
  raw: boolean;
  join: boolean;
  style: PrintStyle;
  /** The arguments for just-bash's jq: the same minus -r/-j/-C/-M/--tab/--indent, plus -c. */
  args: string[];
}

function plan(args: readonly string[], stdoutIsTerminal: boolean): Plan {
  const p: Plan = { color: stdoutIsTerminal, customLayout: false, raw: false, join: false, style: { indent: 2 }, args: ['-c'] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (REST.has(a)) {
      p.args.push(...args.slice(i));
      break;
    }
    if (TAKES_TWO.has(a)) {
      p.args.push(...args.slice(i, i + 3));
      i += 2;
    } else if (a === '--indent') {
      const n = Number(args[i + 1]);
      p.style.indent = Number.isInteger(n) && n >= 0 && n <= 7 ? n : 2;
      p.customLayout = true;
      i += 1;
    } else if (TAKES_ONE.has(a)) {
      p.args.push(a, ...(args[i + 1] !== undefined ? [args[i + 1] as string] : []));
      i += 1;
    } else if (a === '--tab') {
      p.style.indent = '\t';
      p.customLayout = true;
    }
    else if (a === '--raw-output') p.raw = true;
    else if (a === '--join-output') p.join = p.raw = true;
    else if (a === '--color-output') p.color = true;
    else if (a === '--monochrome-output') p.color = false;
    else if (a === '--compact-output') p.style.indent = 0;
    else if (/^-[a-zA-Z]+$/.test(a)) {
      let kept = '';
      for (const letter of a.slice(1)) {
        if (letter === 'r') p.raw = true;
        else if (letter === 'j') p.join = p.raw = true;
        else if (letter === 'C') p.color = true;
        else if (letter === 'M') p.color = false;
        else if (letter === 'c') p.style.indent = 0;
        else kept += letter;
      }
      if (kept) p.args.push(`-${kept}`);
    } else p.args.push(a);
  }
  return p;
}

export const jqCommand: Command = defineCommand('jq', async (args, ctx) => {
  if (!ctx.origCommand) return { stdout: '', stderr: 'jq: unavailable\n', exitCode: 2 };
  const p = plan(args, stdoutIsTerminal(ctx.env));
  if (!p.color && !p.customLayout) return ctx.origCommand(args);
  const r = await ctx.origCommand(p.args);
  if (r.stdout === '') return r;
  let stdout = '';
  for (const line of r.stdout.replace(/\n$/, '').split('\n')) {
    let printed: string;
    try {
      const value = parseCompactJson(line);
      printed = p.raw && value.kind === 'string' ? (JSON.parse(line) as string) : printValue(value, p.style, p.color);
    } catch {
      printed = line; // not JSON (e.g. --seq framing): leave as just-bash wrote it
    }
    stdout += printed + (p.join ? '' : '\n');
  }
  return { ...r, stdout, stdoutKind: 'text' };
});
