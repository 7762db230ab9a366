/**
 * `hostname`, `whoami`, `id`, `groups` and `uname` as the VM's admin user sees them. Outputs and
 * error texts follow GNU coreutils 8.32 and hostname 3.23 on Ubuntu 22.04.
 */
import { defineCommand, type Command } from 'just-bash';
import type { VmFacts } from '../types';
import { ADMIN_GROUPS, ADMIN_UID, KERNEL } from '../vm-image';

const ok = (stdout: string) => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode = 1) => ({ stdout: '', stderr, exitCode });

/** The private address Azure's default VNet (10.0.0.0/24) gives the first VM. */
export const PRIVATE_IP = '10.0.0.4';

export function hostnameCommand(vm: VmFacts): Command {
  return defineCommand('hostname', async (args) => {
    const flags = args.filter((a) => a.startsWith('-'));
    const names = args.filter((a) => !a.startsWith('-'));
    if (names.length > 0) return fail('hostname: you must be root to change the host name\n');
    if (flags.includes('-I') || flags.includes('--all-ip-addresses')) return ok(`${PRIVATE_IP} \n`);
    if (flags.includes('-i') || flags.includes('--ip-address')) return ok(`${PRIVATE_IP}\n`);
    return ok(`${vm.computerName}\n`);
  });
}

export function whoamiCommand(vm: VmFacts): Command {
  return defineCommand('whoami', async (args) => {
    if (args.length > 0) return fail(`whoami: extra operand ‘${args[0]}’\nTry 'whoami --help' for more information.\n`);
    return ok(`${vm.adminUsername}\n`);
  });
}

interface Account {
  name: string;
  uid: number;
  groups: ReadonlyArray<readonly [number, string]>;
}

function accounts(vm: VmFacts): Account[] {
  return [
    { name: vm.adminUsername, uid: ADMIN_UID, groups: [[ADMIN_UID, vm.adminUsername], ...ADMIN_GROUPS] },
    { name: 'root', uid: 0, groups: [[0, 'root']] },
  ];
}

export function idCommand(vm: VmFacts): Command {
  return defineCommand('id', async (args) => {
    const flags = args.filter((a) => a.startsWith('-')).join('').replace(/-/g, '');
    const who = args.find((a) => !a.startsWith('-'));
    const account = who === undefined ? accounts(vm)[0] : accounts(vm).find((a) => a.name === who);
    if (!account) return fail(`id: ‘${who}’: no such user\n`);
    const [primaryGid, primaryName] = account.groups[0] as readonly [number, string];
    const byName = flags.includes('n');
    if (flags.includes('u')) return ok(`${byName ? account.name : account.uid}\n`);
    if (flags.includes('g') && !flags.includes('G')) return ok(`${byName ? primaryName : primaryGid}\n`);
    if (flags.includes('G')) return ok(`${account.groups.map(([gid, name]) => (byName ? name : gid)).join(' ')}\n`);
    const groups = account.groups.map(([gid, name]) => `${gid}(${name})`).join(',');
    return ok(`uid=${account.uid}(${account.name}) gid=${primaryGid}(${primaryName}) groups=${groups}\n`);
  });
}

export function groupsCommand(vm: VmFacts): Command {
  return defineCommand('groups', async () => ok(`${[vm.adminUsername, ...ADMIN_GROUPS.map(([, n]) => n)].join(' ')}\n`));
}

const unameFields = [
  ['s', '--kernel-name'],
  ['n', '--nodename'],
  ['r', '--kernel-release'],
  ['v', '--kernel-version'],
  ['m', '--machine'],
  ['p', '--processor'],
  ['i', '--hardware-platform'],
  ['o', '--operating-system'],
] as const;

export function unameCommand(vm: VmFacts): Command {
  return defineCommand('uname', async (args) => {
    const wanted = new Set<string>();
    for (const arg of args) {
      if (arg === '-a' || arg === '--all') unameFields.forEach(([f]) => wanted.add(f));
      else if (arg.startsWith('--')) {
        const field = unameFields.find(([, long]) => long === arg);
        if (!field) return fail(`uname: unrecognized option '${arg}'\nTry 'uname --help' for more information.\n`);
        wanted.add(field[0]);
      } else if (arg.startsWith('-') && arg.length > 1) {
        for (const letter of arg.slice(1)) {
          if (letter === 'a') unameFields.forEach(([f]) => wanted.add(f));
          else if (unameFields.some(([f]) => f === letter)) wanted.add(letter);
          else return fail(`uname: invalid option -- '${letter}'\nTry 'uname --help' for more information.\n`);
        }
      } else {
        return fail(`uname: extra operand ‘${arg}’\nTry 'uname --help' for more information.\n`);
      }
    }
    if (wanted.size === 0) wanted.add('s');
    const values: Record<string, string> = {
      s: KERNEL.name, n: vm.computerName, r: KERNEL.release, v: KERNEL.version,
      m: KERNEL.machine, p: KERNEL.machine, i: KERNEL.machine, o: KERNEL.os,
    };
    return ok(`${unameFields.filter(([f]) => wanted.has(f)).map(([f]) => values[f]).join(' ')}\n`);
  });
}
