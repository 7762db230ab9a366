/**
 * curl as learners use it against IMDS and ARM, through the session, compared byte for byte with
 * what curl 7.81.0 on Ubuntu 22.04 writes.
 */
import { describe, expect, test, vi } from 'vitest';
import { IDENTITY_NOT_FOUND, METADATA_REQUIRED, RG_URL, TOKEN_URL, VM, tokenBody } from './fake-cloud';
import { newSession } from './session-helpers';

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";
const TOKEN = tokenBody('https://management.azure.com/');
const METER_HEADER =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';
const METER_ZERO = '\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0';
const imdsHeaders = (status: string, body: string) =>
  `HTTP/1.1 ${status}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\n` +
  `Date: Tue, 12 Dec 2023 03:07:53 GMT\r\nServer: IMDS/150.870.65.1854\r\n\r\n`;

async function run(command: string, cloudInit: Parameters<typeof newSession>[0] = {}) {
  const { session, cloud } = newSession(cloudInit);
  return { ...(await session.run(command)), cloud, session };
}

describe('exit codes and messages', () => {
  test.each([
    { cmd: 'curl http://nosuch.test/', stderr: 'curl: (6) Could not resolve host: nosuch.test\n', code: 6 },
    { cmd: 'curl -s http://nosuch.test/', stderr: '', code: 6 },
    { cmd: 'curl -sS http://nosuch.test/', stderr: 'curl: (6) Could not resolve host: nosuch.test\n', code: 6 },
    { cmd: 'curl -f http://169.254.169.254/metadata/identity/oauth2/token', stderr: 'curl: (22) The requested URL returned error: 400\n', code: 22 },
    { cmd: 'curl -sf http://169.254.169.254/metadata/identity/oauth2/token', stderr: '', code: 22 },
    { cmd: 'curl --fail -sS http://169.254.169.254/metadata/identity/oauth2/token', stderr: 'curl: (22) The requested URL returned error: 400\n', code: 22 },
    { cmd: 'curl -m 0.2 http://hang.test/', stderr: 'curl: (28) Operation timed out after 200 milliseconds with 0 bytes received\n', code: 28 },
    { cmd: 'curl --max-time 0.1 -H Metadata:true http://hang.test/', stderr: 'curl: (28) Operation timed out after 100 milliseconds with 0 bytes received\n', code: 28 },
    { cmd: "curl 'http://169.254.169.254/metadata/identity/oauth2/token?resource=a b'", stderr: 'curl: (3) URL using bad/illegal format or missing URL\n', code: 3 },
    { cmd: 'curl http://', stderr: 'curl: (3) URL using bad/illegal format or missing URL\n', code: 3 },
    { cmd: 'curl ftp://example.test/file', stderr: 'curl: (1) Protocol "ftp" not supported or disabled in libcurl\n', code: 1 },
    { cmd: 'curl --foo http://169.254.169.254/', stderr: `curl: option --foo: is unknown\n${TRY}`, code: 2 },
    { cmd: 'curl -s --foo http://169.254.169.254/', stderr: `curl: option --foo: is unknown\n${TRY}`, code: 2 },
    { cmd: 'curl --max-time=5 http://169.254.169.254/', stderr: `curl: option --max-time=5: is unknown\n${TRY}`, code: 2 },
    { cmd: 'curl -H', stderr: `curl: option -H: requires parameter\n${TRY}`, code: 2 },
    { cmd: 'curl -m abc http://169.254.169.254/', stderr: `curl: option -m: expected a proper numerical parameter\n${TRY}`, code: 2 },
    { cmd: 'curl', stderr: `curl: no URL specified!\n${TRY}`, code: 2 },
    { cmd: 'curl http://reset.test/', stderr: 'curl: (56) Recv failure: Connection reset by peer\n', code: 56 },
    { cmd: 'curl http://broken-body.test/', stderr: 'curl: (56) Failure when receiving data from the peer\n', code: 56 },
    { cmd: 'curl -sS -o nodir/out.json http://169.254.169.254/', stderr: 'curl: (23) Failure writing output to destination\n', code: 23 },
    { cmd: 'curl -L --max-redirs 1 http://redirect.test/3', stderr: 'curl: (47) Maximum (1) redirects followed\n', code: 47 },
  ])('$cmd → exit $code', async ({ cmd, stderr, code }) => {
    const r = await run(cmd);
    expect(r.stderr).toBe(stderr);
    expect(r.exitCode).toBe(code);
    expect(r.stdout).toBe('');
  });

  test('connection refused → exit 7 with the port and elapsed time', async () => {
    const r = await run('curl http://refused.test:8080/');
    expect(r.exitCode).toBe(7);
    expect(r.stderr).toMatch(/^curl: \(7\) Failed to connect to refused\.test port 8080 after \d+ ms: Connection refused\n$/);
  });

  test('a connect timeout from the network → exit 28 "Connection timed out"', async () => {
    const r = await run('curl http://timeout.test/');
    expect(r.exitCode).toBe(28);
    expect(r.stderr).toMatch(/^curl: \(28\) Failed to connect to timeout\.test port 80 after \d+ ms: Connection timed out\n$/);
  });

  test('-w %{http_code} prints 000 and %{exitcode} the code when nothing answered', async () => {
    const r = await run(`curl -s -w '%{http_code} %{exitcode} %{errormsg}' http://nosuch.test/`);
    expect(r.stdout).toBe('000 6 Could not resolve host: nosuch.test');
  });
});

