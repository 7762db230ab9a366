#!/usr/bin/env node
// `npm run emulator [-- --proxy | --https] [--port 7170] [--preset quickstart] [--json]`: serves the
// simulated IMDS, ARM, Key Vault and Storage on 127.0.0.1 (see docs/EMULATOR.md): one port per
// service, or (--proxy) one proxy port that unmodified clients use through HTTP(S)_PROXY.
import { loadEmulator } from './lib/load-emulator.mjs';

const started = performance.now();

const USAGE = `Usage: npm run emulator -- [options]
  --proxy              one proxy port for unmodified clients (HTTP_PROXY/HTTPS_PROXY + the local CA)
  --https              per-port mode over TLS (certificates from the local CA)
  --port <n>           proxy port, or the first of four per-service ports (default 7170; 0 = any free)
  --preset <name>      quickstart (default) | empty | user-assigned | data
  --ca-dir <dir>       where the local CA lives (default $MI_SANDBOX_CA_DIR or ~/.config/mi-sandbox/emulator-ca)
  --max-request-mb <n> largest Storage request body held in memory (default 1024)
  --json               print one JSON line with the URLs instead of the text`;

function parseArgs(argv) {
  const opts = { port: 7170, preset: 'quickstart', json: false, proxy: false, https: false, caDir: undefined, maxRequestMb: 1024 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      return v;
    };
    if (a === '--json') opts.json = true;
    else if (a === '--proxy') opts.proxy = true;
    else if (a === '--https') opts.https = true;
    else if (a === '--port') opts.port = Number(value());
    else if (a === '--preset') opts.preset = value();
    else if (a === '--ca-dir') opts.caDir = value();
    else if (a === '--max-request-mb') opts.maxRequestMb = Number(value());
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown option ${a}`);
  }
  if (opts.proxy && opts.https) fail('--proxy and --https are two different modes; pick one (the proxy always speaks TLS to clients inside its tunnels)');
  const top = opts.proxy ? 65535 : 65532;
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > top) fail(`--port must be an integer from 0 to ${top}, got ${opts.port}`);
  if (!Number.isFinite(opts.maxRequestMb) || opts.maxRequestMb < 1 || opts.maxRequestMb > 5000) fail(`--max-request-mb must be a number from 1 to 5000 (Storage's own Put Blob limit), got ${opts.maxRequestMb}`);
  return opts;
}

function fail(message) {
  console.error(`emulator: ${message}`);
  process.exit(2);
}

const opts = parseArgs(process.argv.slice(2));
let emulator;
try {
  const { startEmulator } = await loadEmulator();
  emulator = await startEmulator({
    port: opts.port,
    preset: opts.preset,
    proxy: opts.proxy,
    https: opts.https,
    ...(opts.caDir ? { caDir: opts.caDir } : {}),
    storageBodyLimit: Math.floor(opts.maxRequestMb * 1024 * 1024),
  });
} catch (e) {
  fail(e?.code === 'EADDRINUSE' ? `port ${e.port ?? opts.port} is in use; pick another with --port` : e?.message ?? String(e));
}

const { urls, host } = emulator;
const vm = host.currentVm();
const vmName = vm ? Object.values(host.world.data.virtualMachines).find((v) => v.properties.vmId === vm)?.name : null;
const ms = Math.round(performance.now() - started);
const answersAs = `IMDS answers as ${vmName ? `VM '${vmName}' (${vm})` : 'no VM (the world has none)'}.`;
if (opts.json) {
  console.log(
    JSON.stringify({
      mode: emulator.mode,
      ...(emulator.mode === 'ports' ? urls : {}),
      ...(emulator.proxy ? { proxy: emulator.proxy } : {}),
      control: emulator.control,
      ...(emulator.ca ? { caCertPath: emulator.ca.certPath, caBundlePath: emulator.ca.bundlePath } : {}),
      preset: opts.preset,
      vm: vmName ?? null,
    }),
  );
} else if (emulator.mode === 'proxy') {
  const { proxy, ca } = emulator;
  console.log(`mi-sandbox emulator (proxy mode), preset '${opts.preset}', loopback only (started in ${ms} ms)
  proxy        ${proxy}    control API: ${emulator.control}
  local CA     ${ca.certPath}${ca.created ? '   (created now)' : ''}
${answersAs} Clients reach IMDS, ARM, Key Vault and Storage under their real names; any other host
is refused and nothing leaves this machine. Ctrl+C stops.

Paste into the shell that runs your program, script or az:

${envLines(proxy, ca).join('\n')}`);
} else {
  const scheme = opts.https ? ' over HTTPS' : '';
  console.log(`mi-sandbox emulator${scheme}, preset '${opts.preset}', loopback only (started in ${ms} ms)
  IMDS       ${urls.imds}          control API: ${emulator.control}
  ARM        ${urls.arm}
  Key Vault  ${urls.keyvault}/<vault name>
  Storage    ${urls.storage}/<account name>${emulator.ca ? `\n  local CA   ${emulator.ca.certPath}` : ''}
${answersAs} Ctrl+C stops.`);
}

/** The lines to paste: both spellings of the proxy variables (curl reads only lower-case http_proxy). */
function envLines(proxy, ca) {
  return [
    `export HTTPS_PROXY=${proxy} HTTP_PROXY=${proxy} NO_PROXY=localhost,127.0.0.1`,
    `export https_proxy=${proxy} http_proxy=${proxy} no_proxy=localhost,127.0.0.1`,
    `export NODE_EXTRA_CA_CERTS=${ca.certPath}    # Node.js`,
    `export REQUESTS_CA_BUNDLE=${ca.bundlePath}   # Python (requests) and the Azure CLI`,
    `export SSL_CERT_FILE=${ca.bundlePath}        # Python's ssl and other OpenSSL clients`,
    `export CURL_CA_BUNDLE=${ca.bundlePath}       # curl`,
  ];
}

let closing = false;
async function shutdown() {
  if (closing) return;
  closing = true;
  await emulator.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
