/**
 * Where each OS's shell worker comes from. Vite bundles each worker (and its interpreter) as its own
 * chunk, fetched the first time a VM of that OS is connected.
 */
import type { WorkerLike } from '../../shells/host/worker-host';

export function createShellWorker(os: 'Linux' | 'Windows'): WorkerLike {
  const worker =
    os === 'Windows'
      ? new Worker(new URL('../../shells/host/powershell.worker.ts', import.meta.url), { type: 'module', name: 'powershell' })
      : new Worker(new URL('../../shells/host/bash.worker.ts', import.meta.url), { type: 'module', name: 'bash' });
  return worker as unknown as WorkerLike;
}