describe('a connect nothing answers (an IP with no host behind it)', () => {
  const SILENT = 'http://169.254.169.25/metadata/instance';
  /** Real waits are skipped: the session's sleep returns at once, and curl's clock still counts the simulated wait. */
  const runQuick = (command: string) => newSession({}, { sleep: async () => {} }).session.run(command);

  test.each([
    // Nothing set: Linux gives up on the SYN after 127 s, before curl's 300 s default (connect-wait.ts).
    { cmd: `curl ${SILENT}`, stderr: /^curl: \(28\) Failed to connect to 169\.254\.169\.25 port 80 after 1270\d\d ms: Connection timed out\n$/ },
    { cmd: `curl --connect-timeout 5 ${SILENT}`, stderr: /^curl: \(28\) Connection timeout after 500\d ms\n$/ },
    { cmd: `curl --connect-timeout 0.5 ${SILENT}`, stderr: /^curl: \(28\) Connection timeout after 50\d ms\n$/ },
    { cmd: `curl -m 3 ${SILENT}`, stderr: /^curl: \(28\) Connection timed out after 300\d milliseconds\n$/ },
    { cmd: `curl -m 3 --connect-timeout 5 ${SILENT}`, stderr: /^curl: \(28\) Connection timed out after 300\d milliseconds\n$/ },
    { cmd: `curl --connect-timeout 2 -m 5 ${SILENT}`, stderr: /^curl: \(28\) Connection timeout after 200\d ms\n$/ },
    { cmd: `curl --connect-timeout 200 ${SILENT}`, stderr: /^curl: \(28\) Failed to connect to 169\.254\.169\.25 port 80 after 1270\d\d ms: Connection timed out\n$/ },
    { cmd: `curl -sS -m 1 ${SILENT}`, stderr: /^curl: \(28\) Connection timed out after 100\d milliseconds\n$/ },
    { cmd: `curl -s ${SILENT}`, stderr: /^$/ },
  ])('$cmd', async ({ cmd, stderr }) => {
    const r = await runQuick(cmd);
    expect(r.exitCode).toBe(28);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(stderr);
  });

  test('-v shows the attempt, the give-up and the failure in curl 7.81\'s words', async () => {
    const r = await runQuick(`curl -v --connect-timeout 5 ${SILENT}`);
    expect(r.stderr).toMatch(
      /^\*   Trying 169\.254\.169\.25:80\.\.\.\n\* After 5000ms connect time, move on!\n\* connect to 169\.254\.169\.25 port 80 failed: Connection timed out\n\* Connection timeout after 500\d ms\n\* Closing connection 0\ncurl: \(28\) Connection timeout after 500\d ms\n$/,
    );
    const kernel = await runQuick(`curl -v ${SILENT}`);
    expect(kernel.stderr).toMatch(/^\*   Trying 169\.254\.169\.25:80\.\.\.\n\* connect to 169\.254\.169\.25 port 80 failed: Connection timed out\n\* Failed to connect to 169\.254\.169\.25 port 80 after 1270\d\d ms: Connection timed out\n\* Closing connection 0\n/);
  });

  test('-w sees the whole simulated wait', async () => {
    const r = await runQuick(`curl -s -w '%{http_code} %{exitcode} %{time_total}' --connect-timeout 5 ${SILENT}`);
    expect(r.stdout).toMatch(/^000 28 5\.00\d+$/);
  });

  test('the learner is not kept waiting: curl waits for real only briefly, through the shell\'s sleep', async () => {
    const waits: number[] = [];
    const { session } = newSession({}, { sleep: async (ms) => void waits.push(ms) });
    const r = await session.run(`curl ${SILENT}`);
    expect(r.exitCode).toBe(28);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeLessThanOrEqual(400);
  });

  test('Ctrl+C during the wait stops curl', async () => {
    const controller = new AbortController();
    let waiting!: () => void;
    const started = new Promise<void>((resolve) => (waiting = resolve));
    const { session } = newSession({}, { sleep: () => (waiting(), new Promise<void>(() => {})) });
    const run = session.run(`curl ${SILENT}; echo after`, { signal: controller.signal });
    await started;
    controller.abort();
    const r = await run;
    expect(r.exitCode).toBe(130);
    expect(r.stdout).not.toContain('after');
  });
});

