/// <reference lib="webworker" />
/**
 * Worker entry for a Linux VM's bash session. The session and everything it runs live here; the page
 * keeps the simulated cloud and answers this worker's HTTP requests (see worker-runtime.ts).
 */
import { Bash } from 'just-bash';
import { createBashSession, type BashSessionSnapshot } from '../bash/index';
import { bashIsIncomplete } from './bash-incomplete';
import { restoreOrStartFresh, serveShell, sessionVm } from './worker-runtime';

serveShell(self as unknown as DedicatedWorkerGlobalScope, async (init, fetch, clock, sleep) => {
  // `sleep` asks the page, which moves the world's simulated clock (worker-host.ts).
  const session = createBashSession({ vm: sessionVm(init), fetch, simulatedNow: clock, sleep: (ms) => sleep(ms) });
  await restoreOrStartFresh<BashSessionSnapshot>(init.state, (state) => session.restore(state));
  // A second interpreter only parses, to tell an unfinished line from a finished one.
  const parser = new Bash();
  return {
    run: (script, { signal, onOutput }) => session.run(script, { signal, onOutput }),
    prompt: () => session.prompt(),
    isIncomplete: (source) => bashIsIncomplete(parser, source),
    snapshot: () => session.snapshot(),
  };
});
