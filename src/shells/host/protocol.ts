/**
 * Messages between the page and a shell worker. Scripts run in a Web Worker so that a runaway script
 * can never freeze the page: the host can always terminate the worker and start a fresh one.
 */

export interface RunRequest {
  type: 'run';
  id: number;
  script: string;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Set when the output was cut at the output cap. */
  truncated?: boolean;
  /** Set when an execution limit (time, loop count, recursion) stopped the script. */
  limitHit?: string;
}

export interface RunResponse extends RunResult {
  type: 'result';
  id: number;
}

export interface ReadyMessage {
  type: 'ready';
}

export type WorkerInbound = RunRequest;
export type WorkerOutbound = RunResponse | ReadyMessage;

/** Wall-clock budget for one script, shared by the worker's own limits and the host's backstop. */
export const SCRIPT_TIME_LIMIT_MS = 2000;

/** Output beyond this many characters (stdout + stderr) is cut with a notice. */
export const OUTPUT_LIMIT_CHARS = 1_000_000;