describe('options', () => {
  test('-H adds a header exactly as typed; "Name:" removes a default; "Name;" sends it empty', async () => {
    const r = await run(`curl -s http://echo.test/ -H 'X-Test: one two' -H 'Accept:' -H 'X-Empty;' | jq -cM .headers`);
    expect(JSON.parse(r.stdout)).toEqual({ 'x-test': 'one two', 'user-agent': 'curl/7.81.0', 'x-empty': '' });
  });

  test('-i prints the status line and headers with CRLF, then the body', async () => {
    const r = await run(`curl -i '${TOKEN_URL}' -H Metadata:true`);
    expect(r.stdout).toBe(imdsHeaders('200 OK', TOKEN) + TOKEN);
  });

  test('-i over https shows HTTP/2 with lower-case header names', async () => {
    const r = await run(`curl -si '${RG_URL}'`);
    expect(r.stdout.split('\r\n')[0]).toBe('HTTP/2 401 ');
    expect(r.stdout).toContain('\r\ncontent-type: application/json; charset=utf-8\r\n');
  });

  test('-I sends HEAD and prints only the headers (IMDS allows only GET)', async () => {
    const body = '{"error":"method_not_allowed","error_description":"Not allowed"}';
    const r = await run(`curl -I '${TOKEN_URL}' -H Metadata:true`);
    expect(r.cloud.requests[0]?.method).toBe('HEAD');
    expect(r.stdout).toBe(imdsHeaders('405 Method Not Allowed', body));
  });

  test('-v at a terminal: * connection lines, > request and < response headers with CRLF', async () => {
    const r = await run(`curl -v '${TOKEN_URL}' -H Metadata:true`);
    expect(r.stdout).toBe(TOKEN);
    const responseHeaders = imdsHeaders('200 OK', TOKEN).split('\r\n').slice(0, -1).map((l) => `< ${l}\r\n`).join('');
    expect(r.stderr).toBe(
      '*   Trying 169.254.169.254:80...\n' +
        '* Connected to 169.254.169.254 (169.254.169.254) port 80 (#0)\n' +
        '> GET /metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/ HTTP/1.1\r\n' +
        '> Host: 169.254.169.254\r\n' +
        '> User-Agent: curl/7.81.0\r\n' +
        '> Accept: */*\r\n' +
        '> Metadata:true\r\n' +
        '> \r\n' +
        '* Mark bundle as not supporting multiuse\n' +
        responseHeaders +
        '* Connection #0 to host 169.254.169.254 left intact\n',
    );
  });

  test('-v into a pipe adds the progress meter and "{ [N bytes data]"', async () => {
    const r = await run(`curl -v '${TOKEN_URL}' -H Metadata:true | jq -r .token_type`);
    expect(r.stdout).toBe('Bearer\n');
    expect(r.stderr.startsWith(`${METER_HEADER}${METER_ZERO}*   Trying 169.254.169.254:80...\n`)).toBe(true);
    expect(r.stderr).toContain(`< \r\n{ [${Buffer.byteLength(TOKEN)} bytes data]\n\r100 `);
    expect(r.stderr.endsWith('\n* Connection #0 to host 169.254.169.254 left intact\n')).toBe(true);
  });

  test('-v over https shows the TLS handshake and HTTP/2 request lines', async () => {
    const r = await run(`curl -sv '${RG_URL}' -H "Authorization: Bearer x"`);
    expect(r.stderr).toContain('* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384\n* ALPN, server accepted to use h2\n');
    expect(r.stderr).toContain(
      '> GET /subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourceGroups/myResourceGroup?api-version=2016-09-01 HTTP/2\r\n> Host: management.azure.com\r\n> user-agent: curl/7.81.0\r\n> accept: */*\r\n> Authorization: Bearer x\r\n> \r\n',
    );
    expect(r.stderr).toContain('< HTTP/2 401 \r\n');
  });

  test('-v on a name that does not resolve, and on a refused connection', async () => {
    expect((await run('curl -v http://nosuch.test/')).stderr).toBe(
      '* Could not resolve host: nosuch.test\n* Closing connection 0\ncurl: (6) Could not resolve host: nosuch.test\n',
    );
    const refused = (await run('curl -v http://refused.test:8080/')).stderr;
    expect(refused).toMatch(
      /^\*   Trying (\d+\.){3}\d+:8080\.\.\.\n\* connect to (\d+\.){3}\d+ port 8080 failed: Connection refused\n\* Failed to connect to refused\.test port 8080 after \d+ ms: Connection refused\n\* Closing connection 0\ncurl: \(7\) Failed to connect to refused\.test port 8080 after \d+ ms: Connection refused\n$/,
    );
  });

  test('-X sets the method', async () => {
    expect((await run('curl -s -X DELETE http://echo.test/ | jq -r .method')).stdout).toBe('DELETE\n');
  });

  test.each([
    { args: `-d 'a=1' -d 'b=2'`, body: 'a=1&b=2' },
    { args: `--data 'x y'`, body: 'x y' },
    { args: `--data-raw '@not-a-file'`, body: '@not-a-file' },
    { args: `-d @form.txt`, body: 'k=v&l=w' },
    { args: `--data-binary @form.txt`, body: 'k=v\n&l=w\n' },
    { args: `--data-urlencode 'q=a b&c'`, body: 'q=a%20b%26c' },
    { args: `--data-urlencode '=x/y'`, body: 'x%2Fy' },
  ])('$args → POST body $body', async ({ args, body }) => {
    const { session } = newSession();
    await session.run(`printf 'k=v\\n&l=w\\n' > form.txt`);
    const r = await session.run(`curl -s ${args} http://echo.test/ | jq -cM '[.method, .body, .headers["content-type"]]'`);
    expect(JSON.parse(r.stdout)).toEqual(['POST', body, 'application/x-www-form-urlencoded']);
  });

  test('--data-urlencode with -G builds the IMDS query string', async () => {
    const r = await run(
      `curl -s -G -H Metadata:true --data-urlencode 'api-version=2018-02-01' --data-urlencode 'resource=https://management.azure.com/' http://169.254.169.254/metadata/identity/oauth2/token | jq -r .resource`,
    );
    expect(r.stdout).toBe('https://management.azure.com/\n');
    expect(r.cloud.requests[0]?.method).toBe('GET');
    expect(r.cloud.requests[0]?.url).toBe(
      'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fmanagement.azure.com%2F',
    );
  });

  test.each([
    { w: '%{http_code}', out: '400' },
    { w: '%{response_code}\\n', out: '400\n' },
    { w: '%{content_type}', out: 'application/json; charset=utf-8' },
    { w: '%{size_download}', out: String(Buffer.byteLength(METADATA_REQUIRED)) },
    { w: '%{method} %{scheme} %{http_version}', out: 'GET HTTP 1.1' },
    { w: '%{url_effective}', out: TOKEN_URL },
    { w: '%{remote_ip}:%{remote_port}', out: '169.254.169.254:80' },
    { w: '%{num_redirects} %{exitcode}', out: '0 0' },
    { w: '100%% %{http_code}\\t.', out: '100% 400\t.' },
  ])("-w '$w'", async ({ w, out }) => {
    const r = await run(`curl -s -o /dev/null -w '${w}' '${TOKEN_URL}'`);
    expect(r.stdout).toBe(out);
  });

  test('-w time variables are seconds with six decimals, in curl order', async () => {
    const r = await run(`curl -s -o /dev/null -w '%{time_namelookup} %{time_connect} %{time_starttransfer} %{time_total}' '${TOKEN_URL}'`);
    const times = r.stdout.split(' ');
    for (const t of times) expect(t).toMatch(/^\d+\.\d{6}$/);
    expect([...times].map(Number).sort((a, b) => a - b)).toEqual(times.map(Number));
  });

  test('-w with an unknown variable warns on stderr and prints the rest', async () => {
    const r = await run(`curl -s -o /dev/null -w '[%{nope}%{http_code}]' '${TOKEN_URL}'`);
    expect(r.stdout).toBe('[400]');
    expect(r.stderr).toBe("curl: unknown --write-out variable: 'nope'\n");
  });

  test('-o writes the body to a file; at a terminal the progress meter then shows', async () => {
    const { session } = newSession();
    const r = await session.run(`curl -o token.json '${TOKEN_URL}' -H Metadata:true`);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(METER_HEADER + METER_ZERO)).toBe(true);
    const n = Buffer.byteLength(TOKEN);
    expect(r.stderr).toMatch(new RegExp(`\\r100  ${n}  100  ${n}    0     0 +\\S+ +0 --:--:-- --:--:-- --:--:-- +\\S+\\n$`));
    expect((await session.run('jq -r .token_type token.json; cat token.json | wc -c')).stdout).toBe(`Bearer\n${Buffer.byteLength(TOKEN)}\n`);
  });

  test('-o into a missing directory warns, then fails with 23', async () => {
    const r = await run(`curl -o nodir/t.json '${TOKEN_URL}'`);
    expect(r.exitCode).toBe(23);
    expect(r.stderr.endsWith('Warning: Failed to create the file nodir/t.json: No such file or directory\ncurl: (23) Failure writing output to destination\n')).toBe(true);
  });

  test('-o /dev/null discards; -o with -i keeps the headers in the file', async () => {
    const { session } = newSession();
    await session.run(`curl -s -i -o out.txt '${TOKEN_URL}'`);
    expect((await session.run('cat out.txt')).stdout).toBe(imdsHeaders('400 Bad Request', METADATA_REQUIRED) + METADATA_REQUIRED);
  });

  test('-f --fail-with-body prints the body and still fails', async () => {
    const r = await run(`curl -s --fail-with-body '${TOKEN_URL}'`);
    expect(r).toMatchObject({ stdout: METADATA_REQUIRED, exitCode: 22 });
  });

  test.each([
    { cmd: 'curl -s http://redirect.test/2', out: '' },
    { cmd: 'curl -sL http://redirect.test/2', out: 'landed' },
    { cmd: "curl -sL -o /dev/null -w '%{num_redirects} %{url_effective}' http://redirect.test/2", out: '2 http://redirect.test/0' },
    { cmd: "curl -s -o /dev/null -w '%{http_code} %{redirect_url}' http://redirect.test/1", out: '302 http://redirect.test/0' },
  ])('$cmd', async ({ cmd, out }) => {
    expect((await run(cmd)).stdout).toBe(out);
  });

  test('-L with -i prints every hop', async () => {
    const r = await run('curl -siL http://redirect.test/1');
    expect(r.stdout).toBe('HTTP/1.1 302 Found\r\nLocation: /0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nlanded');
  });

  test.each([
    { cmd: `curl -sk '${RG_URL}' | jq -r .error.code`, out: 'AuthenticationFailed\n' },
    { cmd: `curl -s -H Metadata:true --noproxy "*" "http://169.254.169.254/metadata/instance/compute/vmId?api-version=2017-08-01&format=text"`, out: VM.vmId },
    { cmd: 'curl -s 169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01', out: METADATA_REQUIRED },
    { cmd: `curl -fsSL --compressed -H Metadata:true '${TOKEN_URL}' | jq -r .token_type`, out: 'Bearer\n' },
  ])('accepted as on a real VM: $cmd', async ({ cmd, out }) => {
    expect((await run(cmd)).stdout).toBe(out);
  });

  test('-d @- reads the body from stdin; -o - writes to stdout', async () => {
    const r = await run(`printf 'a=1\\n' | curl -s -o - -d @- http://echo.test/ | jq -r .body`);
    expect(r.stdout).toBe('a=1\n');
  });

  test('-O saves under the remote file name', async () => {
    const { session } = newSession();
    await session.run(`curl -s -O -H Metadata:true '${TOKEN_URL.replace('?', '?x=1&')}'`);
    expect((await session.run('jq -r .token_type token')).stdout).toBe('Bearer\n');
  });

  test('bare jq pretty-prints what curl piped into it, coloured at a terminal (IMDS instance docs command)', async () => {
    const r = await run(`curl -s -H Metadata:true --noproxy "*" "http://169.254.169.254/metadata/instance?api-version=2021-02-01" | jq`);
    const [obj, key, str, reset] = ['\x1b[1;39m', '\x1b[34;1m', '\x1b[0;32m', '\x1b[0m'];
    expect(r.stdout).toBe(
      `${obj}{\n  ${reset}${key}"error"${reset}${obj}: ${reset}${str}"not_found"${reset}${obj},\n  ` +
        `${reset}${key}"error_description"${reset}${obj}: ${reset}${str}"Not found"${reset}${obj}\n${obj}}${reset}\n`,
    );
    expect((await run(`curl -s -H Metadata:true "http://169.254.169.254/metadata/instance?api-version=2021-02-01" | jq | cat`)).stdout).toBe(
      '{\n  "error": "not_found",\n  "error_description": "Not found"\n}\n',
    );
  });

  test('-A, -e and -u set User-Agent, Referer and Basic Authorization', async () => {
    const r = await run(`curl -s -A probe/1 -e http://from.test/ -u user:pass http://echo.test/ | jq -cM .headers`);
    expect(JSON.parse(r.stdout)).toMatchObject({ 'user-agent': 'probe/1', referer: 'http://from.test/', authorization: 'Basic dXNlcjpwYXNz' });
  });

  test('--version and --help print curl 7.81 texts', async () => {
    expect((await run('curl --version')).stdout.split('\n')[0]).toMatch(/^curl 7\.81\.0 \(x86_64-pc-linux-gnu\) libcurl\/7\.81\.0 OpenSSL\/3\.0\.2/);
    expect((await run('curl --help')).stdout.split('\n')[0]).toBe('Usage: curl [options...] <url>');
  });
});

