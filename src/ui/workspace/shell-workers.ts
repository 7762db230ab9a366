/**
 * Where each OS's shell worker comes from. Vite bundles each worker (and its interpreter) as its own
 * chunk, fetched the first time a VM of that OS is connected; the PowerShell grammar's wasm files are
 * bundled assets whose URLs the worker receives at start.
 */
import treeSitterWasm from 'web-tree-sitter/web-tree-sitter.wasm?url';
import powershellWasm from '../../../node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm?url';
import type { WorkerLike } from '../../shells/host/worker-host';
import type { CloudShellFactory } from '../cloudshell/cloud-shell';

export function createShellWorker(os: 'Linux' | 'Windows'): WorkerLike {
  const worker =
    os === 'Windows'
      ? new Worker(new URL('../../shells/host/powershell.worker.ts', import.meta.url), { type: 'module', name: 'powershell' })
      : new Worker(new URL('../../shells/host/bash.worker.ts', import.meta.url), { type: 'module', name: 'bash' });
  return worker as unknown as WorkerLike;
}

export function shellAssets(os: 'Linux' | 'Windows'): Record<string, string> | undefined {
  if (os !== 'Windows') return undefined;
  return { 'web-tree-sitter.wasm': treeSitterWasm, 'tree-sitter-powershell.wasm': powershellWasm };
}

/** Cloud Shell's Bash: the same bash worker, told it runs in Cloud Shell (prompt, environment, az sign-in). */
export const cloudShellBash: CloudShellFactory = {
  createWorker: () => createShellWorker('Linux'),
  continuationPrompt: '> ',
  initialPrompt: (facts) => `${facts.adminUsername} [ ~ ]$ `,
  shellName: 'bash',
};

/**
 * Cloud Shell's PowerShell: the PowerShell worker, told it runs in Cloud Shell (its prompt and
 * environment, and Az signed in as the portal's user before the first prompt; see
 * src/shells/powershell/cloud-shell.ts for what differs from real Cloud Shell's PowerShell 7).
 */
export const cloudShellPowerShell: CloudShellFactory = {
  createWorker: () => createShellWorker('Windows'),
  assets: shellAssets('Windows')!,
  continuationPrompt: '>> ',
  initialPrompt: (facts) => `PS /home/${facts.adminUsername}> `,
  shellName: 'PowerShell',
};
