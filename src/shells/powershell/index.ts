/**
 * Windows PowerShell 5.1 on a simulated Windows VM: the engine (./session) with the modules a VM has
 * registered (core, web, and Az 16.2.0, whose cmdlets load on first use). Import from here.
 */
import { coreModules } from './modules/core';
import { azModules } from './modules/az';
import { webCmdlets } from './modules/web';
import { createEngineSession, type PowerShellSession, type PowerShellSessionOptions } from './session';

export type { PowerShellModule, PowerShellSession, PowerShellSessionOptions, RunOptions, RunResult, SessionSnapshot, VmFacts, GrammarSource, LoadGrammar } from './session';
export { createEngineSession } from './session';

/** A 5.1 console as a Windows VM's RDP session has it. */
export function createPowerShellSession(options: PowerShellSessionOptions): PowerShellSession {
  return createEngineSession(options).use(...coreModules, webCmdlets, ...azModules);
}
