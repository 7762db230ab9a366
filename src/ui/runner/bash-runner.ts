/**
 * Wires the script-run machine to a bash worker. The worker starts on the first run, so the
 * interpreter never weighs on the first page load.
 */
import { createActor, fromPromise } from 'xstate';
import { scriptRunMachine } from '../../shells/host/script-run.machine';
import { createWorkerHost, type WorkerLike } from '../../shells/host/worker-host';
import type { RunResult } from '../../shells/host/protocol';

export function createBashRunner() {
  const host = createWorkerHost({
    // Until the simulated cloud is wired in, the shell runs on a stand-in VM with no network.
    vm: { vmName: 'myLinuxVM', computerName: 'myLinuxVM', adminUsername: 'azureuser', vmId: '5c4e1f3a-8d2b-4c6e-9f1a-2b3c4d5e6f70', location: 'eastus', osType: 'Linux' },
    machine: 'standIn',
    createWorker: () =>
      new Worker(new URL('../../shells/host/bash.worker.ts', import.meta.url), {
        type: 'module',
        name: 'bash',
      }) as unknown as WorkerLike,
  });
  const actor = createActor(
    scriptRunMachine.provide({
      actors: {
        runScript: fromPromise<RunResult, { script: string }>(({ input }) => host.run(input.script)),
      },
      actions: { cancelRun: () => host.cancel() },
    }),
  );
  actor.start();
  return {
    actor,
    dispose() {
      actor.stop();
      host.dispose();
    },
  };
}
