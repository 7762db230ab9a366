#!/usr/bin/env node
// `npm run test:clients`: issue 16's acceptance with real clients, each configured by environment
// variables only (test/conformance/client-env.mjs) against the emulator in proxy mode:
//   - the Node program test/conformance/clients/node-sdks.mjs (npm's Azure SDKs);
//   - the Python program test/conformance/clients/python_sdks.py on Debian's python3-azure;
//   - Debian's Azure CLI: az login --identity, az group show, az rest (Key Vault), az storage blob download.
// As root with `unshare` available, everything runs in a fresh network namespace that has only a
// loopback interface, which proves nothing reaches any network (set MI_CLIENTS_NO_NETNS=1 to skip).
// Prints one line per check and a closing "N passed, N failed"; exits 1 when any failed.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEmulator, root } from './lib/load-emulator.mjs';

const INSIDE = 'MI_CLIENTS_IN_NETNS';

function reexecInNamespace() {
  if (process.env[INSIDE] || process.env.MI_CLIENTS_NO_NETNS || process.getuid?.() !== 0) return false;
  if (spawnSync('unshare', ['-n', 'true']).status !== 0) return false;
  const script = `ip link set lo up && exec "${process.execPath}" "${process.argv[1]}"`;
  const r = spawnSync('unshare', ['-n', 'sh', '-c', script], { stdio: 'inherit', env: { ...process.env, [INSIDE]: '1' } });
  process.exit(r.status ?? 1);
}
reexecInNamespace();

const results = [];
const record = (name, ok, detail = '') => {
  results.push({ name, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `\n     ${detail.replace(/\n/g, '\n     ')}` : ''}`);
};

/** Runs a command with a clean environment and a time bound; resolves with its exit code and output. */
function run(cmd, args, env, timeoutMs = 120_000) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: String(e) });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const lastJson = (text) => {
  try {
    return JSON.parse(text.trim().split('\n').at(-1) ?? '');
  } catch {
    return null;
  }
};

if (process.env[INSIDE]) {
  const links = spawnSync('ip', ['-o', 'link'], { encoding: 'utf8' }).stdout.trim().split('\n');
  const onlyLo = links.length === 1 && / lo: /.test(links[0] ?? '');
  record('network namespace has only loopback', onlyLo, onlyLo ? '' : links.join('\n'));
} else {
  console.log('note: not in a loopback-only network namespace (needs root and unshare); the proxy still refuses every other host');
}

const { startEmulator } = await loadEmulator();
const { setupWorld } = await import('../test/conformance/setup-world.mjs');
const { clientEnv } = await import('../test/conformance/client-env.mjs');
const caDir = mkdtempSync(join(tmpdir(), 'mi-ca-'));
const azDir = mkdtempSync(join(tmpdir(), 'mi-az-'));
const notes = [];
const emu = await startEmulator({ proxy: true, port: 0, caDir, note: (l) => notes.push(l) });

try {
  const inputs = await setupWorld(emu);
  const env = clientEnv(emu, inputs);

  // Node: the same program the vitest run uses.
  {
    const r = await run(process.execPath, ['test/conformance/clients/node-sdks.mjs'], env);
    const json = lastJson(r.stdout);
    record('node: @azure/identity, arm-resources, storage-blob, keyvault-secrets', r.code === 0 && json?.ok === true && json.download?.sameBytes && json.secret?.value === 'p@ssw0rd!', r.code === 0 ? '' : r.stdout + r.stderr);
  }

  // Python: Debian's python3-azure.
  {
    const python = '/usr/bin/python3';
    const probe = await run(python, ['-c', 'import azure.identity, azure.mgmt.resource, azure.storage.blob, azure.keyvault.secrets'], env);
    if (probe.code !== 0) {
      record('python: Debian python3-azure present', false, `${probe.stderr.trim().split('\n').at(-1)}\n(apt-get install python3-azure)`);
    } else {
      const r = await run(python, ['test/conformance/clients/python_sdks.py'], env);
      const json = lastJson(r.stdout);
      const ok = r.code === 0 && json?.ok === true && json.download?.sameBytes && json.ranged?.sameBytes && json.emptyDownload === 0 && json.secret?.value === 'p@ssw0rd!';
      record('python: azure-identity, azure-mgmt-resource, azure-storage-blob, azure-keyvault-secrets', ok, ok ? '' : r.stdout + r.stderr);
    }
  }

  // Azure CLI: Debian's az, its own config folder.
  {
    const azEnv = { ...env, AZURE_CONFIG_DIR: azDir };
    const az = (...args) => run('az', args, azEnv);
    const login = await az('login', '--identity', '-o', 'json');
    const subs = lastJsonArray(login.stdout);
    record('az login --identity', login.code === 0 && subs?.[0]?.id === inputs.AZURE_SUBSCRIPTION_ID && subs[0].user?.assignedIdentityInfo === 'MSI', login.code === 0 ? '' : login.stderr);
    const group = await az('group', 'show', '-n', inputs.RESOURCE_GROUP, '-o', 'json');
    record('az group show', group.code === 0 && lastJsonArray(group.stdout)?.name === inputs.RESOURCE_GROUP, group.code === 0 ? '' : group.stderr);
    // Debian's az 2.45 lacks azure.keyvault.v7_0, which `az keyvault secret show` loads; az rest reads the secret instead.
    const secret = await az('rest', '--resource', 'https://vault.azure.net', '--url', `https://${inputs.KEY_VAULT}.vault.azure.net/secrets/mySecret?api-version=7.4`, '-o', 'json');
    record('az rest --resource https://vault.azure.net (Key Vault secret)', secret.code === 0 && lastJsonArray(secret.stdout)?.value === 'p@ssw0rd!', secret.code === 0 ? '' : secret.stderr);
    const file = join(azDir, 'hello.txt');
    const dl = await az('storage', 'blob', 'download', '--auth-mode', 'login', '--account-name', inputs.STORAGE_ACCOUNT, '-c', inputs.CONTAINER, '-n', 'hello.txt', '-f', file, '-o', 'none');
    let content = '';
    try {
      content = readFileSync(file, 'utf8');
    } catch {}
    const downloaded = dl.code === 0 && content === 'Hello world! :)';
    record('az storage blob download --auth-mode login', downloaded, downloaded ? '' : `${dl.stderr}\ncontent: ${JSON.stringify(content)}`);
  }
} catch (e) {
  record('emulator setup', false, String(e?.stack ?? e));
} finally {
  await emu.close();
  rmSync(caDir, { recursive: true, force: true });
  rmSync(azDir, { recursive: true, force: true });
}

const refused = notes.filter((n) => n.startsWith('refused'));
if (refused.length) console.log(`hosts the clients tried and the proxy refused (nothing was sent):\n  ${refused.join('\n  ')}`);
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

/** az prints pretty JSON over several lines. */
function lastJsonArray(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
