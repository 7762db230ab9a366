/** Host and system cmdlets: Get-Date, Clear-Host, Get-Location, Start-Sleep, and the hostname/whoami programs. */
import { toNumber, toPsString } from '../../runtime/conversions';
import { formatDate } from '../../runtime/members';
import { castTo } from '../../runtime/types';
import { PSDate, PSObject } from '../../runtime/values';
import { arg, type CmdletDef, type CommandHost } from '../../engine/cmdlet';
import { LimitExceeded } from '../../engine/run-limits';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Get-Date -UFormat (Unix strftime-style). 5.1's %s includes a fraction of a second. */
function uformat(d: Date, f: string): string {
  return f.replace(/%([a-zA-Z%])/g, (_m, c: string) => {
    switch (c) {
      case 's':
        return (d.getTime() / 1000).toFixed(5);
      case 'Y':
        return String(d.getUTCFullYear());
      case 'y':
        return pad(d.getUTCFullYear() % 100);
      case 'm':
        return pad(d.getUTCMonth() + 1);
      case 'd':
        return pad(d.getUTCDate());
      case 'H':
        return pad(d.getUTCHours());
      case 'M':
        return pad(d.getUTCMinutes());
      case 'S':
        return pad(d.getUTCSeconds());
      case 'Z':
        return '+00';
      case '%':
        return '%';
      default:
        return formatDate(d, { a: 'ddd', A: 'dddd', b: 'MMM', B: 'MMMM', p: 'tt' }[c] ?? c);
    }
  });
}

export const getDate: CmdletDef = {
  name: 'Get-Date',
  className: 'Microsoft.PowerShell.Commands.GetDateCommand',
  synopsis: 'Gets the current date and time.',
  params: [
    { name: 'Date', type: 'object', position: 0 },
    { name: 'Format', type: 'string' },
    { name: 'UFormat', type: 'string' },
    { name: 'Year', type: 'int' },
    { name: 'Month', type: 'int' },
    { name: 'Day', type: 'int' },
    { name: 'Hour', type: 'int' },
    { name: 'Minute', type: 'int' },
    { name: 'Second', type: 'int' },
  ],
  async run(call) {
    const given = call.bound.get('date') ?? call.input?.[0];
    let d = given === undefined ? call.host.now() : (castTo('System.DateTime', given instanceof PSDate ? given : toPsString(given)) as PSDate).date;
    const parts: [string, (x: Date, v: number) => void][] = [
      ['year', (x, v) => x.setUTCFullYear(v)],
      ['month', (x, v) => x.setUTCMonth(v - 1)],
      ['day', (x, v) => x.setUTCDate(v)],
      ['hour', (x, v) => x.setUTCHours(v)],
      ['minute', (x, v) => x.setUTCMinutes(v)],
      ['second', (x, v) => x.setUTCSeconds(v)],
    ];
    for (const [name, apply] of parts) {
      const v = call.bound.get(name);
      if (v !== undefined) {
        d = new Date(d.getTime());
        apply(d, toNumber(v));
      }
    }
    const format = arg<string>(call, 'Format');
    if (format !== undefined) return [formatDate(d, format)];
    const uf = arg<string>(call, 'UFormat');
    if (uf !== undefined) return [uformat(d, uf)];
    return [new PSDate(d)];
  },
};

export const clearHost: CmdletDef = {
  name: 'Clear-Host',
  aliases: ['cls', 'clear'],
  className: 'Microsoft.PowerShell.Commands.ClearHostCommand',
  synopsis: 'Clears the display in the host program.',
  params: [],
  async run(call) {
    call.host.clearHost();
    return [];
  },
};

export const getLocation: CmdletDef = {
  name: 'Get-Location',
  aliases: ['pwd', 'gl'],
  className: 'Microsoft.PowerShell.Commands.GetLocationCommand',
  synopsis: 'Gets information about the current working location.',
  params: [],
  async run(call) {
    const path = `C:\\Users\\${call.host.vm.adminUsername}`;
    const o = PSObject.from([['Path', path]], ['System.Management.Automation.PathInfo', 'System.Object']);
    o.stringify = () => path;
    return [o];
  },
};

export const startSleep: CmdletDef = {
  name: 'Start-Sleep',
  aliases: ['sleep'],
  className: 'Microsoft.PowerShell.Commands.StartSleepCommand',
  synopsis: 'Suspends the activity in a script or session for the specified period of time.',
  params: [
    { name: 'Seconds', type: 'int', position: 0, aliases: ['s'] },
    { name: 'Milliseconds', type: 'int', aliases: ['ms'] },
  ],
  async run(call) {
    const ms = (arg<number>(call, 'Seconds') ?? 0) * 1000 + (arg<number>(call, 'Milliseconds') ?? 0);
    const limits = call.limits;
    if (call.host.sleep) {
      // Simulated time passes at once: no real wait, so the script's time limit is not spent.
      if (ms > 0) await call.host.sleep(ms);
      limits.check();
      return [];
    }
    const wait = Math.min(ms, limits.remaining() + 1);
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, wait);
      limits.signal?.addEventListener('abort', () => {
        clearTimeout(t);
        resolve();
      });
    });
    limits.check();
    if (wait < ms) throw new LimitExceeded('time');
    return [];
  },
};

/** Native programs that exist on the VM and are simulated: they write straight to the console. */
export const NATIVE_COMMANDS: Record<string, (host: CommandHost) => string> = {
  hostname: (h) => `${h.vm.computerName}\n`,
  'hostname.exe': (h) => `${h.vm.computerName}\n`,
  // whoami prints the machine and user in lower case, whatever case the VM was created with.
  whoami: (h) => `${h.vm.computerName.toLowerCase()}\\${h.vm.adminUsername.toLowerCase()}\n`,
  'whoami.exe': (h) => `${h.vm.computerName.toLowerCase()}\\${h.vm.adminUsername.toLowerCase()}\n`,
};
