/** The session behaves like a terminal on an Azure Ubuntu 22.04 VM. */
import fc from 'fast-check';
import { Bash } from 'just-bash';
import { describe, expect, test } from 'vitest';
import { createBashSession, type BashSessionOptions } from '../../../src/shells/bash';
import { fakeCloud, VM } from './fake-cloud';
import { newSession } from './session-helpers';

describe('state persists from one run to the next', () => {
  test.each([
    { what: 'a variable', setup: 'greeting=hello', check: 'echo "$greeting"', out: 'hello\n' },
    { what: 'an export (seen by env)', setup: 'export TOKEN_KIND=Bearer', check: 'env | grep ^TOKEN_KIND=', out: 'TOKEN_KIND=Bearer\n' },
    { what: 'an unexported variable stays out of env', setup: 'secret=1', check: 'env | grep -c ^secret=; echo $secret', out: '0\n1\n' },
    { what: 'an alias', setup: "alias ll='echo listing'", check: 'll /tmp', out: 'listing /tmp\n' },
    { what: 'a function', setup: 'greet() { echo "hi $1"; }', check: 'greet azure', out: 'hi azure\n' },
    { what: 'a function with a here-document', setup: 'show() {\ncat <<EOF\nbody $1\nEOF\n}', check: 'show x', out: 'body x\n' },
    { what: 'a function defined inside an if', setup: 'if true; then inner() { echo inner; }; fi', check: 'inner', out: 'inner\n' },
    { what: 'the working directory', setup: 'mkdir -p work && cd work', check: 'pwd', out: '/home/azureuser/work\n' },
    { what: 'OLDPWD for cd -', setup: 'cd /tmp', check: 'cd - >/dev/null; pwd', out: '/home/azureuser\n' },
    { what: 'a file', setup: 'echo data > note.txt', check: 'cat ~/note.txt', out: 'data\n' },
    { what: 'set -o pipefail', setup: 'set -o pipefail', check: 'false | true; echo $?', out: '1\n' },
    { what: '$? of the last command', setup: 'false', check: 'echo $?', out: '1\n' },
    { what: 'unset removes a variable', setup: 'v=1\nunset v', check: 'echo "[${v-unset}]"', out: '[unset]\n' },
    { what: 'unset -f removes a function', setup: 'f() { :; }\nunset -f f', check: 'type f >/dev/null 2>&1; echo $?', out: '1\n' },
    { what: 'an indexed array', setup: 'arr=(one "two words" three)', check: 'echo "${#arr[@]}|${arr[1]}|${arr[*]}"', out: '3|two words|one two words three\n' },
    { what: 'a sparse array with quotes and newlines', setup: `s[3]="it's"; s[9]=$'a\nb'; s[10]='q"t'`, check: 'echo "${!s[@]}"; printf "%s|" "${s[@]}"', out: '3 9 10\nit\'s|a\nb|q"t|' },
    { what: 'an appended array', setup: 'a=(1)\na+=(2 3)', check: 'echo "${a[@]}"', out: '1 2 3\n' },
    { what: 'an associative array', setup: "declare -A m; m['key one']='v w'; m[k2]=z", check: 'echo "${m[key one]}|${m[k2]}|${#m[@]}"', out: 'v w|z|2\n' },
    { what: 'unset removes an array', setup: 'gone=(1 2)\nunset gone', check: 'echo "[${gone[*]}]"', out: '[]\n' },
    { what: 'unalias removes an alias', setup: "alias a1='echo x'\nunalias a1", check: 'a1 2>&1', out: 'a1: command not found\n' },
  ])('$what', async ({ setup, check, out }) => {
    const { session } = newSession();
    await session.run(setup);
    expect((await session.run(check)).stdout).toBe(out);
  });

  test('any value assigned in one run reads back byte for byte in the next', async () => {
    const { session } = newSession();
    const quote = (v: string) => `'${v.replace(/'/g, "'\\''")}'`;
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.boolean(), async (value, exported) => {
        await session.run(`${exported ? 'export ' : ''}v=${quote(value)}`);
        expect((await session.run('printf %s "$v"')).stdout).toBe(value);
        expect((await session.run('printenv v >/dev/null; echo $?')).stdout).toBe(exported ? '0\n' : '1\n');
        await session.run('unset v');
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  test('state survives many runs and later redefinitions win', async () => {
    const { session } = newSession();
    await session.run('f() { echo one; }; n=1');
    await session.run('n=$((n+1))');
    await session.run('f() { echo two; }; n=$((n+1))');
    expect((await session.run('f; echo $n')).stdout).toBe('two\n3\n');
  });

  test('set -x traces the learner’s commands but never the session’s own bookkeeping', async () => {
    const { session } = newSession();
    expect((await session.run('set -x; echo a')).stderr).toBe('+ echo a\n');
    expect((await session.run('echo b')).stderr).toBe('+ echo b\n');
  });

  test('a run that ends with exit keeps the state from before that run (files stay)', async () => {
    const { session } = newSession();
    await session.run('kept=1');
    expect((await session.run('lost=1; echo x > f.txt; exit 3')).exitCode).toBe(3);
    expect((await session.run('echo "$kept-${lost-none}"; cat f.txt')).stdout).toBe('1-none\nx\n');
  });
});

describe('prompt', () => {
  test.each([
    { cmd: '', prompt: 'azureuser@myLinuxVM:~$ ' },
    { cmd: 'cd /tmp', prompt: 'azureuser@myLinuxVM:/tmp$ ' },
    { cmd: 'mkdir -p ~/a/b && cd ~/a/b', prompt: 'azureuser@myLinuxVM:~/a/b$ ' },
    { cmd: 'cd /', prompt: 'azureuser@myLinuxVM:/$ ' },
  ])('after "$cmd" → "$prompt"', async ({ cmd, prompt }) => {
    const { session } = newSession();
    await session.run(cmd);
    expect(session.prompt()).toBe(prompt);
  });

  test('names come from the VM facts', async () => {
    const session = createBashSession({ vm: { ...VM, computerName: 'web01', adminUsername: 'alice' }, fetch: fakeCloud().fetch });
    expect(session.prompt()).toBe('alice@web01:~$ ');
    expect((await session.run('whoami; hostname; echo $HOME; pwd')).stdout).toBe('alice\nweb01\n/home/alice\n/home/alice\n');
  });
});

describe('an Azure Ubuntu 22.04 VM', () => {
  test.each([
    { cmd: 'hostname', out: 'myLinuxVM\n' },
    { cmd: 'whoami', out: 'azureuser\n' },
    {
      cmd: 'id',
      out: 'uid=1000(azureuser) gid=1000(azureuser) groups=1000(azureuser),4(adm),20(dialout),24(cdrom),25(floppy),27(sudo),29(audio),30(dip),44(video),46(plugdev),118(netdev),119(lxd)\n',
    },
    { cmd: 'id -u; id -un; id -g', out: '1000\nazureuser\n1000\n' },
    { cmd: 'groups', out: 'azureuser adm dialout cdrom floppy sudo audio dip video plugdev netdev lxd\n' },
    { cmd: 'uname', out: 'Linux\n' },
    { cmd: 'uname -a', out: 'Linux myLinuxVM 6.8.0-1021-azure #25~22.04.1-Ubuntu SMP Thu Jan 16 21:37:09 UTC 2025 x86_64 x86_64 x86_64 GNU/Linux\n' },
    { cmd: 'uname -sr', out: 'Linux 6.8.0-1021-azure\n' },
    { cmd: 'grep -E "^(PRETTY_NAME|VERSION_ID|VERSION_CODENAME)=" /etc/os-release', out: 'PRETTY_NAME="Ubuntu 22.04.5 LTS"\nVERSION_ID="22.04"\nVERSION_CODENAME=jammy\n' },
    { cmd: 'echo $HOME $USER $SHELL $LOGNAME', out: '/home/azureuser azureuser /bin/bash azureuser\n' },
    { cmd: 'echo $PATH', out: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/games:/usr/local/games:/snap/bin\n' },
    { cmd: 'echo $HOSTNAME $UID', out: 'myLinuxVM 1000\n' },
    { cmd: 'cat /etc/hostname', out: 'myLinuxVM\n' },
    { cmd: 'env | grep -c -E "^(\\?|BASH_ALIAS|IFS|SHELLOPTS)" || true', out: '0\n' },
    { cmd: 'env | grep -E "^(HOME|USER|SHELL|LANG)=" | sort', out: 'HOME=/home/azureuser\nLANG=C.UTF-8\nSHELL=/bin/bash\nUSER=azureuser\n' },
    { cmd: 'printenv HOME', out: '/home/azureuser\n' },
    { cmd: "echo x > f; ls -l f | awk '{print $1, $3, $4, $NF}'", out: '-rw-r--r-- azureuser azureuser f\n' },
  ])('$cmd', async ({ cmd, out }) => {
    const { session } = newSession();
    expect(await session.run(cmd)).toMatchObject({ stdout: out, exitCode: 0 });
  });

  test.each([
    { cmd: 'date', out: 'Thu Jan 15 09:00:00 UTC 2026\n' },
    { cmd: 'date +%s', out: '1768467600\n' },
    { cmd: "date -u '+%Y-%m-%dT%H:%M:%SZ'", out: '2026-01-15T09:00:00Z\n' },
    { cmd: 'date -d @0 +%s', out: '0\n' },
    // A relative -d counts from the simulated now (just-bash's date cannot read it).
    { cmd: "date -u -d '+2 hours' '+%Y-%m-%dT%H:%M:%SZ'", out: '2026-01-15T11:00:00Z\n' },
    { cmd: "date --date='30 minutes ago' +%s", out: '1768465800\n' },
    { cmd: 'date -d tomorrow -u +%F', out: '2026-01-16\n' },
  ])('$cmd tells the world’s simulated time', async ({ cmd, out }) => {
    const { session } = newSession({}, { simulatedNow: () => Date.UTC(2026, 0, 15, 9, 0, 0) });
    expect((await session.run(cmd)).stdout).toBe(out);
  });

  test('/etc/os-release is Ubuntu 22.04 LTS’s file', async () => {
    const { session } = newSession();
    const r = await session.run('cat /etc/os-release');
    expect(r.stdout.split('\n')).toEqual([
      'PRETTY_NAME="Ubuntu 22.04.5 LTS"', 'NAME="Ubuntu"', 'VERSION_ID="22.04"', 'VERSION="22.04.5 LTS (Jammy Jellyfish)"',
      'VERSION_CODENAME=jammy', 'ID=ubuntu', 'ID_LIKE=debian', 'HOME_URL="https://www.ubuntu.com/"',
      'SUPPORT_URL="https://help.ubuntu.com/"', 'BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"',
      'PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"', 'UBUNTU_CODENAME=jammy', '',
    ]);
  });

  test.each([
    { cmd: 'foo', stderr: 'foo: command not found\n' },
    { cmd: 'foo --bar', stderr: 'foo: command not found\n' },
    { cmd: 'rg pattern', stderr: 'rg: command not found\n' },
    { cmd: 'apt install jq', stderr: 'apt: not available in this simulated VM (package installs are not simulated)\n' },
    { cmd: 'sudo ls', stderr: 'sudo: not available in this simulated VM (there is no root access here; IMDS and ARM need none)\n' },
    { cmd: 'az login --identity', stderr: 'az: not available in this simulated VM (the Azure CLI is not installed on this VM; call IMDS and ARM with curl)\n' },
    { cmd: 'systemctl status', stderr: 'systemctl: not available in this simulated VM (services are not simulated)\n' },
  ])('$cmd → 127 with a clear message', async ({ cmd, stderr }) => {
    const { session } = newSession();
    const r = await session.run(`${cmd}; echo "exit=$?"`);
    expect(r.stderr).toBe(stderr);
    expect(r.stdout.endsWith('exit=127\n')).toBe(true);
  });

  test('ls names a missing path the GNU way', async () => {
    const { session } = newSession();
    expect(await session.run('ls /nope')).toEqual({ stdout: '', stderr: "ls: cannot access '/nope': No such file or directory\n", exitCode: 2 });
  });

  test('the exit code of a missing command is 127', async () => {
    const { session } = newSession();
    expect(await session.run('nosuchcommand')).toEqual({ stdout: '', stderr: 'nosuchcommand: command not found\n', exitCode: 127 });
  });
});

describe('limits and bad input', () => {
  const limits = { cpuMs: 1500 };
  // The session's clock steps 1 ms on every read (session-helpers), so the CPU budget counts work, not
  // wall time: each case stops at the same point on an idle laptop and on a loaded 2-core CI machine.
  test.each([
    { name: 'an infinite loop', script: 'while true; do :; done', limit: 'cpu' },
    { name: 'an infinite loop doing work', script: 'i=0; while true; do i=$((i+1)); echo "$i" >> /tmp/log; done', limit: 'cpu' },
    { name: 'an endless printer', script: 'while :; do echo yes; done', limit: 'cpu' },
    { name: 'runaway recursion', script: 'f() { f; }; f', limit: 'recursion' },
    { name: 'fork-bomb-shaped recursion', script: ':(){ :|:; };:', limit: 'recursion' },
    { name: 'a string that doubles forever', script: 'x=a; while true; do x="$x$x"; done', limit: 'memory' },
  ])('$name stops with a clear message ($limit)', async ({ script, limit }) => {
    const { session } = newSession({}, { limits });
    const r = await session.run(script);
    expect(r.limitHit).toBe(limit);
    expect(r.stderr).toMatch(/this simulated VM stops runaway scripts/);
    expect(r.exitCode).not.toBe(0);
    // the session is still usable
    expect((await session.run('echo alive')).stdout).toBe('alive\n');
  });

  test('the CPU budget bills computation, not waiting: the same loop stops after the same work', async () => {
    const counts: number[] = [];
    for (let i = 0; i < 2; i++) {
      const { session } = newSession({}, { limits: { cpuMs: 200 } });
      const r = await session.run('i=0; while true; do i=$((i+1)); echo "$i" > /tmp/n; done');
      expect(r.limitHit).toBe('cpu');
      counts.push(Number((await session.run('cat /tmp/n')).stdout));
    }
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBe(counts[0]);
  });

  test('huge output is cut at the cap with a notice', async () => {
    const { session } = newSession({}, { limits: { outputBytes: 64 * 1024 } });
    const r = await session.run("printf '%*s' 300000 '' | tr ' ' 'a'");
    expect(r.truncated).toBe(true);
    expect(r.stdout.length).toBe(64 * 1024);
    expect(r.stderr).toMatch(/\[output truncated: \d+ KiB not shown; the terminal keeps 64 KiB per stream\]\n$/);
  });

  test('waiting is not computation: sleep and slow answers are not stopped by the CPU budget', async () => {
    const { session } = newSession({}, { limits: { cpuMs: 100 } });
    const r = await session.run('sleep 0.3; echo woke');
    expect(r).toMatchObject({ stdout: 'woke\n', exitCode: 0 });
  });

  test('coexists with other just-bash instances in the same process (one shared defense box)', async () => {
    const other = new Bash({});
    expect((await other.exec('echo other')).stdout).toBe('other\n');
    const { session } = newSession();
    expect(await session.run('sleep 0.05; curl -s -m 0.05 http://hang.test/; echo "exit=$?"')).toMatchObject({ stdout: 'exit=28\n' });
    expect((await other.exec('echo still')).stdout).toBe('still\n');
  });

  test('Ctrl+C (the abort signal) stops a sleeping or waiting run with exit 130', async () => {
    const { session } = newSession();
    for (const script of ['sleep 30; echo no', 'curl -s http://hang.test/; echo no']) {
      const ctrl = new AbortController();
      setTimeout(() => ctrl.abort(), 100);
      // Had the abort not worked, `echo no` would have run: the output proves the mechanism.
      const r = await session.run(script, { signal: ctrl.signal });
      expect(r).toMatchObject({ stdout: '', exitCode: 130 });
    }
  });

  test('an empty or blank run does nothing', async () => {
    const { session } = newSession();
    expect(await session.run('')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(await session.run('   \n\t')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(await session.run('# just a comment')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  test('a syntax error is reported by the shell and the session goes on', async () => {
    const { session } = newSession();
    await session.run('v=1');
    const r = await session.run('if then fi (');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^bash: syntax error/);
    expect((await session.run('echo $v')).stdout).toBe('1\n');
  });

  test('onOutput receives what the run printed', async () => {
    const { session } = newSession();
    const chunks: unknown[] = [];
    await session.run('echo out; echo err >&2', { onOutput: (c) => chunks.push(c) });
    expect(chunks).toEqual([{ stream: 'stdout', text: 'out\n' }, { stream: 'stderr', text: 'err\n' }]);
  });

  test('random printable input never throws out of run', async () => {
    const { session } = newSession({}, { limits: { cpuMs: 200, wallMs: 3000 } });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 30 })), async (input) => {
        const r = await session.run(input);
        expect(Number.isInteger(r.exitCode)).toBe(true);
        expect(typeof r.stdout).toBe('string');
        expect(typeof r.stderr).toBe('string');
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  test.each([
    { name: 'no options', opts: undefined, error: /options are required/ },
    { name: 'no fetch', opts: { vm: VM }, error: /`fetch` must be a function/ },
    { name: 'no vm', opts: { fetch: fakeCloud().fetch }, error: /`vm` facts are required/ },
    { name: 'empty computerName', opts: { vm: { ...VM, computerName: '' }, fetch: fakeCloud().fetch }, error: /vm\.computerName must be a non-empty string/ },
    { name: 'bad user name', opts: { vm: { ...VM, adminUsername: 'Bad User' }, fetch: fakeCloud().fetch }, error: /not a valid Linux user name/ },
    { name: 'bad host name', opts: { vm: { ...VM, computerName: 'my vm' }, fetch: fakeCloud().fetch }, error: /not a valid host name/ },
  ])('createBashSession rejects $name with a specific error', ({ opts, error }) => {
    expect(() => createBashSession(opts as unknown as BashSessionOptions)).toThrow(error);
  });

  test('run rejects a non-string script with a TypeError', async () => {
    const { session } = newSession();
    await expect(session.run(42 as unknown as string)).rejects.toThrow(/script must be a string/);
  });
});

describe('snapshot and restore', () => {
  test('a restored session continues where the old one was (state and files), through JSON', async () => {
    const { session } = newSession();
    await session.run(
      "export K=v; plain='a b'; arr=(p 'q r'); alias ll='echo ll'; f() { echo \"f:$1\"; }; set -o pipefail; mkdir -p ~/w && cd ~/w && printf 'x\\ny' > data.txt; rm ~/.bash_logout",
    );
    const snap = JSON.parse(JSON.stringify(await session.snapshot()));
    const { session: fresh } = newSession();
    await fresh.restore(snap);
    expect(fresh.prompt()).toBe('azureuser@myLinuxVM:~/w$ ');
    const r = await fresh.run('echo "$K|$plain|${arr[1]}"; env | grep -c ^K=; env | grep -c ^plain=; ll; f 1; cat data.txt; echo; ls -a ~ | grep -c bash_logout; set -o | grep pipefail');
    expect(r.stdout).toBe('v|a b|q r\n1\n0\nll\nf:1\nx\ny\n0\npipefail        on\n');
  });

  test.each([
    { name: 'null', snap: null, error: /not an object/ },
    { name: 'wrong version', snap: { version: 2 }, error: /unsupported version 2/ },
    { name: 'relative cwd', snap: { version: 1, cwd: 'home' }, error: /cwd must be an absolute path/ },
  ])('restore rejects $name with a specific error', async ({ snap, error }) => {
    const { session } = newSession();
    await expect(session.restore(snap as never)).rejects.toThrow(error);
  });
});
