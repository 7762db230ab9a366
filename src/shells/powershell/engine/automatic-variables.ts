/**
 * Automatic variables of Windows PowerShell 5.1 on the VM: `$PSVersionTable` (5.1.x Desktop on Windows
 * Server 2022), `$Error`, `$?`, `$Matches`, `$HOME`, `$PSEdition`, and friends.
 */
import { PSHashtable, PSObject } from '../runtime/values';
import type { Engine as Interpreter } from './engine';

function version(text: string): PSObject {
  const [major, minor, build, revision] = text.split('.').map(Number);
  const o = PSObject.from(
    [
      ['Major', major ?? 0],
      ['Minor', minor ?? 0],
      ['Build', build ?? -1],
      ['Revision', revision ?? -1],
    ],
    ['System.Version', 'System.Object'],
  );
  o.stringify = () => text;
  o.view = 'table';
  o.tableWidths = [6, 6, 6, 8];
  return o;
}

/** Windows Server 2022 Datacenter ships Windows PowerShell 5.1.20348.x. */
export function psVersionTable(): PSHashtable {
  const h = new PSHashtable();
  h.set('PSVersion', version('5.1.20348.2849'));
  h.set('PSEdition', 'Desktop');
  h.set('PSCompatibleVersions', [version('1.0'), version('2.0'), version('3.0'), version('4.0'), version('5.0'), version('5.1.20348.2849')]);
  h.set('BuildVersion', version('10.0.20348.2849'));
  h.set('CLRVersion', version('4.0.30319.42000'));
  h.set('WSManStackVersion', version('3.0'));
  h.set('PSRemotingProtocolVersion', version('2.3'));
  h.set('SerializationVersion', version('1.1.0.1'));
  return h;
}

export function automaticVariable(interp: Interpreter, name: string): unknown {
  const vm = interp.host.vm;
  switch (name) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'null':
      return null;
    case '?':
      return interp.session.lastSuccess;
    case 'error':
      return interp.session.errors;
    case 'matches':
      return interp.session.matches;
    case 'psversiontable':
      return psVersionTable();
    case 'psedition':
      return 'Desktop';
    case 'home':
      return `C:\\Users\\${vm.adminUsername}`;
    case 'pwd': {
      const o = PSObject.from([['Path', `C:\\Users\\${vm.adminUsername}`]], ['System.Management.Automation.PathInfo', 'System.Object']);
      o.stringify = () => `C:\\Users\\${vm.adminUsername}`;
      return o;
    }
    case 'pshome':
      return 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0';
    case 'erroractionpreference':
      return 'Continue';
    case 'progresspreference':
    case 'warningpreference':
      return 'Continue';
    case 'verbosepreference':
    case 'debugpreference':
      return 'SilentlyContinue';
    case 'pid':
      return 4812;
    case 'lastexitcode':
      return null;
    case 'ofs':
      return null;
    case 'args':
      return [];
    case 'host': {
      const o = PSObject.from(
        [
          ['Name', 'ConsoleHost'],
          ['Version', version('5.1.20348.2849')],
          ['InstanceId', '5f1c8a2e-3b7d-4c1e-9a44-0d2b6f7e8c11'],
          ['UI', 'System.Management.Automation.Internal.Host.InternalHostUserInterface'],
          ['CurrentCulture', 'en-US'],
          ['CurrentUICulture', 'en-US'],
          ['PrivateData', 'Microsoft.PowerShell.ConsoleHost+ConsoleColorProxy'],
          ['DebuggerEnabled', true],
          ['IsRunspacePushed', false],
          ['Runspace', 'System.Management.Automation.Runspaces.LocalRunspace'],
        ],
        ['System.Management.Automation.Internal.Host.InternalHost', 'System.Object'],
      );
      return o;
    }
    default:
      return undefined;
  }
}
