/** The pure parts of curl: its command line, its progress meter arithmetic and -w expansion. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { runCurl } from '../../../src/shells/bash/curl/run-curl';
import { CurlUsageError } from '../../../src/shells/bash/curl/errors';
import { parseCurlArgs } from '../../../src/shells/bash/curl/options';
import { max5, progressLine, time2str } from '../../../src/shells/bash/curl/progress';
import { curlEscape, parseCurlUrl } from '../../../src/shells/bash/curl/request';
import { expandWriteOut, type WriteOutFacts } from '../../../src/shells/bash/curl/write-out';

describe('parseCurlArgs', () => {
  test.each([
    { args: ['-sSL', 'u'], check: { silent: true, showError: true, location: true, urls: ['u'] } },
    { args: ['-HMetadata:true', 'u'], check: { headers: ['Metadata:true'] } },
    { args: ['-XPOST', 'u'], check: { method: 'POST' } },
    { args: ['-sXPUT', 'u'], check: { silent: true, method: 'PUT' } },
    { args: ['-m5', 'u'], check: { maxTimeMs: 5000 } },
    { args: ['--max-time', '0.5', 'u'], check: { maxTimeMs: 500 } },
    { args: ['-s', '--no-silent', 'u'], check: { silent: false } },
    { args: ['--', '-not-an-option'], check: { urls: ['-not-an-option'] } },
    { args: ['u1', '--url', 'u2'], check: { urls: ['u1', 'u2'] } },
    { args: ['-w', '%{http_code}', '-o', '/dev/null', 'u'], check: { writeOut: '%{http_code}', output: '/dev/null' } },
    { args: ['--data-urlencode', 'a=b', '-G', 'u'], check: { get: true, data: [{ kind: 'urlencode', value: 'a=b' }] } },
  ])('$args', ({ args, check }) => {
    expect(parseCurlArgs(args)).toMatchObject(check);
  });

  test.each([
    { args: ['--nope'], message: 'option --nope: is unknown' },
    { args: ['-z'], message: 'option -z: is unknown' },
    { args: ['--header'], message: 'option --header: requires parameter' },
    { args: ['-sH'], message: 'option -H: requires parameter' },
    { args: ['--max-time', 'soon'], message: 'option --max-time: expected a proper numerical parameter' },
    { args: ['--no-header', 'x'], message: 'option --no-header: is unknown' },
  ])('$args → usage error', ({ args, message }) => {
    expect(() => parseCurlArgs(args)).toThrow(new CurlUsageError(message));
  });
});

describe('URLs', () => {
  test.each([
    { raw: '169.254.169.254/metadata', href: 'http://169.254.169.254/metadata', target: '/metadata' },
    { raw: 'http://h', href: 'http://h/', target: '/' },
    { raw: 'http://h?x=1', href: 'http://h/?x=1', target: '/?x=1' },
    { raw: 'https://h/a?b=https://c/#frag', href: 'https://h/a?b=https://c/#frag', target: '/a?b=https://c/' },
  ])('$raw', ({ raw, href, target }) => {
    const parsed = parseCurlUrl(raw);
    expect(parsed.url.href).toBe(href);
    expect(parsed.target).toBe(target);
  });

  test.each([
    { s: 'https://management.azure.com/', out: 'https%3A%2F%2Fmanagement.azure.com%2F' },
    { s: 'a b~-._', out: 'a%20b~-._' },
    { s: 'é', out: '%C3%A9' },
  ])('curlEscape($s)', ({ s, out }) => {
    expect(curlEscape(s)).toBe(out);
  });
});

describe('progress meter', () => {
  test.each([
    { n: 0, out: '    0' },
    { n: 99999, out: '99999' },
    { n: 100000, out: '  97k' },
    { n: 10239999, out: '9999k' },
    { n: 10240000, out: ' 9.7M' },
    { n: 104857600, out: ' 100M' },
  ])('max5($n)', ({ n, out }) => {
    expect(max5(n)).toBe(out);
  });

  test.each([
    { s: 0, out: '--:--:--' },
    { s: 1, out: ' 0:00:01' },
    { s: 3725, out: ' 1:02:05' },
  ])('time2str($s)', ({ s, out }) => {
    expect(time2str(s)).toBe(out);
  });

  test('a finished 1091-byte download in 10 ms', () => {
    expect(progressLine({ downloaded: 1091, downloadSize: 1091, uploaded: 0, elapsedMs: 10 })).toBe(
      '\r100  1091  100  1091    0     0   106k      0 --:--:-- --:--:-- --:--:--  106k',
    );
  });

  test('an upload with a known size counts into Total and Xferd', () => {
    expect(progressLine({ downloaded: 10, downloadSize: 10, uploaded: 20, uploadSize: 20, elapsedMs: 1000 })).toBe(
      '\r100    30  100    10  100    20     10     20  0:00:01  0:00:01 --:--:--    30',
    );
  });
});

describe('-w expansion', () => {
  const facts: WriteOutFacts = {
    httpCode: 200, contentType: 'application/json', urlEffective: 'http://h/', method: 'GET', numRedirects: 0,
    scheme: 'HTTP', httpVersion: '1.1', sizeDownload: 5, sizeUpload: 0, sizeHeader: 40, sizeRequest: 60,
    timeTotalMs: 1500, timeNamelookupMs: 1, timeConnectMs: 2, timeAppconnectMs: 0, timePretransferMs: 3,
    timeStarttransferMs: 1400, timeRedirectMs: 0, exitCode: 0,
  };
  test.each([
    { w: '%{http_code}\\n', stdout: '200\n', stderr: '' },
    { w: '%{time_total}s', stdout: '1.500000s', stderr: '' },
    { w: '%{speed_download}', stdout: '3', stderr: '' },
    { w: 'a%{stderr}b%{stdout}c', stdout: 'ac', stderr: 'b' },
    { w: '%{bogus}', stdout: '', stderr: "curl: unknown --write-out variable: 'bogus'\n" },
    { w: '50%% \\q', stdout: '50% \\q', stderr: '' },
    { w: 'open %{http_code', stdout: 'open %{http_code', stderr: '' },
  ])('$w', ({ w, stdout, stderr }) => {
    expect(expandWriteOut(w, facts)).toEqual({ stdout, stderr });
  });

  test('%{json} is valid JSON with the variables', () => {
    const json = JSON.parse(expandWriteOut('%{json}', facts).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ http_code: '200', time_total: 1.5, size_download: 5, method: 'GET' });
  });
});

describe('runCurl', () => {
  test('any argument list gives curl output and one of curl’s exit codes, never an exception', async () => {
    const io = {
      fetch: async (req: Request) => new Response(`{"url":${JSON.stringify(req.url)}}`, { status: req.url.includes('e') ? 404 : 200 }),
      now: () => 0,
      waitFor: <T>(p: Promise<T>) => p,
      stdoutIsTerminal: false,
      readInput: async () => 'file',
      writeFile: async () => {},
    };
    const word = fc.oneof(
      fc.constantFrom('-s', '-S', '-i', '-I', '-v', '-L', '-f', '-G', '-k', '-sSL', '-H', '-X', '-d', '-w', '-o', '-m', '--data-urlencode', '--max-redirs', '--nope', '--', '-'),
      fc.string({ maxLength: 12 }),
      fc.constantFrom('http://h/', 'https://h/e', 'h?x=1', 'ftp://h', 'http://', '%{http_code}', '0.1', 'a=b', '@f'),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(word, { maxLength: 8 }), async (args) => {
        const out = await runCurl(args, io);
        expect([0, 1, 2, 3, 6, 7, 22, 23, 28, 47]).toContain(out.exitCode);
        expect(typeof out.stdout).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});
