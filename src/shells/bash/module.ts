/**
 * The bash session's one registration point. The engine (session.ts) knows nothing of curl, jq or
 * az: each is a module that hands the session its commands, built from the services the session
 * offers (azure-cli's command loaders and PowerShell's modules work the same way). Modules import
 * this file and just-bash's types; the engine never imports a module.
 */
import type { Command } from 'just-bash';
import type { ShellFetch, VmFacts } from './types';

/**
 * Set (to `1`) on an invocation whose stdout is the terminal. A just-bash command cannot ask
 * whether its stdout is a tty, so the session marks, before each run, every command of a module's
 * `terminalAware` list whose stdout reaches the terminal (stdout-tty.ts); the command reads it back
 * from its environment.
 */
export const STDOUT_TTY_MARK = '__MI_STDOUT_IS_TTY';

/** What the session lends a module's commands. */
export interface ModuleServices {
  vm: VmFacts;
  /** The session's only way out: the router's fetch, bound to this VM (or Cloud Shell). */
  fetch: ShellFetch;
  /** Milliseconds clock for timings and the CPU budget (performance.now, or a test's stepping clock). */
  now: () => number;
  /** The world's simulated time (epoch ms). */
  simulatedNow: () => number;
  /** Waits for a promise without that time counting against the run's CPU budget. */
  waitFor: <T>(promise: Promise<T>) => Promise<T>;
  /** Waits as the session's `sleep` option says (the world's simulated clock in the app), outside the CPU budget. */
  sleep: (ms: number) => Promise<void>;
}

export interface BashModule {
  /** For error messages and tests: `curl`, `jq`, `az`, … */
  name: string;
  /** Commands whose output depends on whether stdout is the terminal (they read STDOUT_TTY_MARK). */
  terminalAware?: readonly string[];
  /** The module's commands. A later module's command replaces an earlier one of the same name. */
  commands(services: ModuleServices): Command[];
}

/** True when the command was marked as writing to the terminal. */
export function stdoutIsTerminal(env: { get(name: string): string | undefined }): boolean {
  return env.get(STDOUT_TTY_MARK) === '1';
}
