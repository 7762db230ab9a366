/**
 * Get-Module and Import-Module over the session's registered modules: the loaded ones (the built-ins, and
 * an Az module once one of its commands has run or Import-Module loaded it), and with -ListAvailable
 * everything installed, grouped by directory as 5.1 prints it.
 */
import { arg, flag, type CmdletCall, type CmdletDef, type PowerShellModule } from '../../engine/cmdlet';
import type { ViewDef } from '../../format/views';
import { wildcardToRegExp } from '../../runtime/operators';
import { PSObject } from '../../runtime/values';

const MODULE_INFO = 'System.Management.Automation.PSModuleInfo';
const BUILT_IN_DIR = 'C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\Modules';

function moduleInfo(call: CmdletCall, module: PowerShellModule, listing: boolean): PSObject {
  const unsimulated = (module.unsimulated ?? []).map((l) => l.split(':')[0] as string);
  const commands = [...call.commands.all().filter((e) => e.module.name === module.name).map((e) => e.name), ...unsimulated];
  const base = module.path ?? `${BUILT_IN_DIR}\\${module.name}`;
  const o = PSObject.from(
    [
      ['ModuleType', module.moduleType ?? 'Manifest'],
      ['Version', module.version],
      ['Name', module.name],
      ['ExportedCommands', commands],
      ['Path', `${base}\\${module.name}.psd1`],
      ['ModuleBase', base],
    ],
    [MODULE_INFO, 'System.Object'],
  );
  o.stringify = () => module.name;
  if (listing) Object.defineProperty(o, 'listingDirectory', { value: base.replace(/\\\d[\d.]*$/, '').replace(/\\[^\\]+$/, ''), enumerable: false });
  return o;
}

/** One entry per module name (the web cmdlets register under Microsoft.PowerShell.Utility too). */
function unique(modules: PowerShellModule[]): PowerShellModule[] {
  const seen = new Set<string>();
  return modules.filter((m) => (seen.has(m.name) ? false : (seen.add(m.name), true)));
}

export const getModule: CmdletDef = {
  name: 'Get-Module',
  aliases: ['gmo'],
  className: 'Microsoft.PowerShell.Commands.GetModuleCommand',
  synopsis: 'Gets the modules that have been imported or that can be imported into the current session.',
  params: [{ name: 'Name', type: 'strings', position: 0 }, { name: 'ListAvailable', type: 'switch' }, { name: 'All', type: 'switch' }, { name: 'FullyQualifiedName', type: 'object' }],
  async run(call) {
    const listing = flag(call, 'ListAvailable');
    const names = (arg<string[]>(call, 'Name') ?? []).map(String);
    const patterns = names.map((n) => wildcardToRegExp(n));
    const pool = unique(listing ? call.commands.modules() : call.commands.loaded());
    const chosen = pool.filter((m) => patterns.length === 0 || patterns.some((p) => p.test(m.name)));
    // -ListAvailable lists by directory: the installed Az modules, then the built-in ones.
    const ordered = listing ? [...chosen.filter((m) => m.path?.startsWith('C:\\Program Files')), ...chosen.filter((m) => !m.path?.startsWith('C:\\Program Files'))] : chosen;
    return ordered.map((m) => moduleInfo(call, m, listing));
  },
};

export const importModule: CmdletDef = {
  name: 'Import-Module',
  aliases: ['ipmo'],
  className: 'Microsoft.PowerShell.Commands.ImportModuleCommand',
  synopsis: 'Adds modules to the current session.',
  params: [{ name: 'Name', type: 'strings', position: 0 }, { name: 'Force', type: 'switch' }, { name: 'PassThru', type: 'switch' }, { name: 'RequiredVersion', type: 'string' }, { name: 'MinimumVersion', type: 'string' }],
  async run(call) {
    const out: PSObject[] = [];
    for (const name of (arg<string[]>(call, 'Name') ?? []).map(String)) {
      const pattern = wildcardToRegExp(name);
      const found = unique(call.commands.modules()).filter((m) => pattern.test(m.name));
      // Import-Module Az loads every Az.* module, as the Az meta-module's RequiredModules do.
      const loads = found.flatMap((m) => (m.name === 'Az' ? unique(call.commands.modules()).filter((x) => x.name.startsWith('Az')) : [m]));
      if (loads.length === 0) {
        call.writeError({
          exceptionTypes: ['System.IO.FileNotFoundException', 'System.IO.IOException'],
          message: `The specified module '${name}' was not loaded because no valid module file was found in any module directory.`,
          category: 'ResourceUnavailable',
          targetName: name,
          targetType: 'String',
          fullyQualifiedErrorId: 'Modules_ModuleNotFound',
        });
        continue;
      }
      for (const m of loads) {
        call.commands.markLoaded(m);
        if (flag(call, 'PassThru')) out.push(moduleInfo(call, m, false));
      }
    }
    return out;
  },
};

/** Get-Module's table (ModuleType, Version, Name, ExportedCommands); -ListAvailable groups it by directory. */
export const MODULE_VIEW: ViewDef = {
  kind: 'table',
  typeName: MODULE_INFO,
  groupBy: (o) => {
    const dir = (o as PSObject & { listingDirectory?: string }).listingDirectory;
    return dir ? `\n\n    Directory: ${dir}\n\n\n` : '\n';
  },
  columns: [
    { label: 'ModuleType', value: 'ModuleType', width: 10 },
    { label: 'Version', value: 'Version', width: 10 },
    { label: 'Name', value: 'Name', width: 35 },
    { label: 'ExportedCommands', value: 'ExportedCommands', width: 0 },
  ],
};
