/// <reference lib="webworker" />
/**
 * Worker entry for a bash session: a Linux VM's, Cloud Shell's, or the start page's stand-in VM's.
 * The session and everything it runs live here; the page keeps the simulated cloud and answers this
 * worker's HTTP requests (see worker-runtime.ts). The Azure CLI module is registered on every machine
 * with a cloud behind it; its code loads on the first `az`.
 */
import { Bash } from 'just-bash';
import { createBashEngine, ubuntuModules, type BashSessionSnapshot } from '../bash/index';
import { azModule } from '../az/module';
import { bashIsIncomplete } from './bash-incomplete';
import { restoreOrStartFresh, serveShell, sessionVm } from './worker-runtime';

serveShell(self as unknown as DedicatedWorkerGlobalScope, async (init, fetch, clock, sleep, loading) => {
  const machine = init.machine ?? 'vm';
  // `sleep` asks the page, which moves the world's simulated clock (worker-host.ts).
  const session = createBashEngine({
    vm: sessionVm(init),
    fetch,
    simulatedNow: clock,
    sleep: (ms) => sleep(ms),
    image: machine === 'cloudShell' ? 'cloudShell' : 'ubuntu',
  });
  for (const module of ubuntuModules({ standIn: machine === 'standIn' })) session.use(module);
  if (machine !== 'standIn') session.use(azModule({ cloudShell: machine === 'cloudShell', loading }));
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