describe('progress meter: shown on stderr when the body does not go to the terminal', () => {
  test.each([
    { cmd: `curl '${TOKEN_URL}' -H Metadata:true`, meter: false },
    { cmd: `curl '${TOKEN_URL}' -H Metadata:true | cat`, meter: true },
    { cmd: `curl '${TOKEN_URL}' -H Metadata:true > t.json`, meter: true },
    { cmd: `t=$(curl '${TOKEN_URL}' -H Metadata:true)`, meter: true },
    { cmd: `{ curl '${TOKEN_URL}' -H Metadata:true; } > t.json`, meter: true },
    { cmd: `for i in 1; do curl '${TOKEN_URL}' -H Metadata:true; done | cat`, meter: true },
    { cmd: `curl '${TOKEN_URL}' -H Metadata:true >&2`, meter: false },
    { cmd: `curl -s '${TOKEN_URL}' -H Metadata:true | cat`, meter: false },
    { cmd: `curl --no-progress-meter '${TOKEN_URL}' -H Metadata:true | cat`, meter: false },
  ])('$cmd → meter: $meter', async ({ cmd, meter }) => {
    const r = await run(cmd);
    expect(r.stderr.startsWith(METER_HEADER)).toBe(meter);
  });

  test('a failed transfer leaves the error on the meter line, as curl does', async () => {
    const r = await run('curl http://nosuch.test/ | cat');
    expect(r.stderr).toBe(`${METER_HEADER}${METER_ZERO}curl: (6) Could not resolve host: nosuch.test\n`);
  });
});

test('nothing reaches a real network: only the injected fetch is called', async () => {
  const realFetch = vi.spyOn(globalThis, 'fetch');
  try {
    const { session, cloud } = newSession();
    const r = await session.run('curl -s https://example.com/; wget -q https://example.com/; echo "exit=$?"');
    expect(realFetch).not.toHaveBeenCalled();
    expect(cloud.requests.map((q) => q.url)).toEqual(['https://example.com/']);
    expect(r.stdout).toBe('exit=127\n');
  } finally {
    realFetch.mockRestore();
  }
});

test('IDENTITY_NOT_FOUND is the 68-byte body of the spec', () => {
  expect(Buffer.byteLength(IDENTITY_NOT_FOUND)).toBe(68);
});
