export { createBashSession } from './session';
export type {
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
