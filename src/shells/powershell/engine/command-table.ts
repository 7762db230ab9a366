/**
 * The session's command table: the modules registered with `session.use()`, their cmdlets and aliases,
 * native programs, and the commands a real VM has that the sandbox does not simulate. Lazy cmdlets
 * load on first use, as 5.1 autoloads a module when one of its commands runs.
 */
import type { CmdletDef, CommandCatalog, CommandEntry, CommandHost, LazyCmdlet, PowerShellModule } from './cmdlet';
import type { ViewDef } from '../format/views';

function isLazy(c: CmdletDef | LazyCmdlet): c is LazyCmdlet {
  return 'load' in c;
}

function entryOf(c: CmdletDef | LazyCmdlet, module: PowerShellModule): CommandEntry {
  if (!isLazy(c)) return { name: c.name, aliases: c.aliases ?? [], module, resolve: async () => c };
  let loading: Promise<CmdletDef> | null = null;
  return {
    name: c.name,
    aliases: c.aliases ?? [],
    module,
    resolve: () => {
      loading ??= c.load().catch((e: unknown) => {
        loading = null;
        throw e;
      });
      return loading;
    },
  };
}

export class CommandTable implements CommandCatalog {
  private readonly byName = new Map<string, CommandEntry>();
  private readonly entries: CommandEntry[] = [];
  private readonly registered: PowerShellModule[] = [];
  private readonly loadedModules = new Set<PowerShellModule>();
  private readonly natives = new Map<string, (host: CommandHost) => string>();
  private readonly unsimulated = new Map<string, { display: string; module: PowerShellModule }>();
  readonly views: ViewDef[] = [];

  use(module: PowerShellModule): void {
    if (this.registered.includes(module)) return;
    this.registered.push(module);
    if (!module.autoload) this.loadedModules.add(module);
    for (const c of module.cmdlets) {
      const entry = entryOf(c, module);
      this.entries.push(entry);
      this.byName.set(entry.name.toLowerCase(), entry);
      for (const a of entry.aliases) this.byName.set(a.toLowerCase(), entry);
    }
    for (const [name, run] of Object.entries(module.natives ?? {})) this.natives.set(name.toLowerCase(), run);
    for (const line of module.unsimulated ?? []) {
      const [name, aliases] = line.split(':') as [string, string | undefined];
      this.unsimulated.set(name.toLowerCase(), { display: name, module });
      for (const a of aliases?.split(',') ?? []) this.unsimulated.set(a.toLowerCase(), { display: `${a} (${name})`, module });
    }
    this.views.push(...(module.views ?? []));
  }

  all(): CommandEntry[] {
    return this.entries;
  }

  find(name: string): CommandEntry | undefined {
    const lower = name.toLowerCase();
    const direct = this.byName.get(lower);
    if (direct) return direct;
    // Module-qualified names: Microsoft.PowerShell.Utility\Invoke-WebRequest, Az.Accounts\Connect-AzAccount.
    const slash = lower.lastIndexOf('\\');
    if (slash < 0) return undefined;
    const entry = this.byName.get(lower.slice(slash + 1));
    const moduleName = lower.slice(0, slash);
    if (!entry) return undefined;
    const core = /^microsoft\.powershell\.(utility|core|management)$/.test(moduleName);
    return core || entry.module.name.toLowerCase() === moduleName ? entry : undefined;
  }

  native(name: string): ((host: CommandHost) => string) | undefined {
    return this.natives.get(name.toLowerCase());
  }

  /** A known-but-not-simulated command (`ls (Get-ChildItem)`) and the module it belongs to, if it is one. */
  notSimulated(name: string): { display: string; module: PowerShellModule } | undefined {
    return this.unsimulated.get(name.toLowerCase());
  }

  modules(): PowerShellModule[] {
    return this.registered;
  }

  loaded(): PowerShellModule[] {
    return this.registered.filter((m) => this.loadedModules.has(m));
  }

  markLoaded(module: PowerShellModule): void {
    this.loadedModules.add(module);
  }
}
