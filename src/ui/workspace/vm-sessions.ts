/**
 * One shell per connected VM, each in its own worker, each reaching the simulated cloud as that VM.
 * Sessions belong to a world: when the world is replaced (reset, import, a lesson step) they are
 * closed, since the VMs they ran on no longer exist.
 */
import { createWorkerHost, type WorkerHost, type WorkerLike } from '../../shells/host/worker-host';
import { interactiveShellOf } from '../../shells/host/worker-shell';
import type { VmFacts } from '../../shells/host/protocol';
import type { InteractiveShell } from '../../shells/terminal/terminal-controller';
import { advanceClock, type World } from '../../sim/index';

export interface VmSession {
  /** ARM id of the VM. */
  id: string;
  facts: VmFacts;
  shellName: 'bash' | 'PowerShell';
  host: WorkerHost;
  shell: InteractiveShell;
}

export interface VmSessionsOptions {
  createWorker: (os: 'Linux' | 'Windows') => WorkerLike;
  fetchFor: (vmId: string) => (request: Request) => Promise<Response>;
  /**
   * The simulated world the VMs live in: its clock is what `date` / Get-Date show, and what
   * `sleep` / Start-Sleep move forward (a retry loop's backoff takes simulated seconds, not real ones).
   */
  world?: () => World;
  assets?: (os: 'Linux' | 'Windows') => Record<string, string> | undefined;
}

export function vmFactsOf(world: World, armId: string): VmFacts | null {
  const vm = Object.values(world.data.virtualMachines).find((v) => v.id.toLowerCase() === armId.toLowerCase());
  if (!vm) return null;
  return {
    vmName: vm.name,
    computerName: vm.properties.osProfile.computerName,
    adminUsername: vm.properties.osProfile.adminUsername,
    vmId: vm.properties.vmId,
    location: vm.location,
    osType: vm.properties.storageProfile.osDisk.osType,
  };
}

export function initialPrompt(facts: VmFacts): string {
  return facts.osType === 'Windows' ? `PS C:\\Users\\${facts.adminUsername}> ` : `${facts.adminUsername}@${facts.computerName}:~$ `;
}

export class VmSessions {
  private readonly sessions = new Map<string, VmSession>();

  constructor(private readonly options: VmSessionsOptions) {}

  list(): VmSession[] {
    return [...this.sessions.values()];
  }

  get(id: string): VmSession | undefined {
    return this.sessions.get(id.toLowerCase());
  }

  /** Opens (or returns) the session for a VM of `world`; null when the VM does not exist. */
  connect(world: World, armId: string): VmSession | null {
    const existing = this.get(armId);
    if (existing) return existing;
    const facts = vmFactsOf(world, armId);
    if (!facts) return null;
    const assets = this.options.assets?.(facts.osType);
    const host = createWorkerHost({
      createWorker: () => this.options.createWorker(facts.osType),
      vm: facts,
      fetch: this.options.fetchFor(facts.vmId),
      initialPrompt: initialPrompt(facts),
      ...(this.options.world ? worldTime(this.options.world) : {}),
      ...(assets ? { assets } : {}),
    });
    const windows = facts.osType === 'Windows';
    const session: VmSession = {
      id: armId,
      facts,
      shellName: windows ? 'PowerShell' : 'bash',
      host,
      shell: interactiveShellOf(host, windows ? '>> ' : '> '),
    };
    this.sessions.set(armId.toLowerCase(), session);
    return session;
  }

  disconnect(id: string): void {
    const s = this.get(id);
    if (!s) return;
    s.host.dispose();
    this.sessions.delete(id.toLowerCase());
  }

  closeAll(): void {
    for (const s of this.sessions.values()) s.host.dispose();
    this.sessions.clear();
  }
}

/** The host's clock and sleep over a world: reading its time, and letting time pass in it. */
export function worldTime(world: () => World): { clock: () => number; sleep: (ms: number) => number } {
  return {
    clock: () => world().now(),
    sleep: (ms) => {
      // advanceClock refuses only non-finite or negative amounts, which the worker never sends.
      advanceClock(world(), ms);
      return world().now();
    },
  };
}
