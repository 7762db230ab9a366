/// <reference lib="webworker" />
/**
 * Worker entry for a Windows VM's PowerShell session.
 * TODO(issue 6): serve the PowerShell session (src/shells/powershell) once it lands; until then
 * connecting to a Windows VM says so instead of pretending.
 */
import { serveShell } from './worker-runtime';

serveShell(self as unknown as DedicatedWorkerGlobalScope, async () => {
  throw new Error('the Windows PowerShell session is not available in this build yet');
});
