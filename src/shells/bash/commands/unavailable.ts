/**
 * Programs a real Ubuntu 22.04 Azure VM has that this sandbox does not simulate. Each answers with
 * what to do instead, and exit 127 like a missing command, so scripts branch the same way.
 */
import { defineCommand, type Command } from 'just-bash';

const reasons: Record<string, string> = {
  apt: 'package installs are not simulated',
  'apt-get': 'package installs are not simulated',
  'apt-cache': 'package installs are not simulated',
  dpkg: 'package installs are not simulated',
  snap: 'package installs are not simulated',
  sudo: 'there is no root access here; IMDS and ARM need none',
  su: 'there is no root access here; IMDS and ARM need none',
  systemctl: 'services are not simulated',
  service: 'services are not simulated',
  journalctl: 'system logs are not simulated',
  az: 'the Azure CLI is not installed on this VM; call IMDS and ARM with curl',
  python3: 'interpreters are not simulated; use curl, jq and bash',
  perl: 'interpreters are not simulated; use curl, jq and bash',
  wget: 'use curl, which is simulated',
  ssh: 'connections to other machines are not simulated',
  scp: 'connections to other machines are not simulated',
  sftp: 'connections to other machines are not simulated',
  ping: 'ICMP is not simulated; try curl',
  nc: 'raw sockets are not simulated; try curl',
  telnet: 'raw sockets are not simulated; try curl',
  dig: 'DNS lookups are not simulated',
  nslookup: 'DNS lookups are not simulated',
  host: 'DNS lookups are not simulated',
  ip: 'network configuration is not simulated',
  ss: 'network configuration is not simulated',
  openssl: 'cryptography tools are not simulated; decode tokens with cut and base64 -d',
  git: 'source control is not simulated',
  vi: 'editors are not simulated; use the editor panel, or cat with a here-document',
  vim: 'editors are not simulated; use the editor panel, or cat with a here-document',
  nano: 'editors are not simulated; use the editor panel, or cat with a here-document',
  less: 'pagers are not simulated; the terminal scrolls',
  more: 'pagers are not simulated; the terminal scrolls',
  man: 'manual pages are not installed',
  top: 'processes are not simulated',
  ps: 'processes are not simulated',
  kill: 'processes are not simulated',
  free: 'system resources are not simulated',
  df: 'disks are not simulated',
  mount: 'disks are not simulated',
  lsblk: 'disks are not simulated',
  reboot: 'power management is not simulated',
  shutdown: 'power management is not simulated',
  crontab: 'scheduled jobs are not simulated',
  waagent: 'the Azure Linux agent is not simulated',
  'cloud-init': 'cloud-init is not simulated',
  passwd: 'user management is not simulated',
  useradd: 'user management is not simulated',
  chown: 'file ownership is not simulated',
};

/**
 * The start page's editor runs on a stand-in VM with no cloud behind it; there even the Azure CLI
 * (on every other VM a module that replaces this entry) says why it is missing.
 */
const STAND_IN_REASONS: Record<string, string> = {
  az: 'this editor runs on a stand-in VM with no Azure behind it; open a lesson or the sandbox to use the Azure CLI',
};

export function unavailableCommands(options: { standIn?: boolean } = {}): Command[] {
  const table = options.standIn ? { ...reasons, ...STAND_IN_REASONS } : reasons;
  return Object.entries(table).map(([name, why]) =>
    defineCommand(name, async () => ({
      stdout: '',
      stderr: `${name}: not available in this simulated VM (${why})\n`,
      exitCode: 127,
    })),
  );
}
