/**
 * Turns just-bash's raw result into what the terminal shows: bash's wording where just-bash's
 * differs, clear messages when a safety limit stopped the run, and the output cap.
 */
import type { RunBudget } from './run-budget';
import type { LimitKind, RunResult } from './types';

interface RawResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface PostProcessContext {
  budget: Pick<RunBudget, 'cancelled' | 'exhausted'>;
  outputBytes: number;
  cpuMs: number;
  wallMs: number;
}

/**
 * Ubuntu's interactive bash hands unknown commands to command-not-found, which prints
 * `foo: command not found` (no `bash: ` prefix); just-bash prints bash's bare-shell form.
 */
function ubuntuCommandNotFound(text: string): string {
  return text.replace(/^bash: ([^\n:]+): command not found$/gm, '$1: command not found');
}

const limitNames: Record<string, LimitKind> = {
  maxCommandCount: 'commands',
  maxLoopIterations: 'loop',
  maxAwkIterations: 'loop',
  maxSedIterations: 'loop',
  maxJqIterations: 'loop',
  maxCallDepth: 'recursion',
  maxSubstitutionDepth: 'recursion',
  maxSourceDepth: 'recursion',
  maxOutputSize: 'output',
  maxStringLength: 'memory',
  maxArrayElements: 'memory',
  maxHeredocSize: 'memory',
};

const LIMIT_NOTE = 'this simulated VM stops runaway scripts';

/** just-bash names the step it was in when the signal stopped it: `bash: execution aborted`, `bash: sleep aborted`, ... */
const ABORTED = /bash: [^\n]*\baborted\n?$/;

function limits(raw: RawResult, ctx: PostProcessContext): { stderr: string; exitCode: number; limitHit?: LimitKind } {
  let { stderr, exitCode } = raw;
  let limitHit: LimitKind | undefined;
  if (ctx.budget.cancelled) {
    // Ctrl+C: the shell reports 130 (128 + SIGINT) and no message; the terminal echoes ^C.
    return { stderr: stderr.replace(ABORTED, ''), exitCode: 130 };
  }
  // Stopped at a statement boundary just-bash says nothing (exit 124); inside a step it says
  // `bash: <step> aborted`. Either way, say why.
  if (ctx.budget.exhausted && (exitCode === 124 || ABORTED.test(stderr))) {
    stderr = `${stderr.replace(ABORTED, '')}bash: stopped after ${ctx.cpuMs / 1000} s of computation (an endless loop?): ${LIMIT_NOTE}\n`;
    return { stderr, exitCode, limitHit: 'cpu' };
  }
  if (/exceeded (its )?execution deadline/.test(stderr)) {
    stderr = stderr.replace(/^bash: .*exceeded (its )?execution deadline.*$/m, `bash: stopped after ${ctx.wallMs / 1000} s: ${LIMIT_NOTE}`);
    return { stderr, exitCode, limitHit: 'wall' };
  }
  stderr = stderr.replace(/, increase executionLimits\.(\w+)/g, (_m, name: string) => {
    limitHit ??= limitNames[name] ?? 'resources';
    return `: ${LIMIT_NOTE}`;
  });
  if (!limitHit && exitCode === 126) {
    // just-bash's own wording for a few limits has no option name: "string length limit exceeded"
    const line = /^bash: .*limit exceeded.*$/m.exec(stderr);
    if (line) {
      limitHit = /string length|heredoc|array/.test(line[0]) ? 'memory' : /iteration/.test(line[0]) ? 'loop' : 'resources';
      stderr = stderr.replace(line[0], `${line[0]}: ${LIMIT_NOTE}`);
    }
  }
  return { stderr, exitCode, limitHit };
}

function byteLength(s: string): number {
  return s.length <= 0x3fffffff ? new TextEncoder().encode(s).byteLength : Infinity;
}

function cap(text: string, maxBytes: number): { text: string; cutBytes: number } {
  if (text.length <= maxBytes / 3 || byteLength(text) <= maxBytes) return { text, cutBytes: 0 };
  let kept = text.slice(0, maxBytes);
  while (byteLength(kept) > maxBytes) kept = kept.slice(0, Math.floor(kept.length * 0.9));
  return { text: kept, cutBytes: byteLength(text) - byteLength(kept) };
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KiB` : `${bytes} bytes`;
}

export function postProcess(raw: RawResult, ctx: PostProcessContext): RunResult {
  const limited = limits(raw, ctx);
  const out = cap(ubuntuCommandNotFound(raw.stdout), ctx.outputBytes);
  const err = cap(ubuntuCommandNotFound(limited.stderr), ctx.outputBytes);
  const result: RunResult = { stdout: out.text, stderr: err.text, exitCode: limited.exitCode };
  if (out.cutBytes || err.cutBytes) {
    result.truncated = true;
    result.stderr += `\n[output truncated: ${size(out.cutBytes + err.cutBytes)} not shown; the terminal keeps ${size(ctx.outputBytes)} per stream]\n`;
  }
  if (limited.limitHit) result.limitHit = limited.limitHit;
  return result;
}
