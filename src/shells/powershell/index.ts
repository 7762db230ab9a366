/**
 * Windows PowerShell 5.1 for the simulated Windows VM. See README.md for the API, what is simulated,
 * and the known gaps.
 */
export { createPowerShellSession } from './session';
export type { PowerShellSession, PowerShellSessionOptions, RunOptions, RunResult, SessionSnapshot, VmFacts, GrammarSource, LoadGrammar } from './session';
