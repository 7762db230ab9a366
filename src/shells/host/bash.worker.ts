/// <reference lib="webworker" />
/**
 * Worker entry for a Linux VM's bash session. The session and everything it runs live here; the page
 * keeps the simulated cloud and answers this worker's HTTP requests (see worker-runtime.ts).
 */
import { Bash } from 'just-bash/browser';
import { bashIsIncomplete } from './bash-incomplete';
import { SCRIPT_TIME_LIMIT_MS } from './protocol';
import { serveShell, type WorkerShellSession } from './worker-runtime';

serveShell(self as unknown as DedicatedWorkerGlobalScope, async (init) => {
  const { adminUsername: user, computerName } = init.vm;
  const home = `/home/${user}`;
  const bash = new Bash({
    cwd: home,
    env: { HOME: home, USER: user, LOGNAME: user, SHELL: '/bin/bash', HOSTNAME: computerName },
    executionLimits: { maxExecutionTimeMs: SCRIPT_TIME_LIMIT_MS },
  });
  const prompt = () => {
    const cwd = bash.getCwd();
    const shown = cwd === home ? '~' : cwd.startsWith(home + '/') ? '~' + cwd.slice(home.length) : cwd;
    return `${user}@${computerName}:${shown}$ `;
  };
  const session: WorkerShellSession = {
    async run(script, { signal }) {
      const r = await bash.exec(script, { signal });
      return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
    },
    prompt,
    isIncomplete: (source) => bashIsIncomplete(bash, source),
    snapshot: () => null,
  };
  return session;
});
