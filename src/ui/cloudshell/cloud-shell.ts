/**
 * Cloud Shell: a shell in a container the portal opens for its signed-in user, already signed in to
 * the Azure CLI through its local token endpoint (src/cloud/cloudshell). It is one more session in
 * the workspace, beside the VMs' terminals, and acts under the user's RBAC through the same router,
 * so the portal, the inspector and lesson checks see what it changes.
 *
 * Which shells it offers is a table of factories (Bash, PowerShell: each a worker that speaks the same
 * protocol, see ui/workspace/shell-workers.ts); adding one needs no change here.
 */
import { createWorkerHost, type WorkerLike } from '../../shells/host/worker-host';
import { interactiveShellOf } from '../../shells/host/worker-shell';
import type { VmFacts } from '../../shells/host/protocol';
import type { VmSession } from '../workspace/vm-sessions';

export type CloudShellKind = 'Bash' | 'PowerShell';

/** How to start one kind of Cloud Shell: its worker, its assets, the prompt shown while it loads. */
export interface CloudShellFactory {
  createWorker(): WorkerLike;
  assets?: Record<string, string>;
  /** The terminal's continuation prompt (`> ` for bash, `>> ` for PowerShell). */
  continuationPrompt: string;
  initialPrompt(facts: VmFacts): string;
  /** What the workspace tab calls the shell. */
  shellName: 'bash' | 'PowerShell';
}

export interface CloudShellUser {
  objectId: string;
  userPrincipalName: string;
}

export interface CloudShellOptions {
  factories: Partial<Record<CloudShellKind, CloudShellFactory>>;
  fetchFor(userId: string): (request: Request) => Promise<Response>;
  clock?: () => number;
  /** What `sleep` does: move the world's clock and return its new time (see VmSessions' worldTime). */
  sleep?: (ms: number) => number;
}

/** The id a Cloud Shell session has among the workspace's sessions (never an ARM id). */
export const CLOUD_SHELL_ID = 'cloud-shell';

/**
 * The container's facts: Cloud Shell names the user by their alias and its host `SandboxHost-<ticks>`
 * (the number here is invented but of the real form).
 */
export function cloudShellFacts(user: CloudShellUser): VmFacts {
  const alias = user.userPrincipalName.split('@')[0]!.toLowerCase().replace(/[^a-z0-9_-]/g, '') || 'user';
  return {
    vmName: 'Cloud Shell',
    computerName: 'SandboxHost-638712345678901234',
    adminUsername: /^[a-z_]/.test(alias) ? alias : `u${alias}`,
    vmId: '00000000-0000-0000-0000-00000c10d5e1',
    location: 'eastus',
    osType: 'Linux',
  };
}

export class CloudShell {
  private session: VmSession | null = null;
  private current: CloudShellKind = 'Bash';

  constructor(private readonly options: CloudShellOptions) {}

  /** The shells this sandbox can open, in the order Azure lists them. */
  kinds(): CloudShellKind[] {
    return (['Bash', 'PowerShell'] as const).filter((k) => this.options.factories[k]);
  }

  get kind(): CloudShellKind {
    return this.current;
  }

  /** The open session, if any. */
  get open(): VmSession | null {
    return this.session;
  }

  /** Opens (or returns) Cloud Shell for this user with the chosen kind; switching kind starts a new shell. */
  connect(user: CloudShellUser, kind: CloudShellKind = this.current): VmSession | null {
    const factory = this.options.factories[kind];
    if (!factory) return null;
    if (this.session && kind === this.current) return this.session;
    this.close();
    this.current = kind;
    const facts = cloudShellFacts(user);
    const host = createWorkerHost({
      createWorker: () => factory.createWorker(),
      vm: facts,
      fetch: this.options.fetchFor(user.objectId),
      initialPrompt: factory.initialPrompt(facts),
      machine: 'cloudShell',
      ...(this.options.clock ? { clock: this.options.clock } : {}),
      ...(this.options.sleep ? { sleep: this.options.sleep } : {}),
      ...(factory.assets ? { assets: factory.assets } : {}),
    });
    this.session = { id: CLOUD_SHELL_ID, facts, shellName: factory.shellName, host, shell: interactiveShellOf(host, factory.continuationPrompt) };
    return this.session;
  }

  close(): void {
    this.session?.host.dispose();
    this.session = null;
  }
}
