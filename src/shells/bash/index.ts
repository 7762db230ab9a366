/**
 * A VM's bash session: the engine (session.ts) with the Ubuntu image's modules registered, then any
 * the caller adds (`modules`, e.g. az). Code that wants the bare engine uses createBashEngine.
 */
import { createBashEngine } from './session';
import { ubuntuModules } from './modules/ubuntu';
import type { BashSession, BashSessionOptions } from './types';

export function createBashSession(opts: BashSessionOptions): BashSession {
  const session = createBashEngine(opts);
  for (const module of [...ubuntuModules(), ...(opts?.modules ?? [])]) session.use(module);
  return session;
}

export { createBashEngine };
export { STDOUT_TTY_MARK, stdoutIsTerminal, type BashModule, type ModuleServices } from './module';
export { curlModule, jqModule, coreutilsModule, notSimulatedModule, ubuntuModules } from './modules/ubuntu';
export type {
  BashEngine,
  BashSession,
  BashSessionOptions,
  BashSessionSnapshot,
  LimitKind,
  OutputChunk,
  RunOptions,
  RunResult,
  SessionLimits,
  ShellFetch,
  VmFacts,
} from './types';
