/**
 * Messages between the page and a shell worker. Scripts run in a Web Worker so that a runaway script
 * can never freeze the page: the host can always terminate the worker and start a fresh one. The
 * simulated cloud stays on the page; the worker reaches it only through `fetch` messages.
 */
import type { WireFetchError, WireRequest, WireResponse } from './fetch-bridge';

/** What a shell needs to know about the VM it runs on. */
export interface VmFacts {
  vmName: string;
  computerName: string;
  adminUsername: string;
  vmId: string;
  location: string;
  osType: 'Linux' | 'Windows';
}

export interface OutputChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** stdout and stderr in the order they were written, when the shell reports it. */
  chunks?: OutputChunk[];
  /** Set when the output was cut at the output cap. */
  truncated?: boolean;
  /** Set when an execution limit (time, loop count, recursion) stopped the script. */
  limitHit?: string;
}

// page → worker
export interface InitMessage {
  type: 'init';
  vm: VmFacts;
  /** Shell state saved from an earlier worker (variables, functions, files), to carry on after a restart. */
  state?: unknown;
  /** URLs of assets the shell loads itself (e.g. grammar .wasm files). */
  assets?: Record<string, string>;
  /**
   * What kind of machine the shell runs on: a VM of the world (default), Cloud Shell (signed in as
   * the portal's user), or the start page's stand-in VM (no cloud behind it, so no Azure CLI).
   */
  machine?: ShellMachine;
}

export type ShellMachine = 'vm' | 'cloudShell' | 'standIn';
export interface RunRequest {
  type: 'run';
  id: number;
  script: string;
  /** The world's simulated time (epoch ms) as the run starts, for `date` / `Get-Date`. */
  clockMs?: number;
  /** The terminal's width in columns, for shells that format to it (PowerShell's tables and error view). */
  columns?: number;
}
export interface CheckRequest {
  type: 'check';
  id: number;
  source: string;
}
export interface FetchResultMessage {
  type: 'fetch-result';
  id: number;
  response?: WireResponse;
  error?: WireFetchError;
}
/** The page has let the sleep's time pass; `clockMs` is the world's simulated time after it. */
export interface SleepDoneMessage {
  type: 'sleep-done';
  id: number;
  clockMs?: number;
}

// worker → page
export interface ReadyMessage {
  type: 'ready';
  prompt: string;
}
export interface InitFailedMessage {
  type: 'init-failed';
  message: string;
}
export interface RunResponse extends RunResult {
  type: 'result';
  id: number;
  prompt: string;
  state: unknown;
}
export interface CheckResponse {
  type: 'checked';
  id: number;
  incomplete: boolean;
}
export interface FetchRequestMessage {
  type: 'fetch';
  id: number;
  request: WireRequest;
}
/**
 * `sleep` / `Start-Sleep` in a script: the page decides what waiting means. With a simulated
 * world it moves the world's clock forward and answers at once, so a retry loop with backoff takes
 * simulated seconds but no real ones (and stays inside the script time limit).
 */
export interface SleepRequestMessage {
  type: 'sleep';
  id: number;
  ms: number;
}

/** A command started or finished loading code on demand; the host restarts the script's time limit. */
export interface LoadingMessage {
  type: 'loading';
}

export type WorkerInbound = InitMessage | RunRequest | CheckRequest | FetchResultMessage | SleepDoneMessage;
export type WorkerOutbound = ReadyMessage | InitFailedMessage | RunResponse | CheckResponse | FetchRequestMessage | SleepRequestMessage | LoadingMessage;

/** Wall-clock budget for one script, shared by the worker's own limits and the host's backstop. */
export const SCRIPT_TIME_LIMIT_MS = 2000;

/** Output beyond this many characters (stdout + stderr) is cut with a notice. */
export const OUTPUT_LIMIT_CHARS = 1_000_000;
