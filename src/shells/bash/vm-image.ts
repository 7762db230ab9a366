/**
 * What an Azure Ubuntu 22.04 LTS VM looks like from its admin user's SSH session: files, login
 * environment, and the identity facts `id`, `uname` and `hostname` report.
 */
import type { VmFacts } from './types';

export const OS_RELEASE = `PRETTY_NAME="Ubuntu 22.04.5 LTS"
NAME="Ubuntu"
VERSION_ID="22.04"
VERSION="22.04.5 LTS (Jammy Jellyfish)"
VERSION_CODENAME=jammy
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=jammy
`;

const LSB_RELEASE = `DISTRIB_ID=Ubuntu
DISTRIB_RELEASE=22.04
DISTRIB_CODENAME=jammy
DISTRIB_DESCRIPTION="Ubuntu 22.04.5 LTS"
`;

/** Kernel of a current Azure-tuned 22.04 image (linux-azure HWE). Build string is plausible, not captured. */
export const KERNEL = {
  name: 'Linux',
  release: '6.8.0-1021-azure',
  version: '#25~22.04.1-Ubuntu SMP Thu Jan 16 21:37:09 UTC 2025',
  machine: 'x86_64',
  os: 'GNU/Linux',
};

/**
 * Groups cloud-init gives the default user on Ubuntu cloud images. The gids of netdev and lxd are
 * assigned at image build time; 118/119 are what current 22.04 Azure images show.
 */
export const ADMIN_GROUPS: ReadonlyArray<readonly [number, string]> = [
  [4, 'adm'], [20, 'dialout'], [24, 'cdrom'], [25, 'floppy'], [27, 'sudo'], [29, 'audio'],
  [30, 'dip'], [44, 'video'], [46, 'plugdev'], [118, 'netdev'], [119, 'lxd'],
];

export const ADMIN_UID = 1000;

export function homeOf(vm: VmFacts): string {
  return `/home/${vm.adminUsername}`;
}

/** The environment of an SSH login shell on the image (`env` shows the exported part). */
export function loginEnvironment(vm: VmFacts, image: 'ubuntu' | 'cloudShell' = 'ubuntu'): Record<string, string> {
  return {
    ...(image === 'cloudShell' ? CLOUD_SHELL_ENVIRONMENT : {}),
    SHELL: '/bin/bash',
    PWD: homeOf(vm),
    LOGNAME: vm.adminUsername,
    XDG_SESSION_TYPE: 'tty',
    HOME: homeOf(vm),
    LANG: 'C.UTF-8',
    USER: vm.adminUsername,
    SHLVL: '1',
    XDG_SESSION_ID: '1',
    XDG_RUNTIME_DIR: `/run/user/${ADMIN_UID}`,
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/games:/usr/local/games:/snap/bin',
    TERM: 'xterm-256color',
  };
}

/** Shell variables bash sets but does not export. */
export function shellVariables(vm: VmFacts): Record<string, string> {
  return { HOSTNAME: vm.computerName, UID: String(ADMIN_UID), EUID: String(ADMIN_UID) };
}

/** Empty directories of the image that learners write to. */
export const IMAGE_DIRECTORIES = ['/tmp', '/var/tmp'];

export function imageFiles(vm: VmFacts): Record<string, string> {
  const user = vm.adminUsername;
  return {
    '/etc/os-release': OS_RELEASE,
    '/usr/lib/os-release': OS_RELEASE,
    '/etc/lsb-release': LSB_RELEASE,
    '/etc/hostname': `${vm.computerName}\n`,
    '/etc/hosts': `127.0.0.1 localhost\n\n# The following lines are desirable for IPv6 capable hosts\n::1 ip6-localhost ip6-loopback\nfe00::0 ip6-localnet\nff00::0 ip6-mcastprefix\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\nff02::3 ip6-allhosts\n`,
    '/etc/passwd': `root:x:0:0:root:/root:/bin/bash\n${user}:x:${ADMIN_UID}:${ADMIN_UID}:Ubuntu:/home/${user}:/bin/bash\n`,
    [`/home/${user}/.bash_logout`]: '# ~/.bash_logout: executed by bash(1) when login shell exits.\n',
  };
}

/** bash's default PS1 on Ubuntu (`\u@\h:\w\$ `): `~` stands for the home directory. */
export function promptFor(vm: VmFacts, cwd: string, image: 'ubuntu' | 'cloudShell' = 'ubuntu'): string {
  const home = homeOf(vm);
  if (image === 'cloudShell') {
    // Cloud Shell's bash: PS1='\u [ \W ]\$ ' (the user's alias, the working directory's last part)
    const base = cwd === home ? '~' : cwd === '/' ? '/' : cwd.slice(cwd.lastIndexOf('/') + 1);
    return `${vm.adminUsername} [ ${base} ]$ `;
  }
  const dir = cwd === home ? '~' : cwd.startsWith(`${home}/`) ? `~${cwd.slice(home.length)}` : cwd;
  return `${vm.adminUsername}@${vm.computerName}:${dir}$ `;
}

/**
 * What Cloud Shell's container exports beyond a login shell's basics: the variables that tell the
 * Azure CLI and Azure PowerShell they run in Cloud Shell (`ACC_CLOUD`, azure-cli-core util.py
 * `in_cloud_console`; `AZUREPS_HOST_ENVIRONMENT`, msal/cloudshell.py), the token endpoint
 * (`MSI_ENDPOINT`) and the user agent suffix the CLI appends (`AZURE_HTTP_USER_AGENT`).
 */
export const CLOUD_SHELL_ENVIRONMENT: Record<string, string> = {
  ACC_CLOUD: 'PROD',
  AZUREPS_HOST_ENVIRONMENT: 'cloud-shell/1.0',
  AZURE_HTTP_USER_AGENT: 'cloud-shell/1.0',
  MSI_ENDPOINT: 'http://localhost:50342/oauth2/token',
};
