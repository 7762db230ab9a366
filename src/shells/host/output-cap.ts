import { OUTPUT_LIMIT_CHARS, type RunResult } from './protocol';

/** Cuts a result's output at the cap so a script that prints megabytes cannot flood the page. */
export function capOutput(result: RunResult, limit = OUTPUT_LIMIT_CHARS): RunResult {
  const total = result.stdout.length + result.stderr.length;
  if (total <= limit) return result;
  const stdout = result.stdout.slice(0, limit);
  const stderr = result.stderr.slice(0, Math.max(0, limit - stdout.length));
  const notice = `\n[output truncated: the script printed ${total.toLocaleString('en-US')} characters; only the first ${limit.toLocaleString('en-US')} are shown]\n`;
  const { chunks: _dropped, ...rest } = result;
  return { ...rest, stdout, stderr: stderr + notice, truncated: true };
}
