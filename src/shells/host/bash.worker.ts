/// <reference lib="webworker" />
/**
 * Worker entry for a Linux VM's bash session. The session and everything it runs live here; the page
 * keeps the simulated cloud and answers this worker's HTTP requests (see worker-runtime.ts).
 */
import { Bash } from 'just-bash';
import { createBashSession, type BashSessionSnapshot } from '../bash/index';
import { bashIsIncomplete } from './bash-incomplete';
import { serveShell } from './worker-runtime';

serveShell(self as unknown as DedicatedWorkerGlobalScope, async (init, fetch, clock) => {
  const session = createBashSession({
    vm: {
      vmName: init.vm.vmName,
      computerName: init.vm.computerName,
      adminUsername: init.vm.adminUsername,
      vmId: init.vm.vmId,
      location: init.vm.location,
    },
    fetch,
    simulatedNow: clock,
  });
  if (init.state) {
    try {
      await session.restore(init.state as BashSessionSnapshot);
    } catch {
      // A state that no longer fits (an older version) is dropped: a fresh login beats a broken one.
    }
  }
  // A second interpreter only parses, to tell an unfinished line from a finished one.
  const parser = new Bash();
  return {
    run: (script, { signal, onOutput }) => session.run(script, { signal, onOutput }),
    prompt: () => session.prompt(),
    isIncomplete: (source) => bashIsIncomplete(parser, source),
    snapshot: () => session.snapshot(),
  };
});
