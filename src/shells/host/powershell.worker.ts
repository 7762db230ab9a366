/// <reference lib="webworker" />
/**
 * Worker entry for a Windows VM's PowerShell session, or Cloud Shell's (init.machine 'cloudShell'). The page passes the URLs of the two tree-sitter
 * wasm files (bundled by Vite) in `init.assets`; the session loads them on its first run.
 */
import { createPowerShellSession, type SessionSnapshot } from '../powershell/index';
import { createCloudShellPowerShellSession, signInCloudShellAz } from '../powershell/cloud-shell';
import { restoreOrStartFresh, serveShell, sessionVm } from './worker-runtime';

serveShell(self as unknown as DedicatedWorkerGlobalScope, async (init, fetch, clock, sleep) => {
  const parserWasm = init.assets?.['web-tree-sitter.wasm'];
  const languageWasm = init.assets?.['tree-sitter-powershell.wasm'];
  if (!languageWasm) throw new Error('the PowerShell grammar (tree-sitter-powershell.wasm) was not provided');
  const cloudShell = init.machine === 'cloudShell';
  const options = {
    vm: sessionVm(init),
    fetch,
    now: () => new Date(clock()),
    // Start-Sleep asks the page, which moves the world's simulated clock (worker-host.ts).
    sleep: (ms: number) => sleep(ms),
    loadGrammar: async () => (parserWasm ? { parserWasm, languageWasm } : { languageWasm }),
  };
  const session = cloudShell ? createCloudShellPowerShellSession(options) : createPowerShellSession(options);
  await restoreOrStartFresh<SessionSnapshot>(init.state, (state) => session.restore(state));
  await session.ready();
  if (cloudShell) await signInCloudShellAz(session);
  return {
    run: (script, { signal, onOutput }) => session.run(script, { signal, onOutput }),
    prompt: () => session.prompt(),
    isIncomplete: (source) => session.isIncomplete(source),
    snapshot: () => session.snapshot(),
    resize: (columns) => session.resize(columns),
  };
});
