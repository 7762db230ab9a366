/// <reference lib="webworker" />
/**
 * Worker entry: one bash interpreter per worker, kept alive between runs so its file system persists.
 * The host terminates the worker if a script outlives the time limit, so nothing here can hang the page.
 */
import { Bash } from 'just-bash/browser';
import { capOutput } from './output-cap';
import { SCRIPT_TIME_LIMIT_MS, type WorkerInbound, type WorkerOutbound } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const bash = new Bash({
  cwd: '/home/azureuser',
  env: { HOME: '/home/azureuser', USER: 'azureuser', LOGNAME: 'azureuser', SHELL: '/bin/bash' },
  executionLimits: { maxExecutionTimeMs: SCRIPT_TIME_LIMIT_MS },
});

function post(message: WorkerOutbound): void {
  scope.postMessage(message);
}

scope.onmessage = async (event: MessageEvent<WorkerInbound>) => {
  const msg = event.data;
  if (msg.type !== 'run') return;
  try {
    const r = await bash.exec(msg.script);
    post({ type: 'result', id: msg.id, ...capOutput({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }) });
  } catch (error) {
    // just-bash reports script errors in stderr; anything thrown is an interpreter failure worth showing.
    const message = error instanceof Error ? error.message : String(error);
    post({ type: 'result', id: msg.id, stdout: '', stderr: `bash: internal error: ${message}\n`, exitCode: 1 });
  }
};

post({ type: 'ready' });
