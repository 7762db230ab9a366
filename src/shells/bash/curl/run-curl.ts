/**
 * The curl program: parses the command line, runs each URL's transfer through the injected fetch
 * and writes what curl 7.81 would write, byte for byte, to stdout, stderr and -o files.
 * It knows nothing about the shell; curl/command.ts adapts it to just-bash.
 */
import { simulatedWaits } from './connect-wait';
import { CurlError, CurlUsageError, curlErrors, usageErrors, usageText } from './errors';
import { HELP_TEXT, MANUAL_TEXT, VERSION_TEXT } from './help';
import { addressFor, portOf } from './http-wire';
import { type CurlOptions, parseCurlArgs } from './options';
import { progressDone, progressStart } from './progress';
import { type PlannedRequest, planRequest, type ReadInput } from './request';
import { type Hop, type TransferDeps, type TransferResult, transfer, TransferCancelled } from './transfer';
import { connectLines, failureLines, requestHeaderText, requestLines, responseHeaderText, responseLines } from './verbose';
import { expandWriteOut, type WriteOutFacts } from './write-out';

export interface CurlIO extends TransferDeps {
  /** Whether curl's stdout is the terminal (not piped, redirected or captured by `$(...)`). */
  stdoutIsTerminal: boolean;
  readInput: ReadInput;
  writeFile: (path: string, bytes: Uint8Array) => Promise<void>;
  /** How curl waits for real while it waits out simulated time (the shell's sleep). Default a timer. */
  sleep?: (ms: number) => Promise<void>;
}

export interface CurlOutcome {
  /** Bytes, one char per byte (latin1), because a body need not be text. */
  stdout: string;
  stderr: string;
  exitCode: number;
  cancelled?: boolean;
}

const utf8 = new TextEncoder();

export function bytesToLatin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return s;
}

const textBytes = (s: string) => bytesToLatin1(utf8.encode(s));

function showsProgress(o: CurlOptions, stdoutIsTerminal: boolean): boolean {
  const bodyToStdout = o.output === undefined || o.output === '-';
  return !o.silent && !o.noProgressMeter && !(bodyToStdout && stdoutIsTerminal);
}

function showsErrors(o: CurlOptions): boolean {
  return !o.silent || o.showError;
}

function remoteFileName(url: URL): string {
  return decodeURIComponent(url.pathname.split('/').pop() ?? '');
}

function writeOutFacts(o: CurlOptions, req: PlannedRequest, result: TransferResult, exitCode: number, error?: CurlError): WriteOutFacts {
  const last: Hop | undefined = result.hops[result.hops.length - 1];
  const finalReq = last?.request ?? result.failedRequest ?? req;
  const total = Math.max(0, result.endedAt - result.startedAt);
  const https = finalReq.url.protocol === 'https:';
  // Phase timings are synthetic fractions of the measured total: the simulated network has no
  // separate DNS, TCP and TLS phases, but the values keep curl's ordering.
  const connect = total * 0.1;
  const appconnect = https ? total * 0.5 : 0;
  const redirectTarget = last && !o.location ? last.response.headers.get('location') : null;
  return {
    httpCode: last?.response.status ?? 0,
    contentType: last?.response.headers.get('content-type') ?? undefined,
    urlEffective: `${finalReq.url.protocol}//${finalReq.url.host}${finalReq.target}`,
    method: finalReq.method,
    numRedirects: Math.max(0, result.hops.length - 1),
    redirectUrl: redirectTarget ? new URL(redirectTarget, finalReq.url).href : undefined,
    remoteIp: last ? addressFor(finalReq.url.hostname) : undefined,
    remotePort: last ? portOf(finalReq.url) : undefined,
    localIp: last ? '10.0.0.4' : undefined,
    localPort: last ? 50522 : undefined,
    scheme: https ? 'HTTPS' : 'HTTP',
    httpVersion: last ? finalReq.version : undefined,
    sizeDownload: last?.body.byteLength ?? 0,
    sizeUpload: finalReq.body !== undefined && last ? utf8.encode(finalReq.body).byteLength : 0,
    sizeHeader: last ? utf8.encode(responseHeaderText(finalReq.version, last.response)).byteLength : 0,
    sizeRequest: last ? utf8.encode(requestHeaderText(finalReq)).byteLength + (finalReq.body ? utf8.encode(finalReq.body).byteLength : 0) : 0,
    timeTotalMs: total,
    timeNamelookupMs: total * 0.02,
    timeConnectMs: connect,
    timeAppconnectMs: appconnect,
    timePretransferMs: Math.max(connect, appconnect) + total * 0.01,
    timeStarttransferMs: total * 0.95,
    timeRedirectMs: result.hops.length > 1 ? (result.hops[result.hops.length - 2]?.endedAt ?? 0) - result.startedAt : 0,
    exitCode,
    errorMessage: error?.message,
    filenameEffective: o.output ?? (o.remoteName ? remoteFileName(finalReq.url) : undefined),
  };
}

interface Streams {
  stdout: string;
  stderr: string;
}

/** One URL: transfer, then write headers/body/trace/meter/errors in curl's order. */
async function runOne(o: CurlOptions, rawUrl: string, io: CurlIO, out: Streams): Promise<number> {
  const progress = showsProgress(o, io.stdoutIsTerminal);
  let req: PlannedRequest;
  try {
    req = await planRequest(o, rawUrl, io.readInput);
  } catch (err) {
    if (!(err instanceof CurlError)) throw err;
    if (progress) out.stderr += progressStart();
    if (showsErrors(o)) out.stderr += `curl: (${err.exitCode}) ${err.message}\n`;
    return err.exitCode;
  }
  const result = await transfer(req, o, io);
  const tty = io.stdoutIsTerminal;
  if (progress) out.stderr += progressStart();

  let document = ''; // what goes to the output (stdout or -o file): headers with -i/-I, then the body
  let error = result.error;
  result.hops.forEach((hop, index) => {
    const version = hop.request.version;
    const isLast = index === result.hops.length - 1;
    if (o.verbose) {
      out.stderr += index === 0 ? connectLines(hop.request.url) : '';
      out.stderr += requestLines(hop.request, tty);
      out.stderr += responseLines(version, hop.response, hop.body.byteLength, tty);
    }
    const failed = (o.fail || o.failWithBody) && hop.response.status >= 400;
    if (failed && isLast) {
      error = curlErrors.httpError(hop.response.status);
      if (o.failWithBody) document += bytesToLatin1(hop.body);
      return;
    }
    if (o.include || o.head) document += textBytes(responseHeaderText(version, hop.response));
    if (isLast && !o.head) document += bytesToLatin1(hop.body);
    if (!isLast && o.verbose) {
      const next = result.hops[index + 1] as Hop;
      out.stderr += `* Connection #0 to host ${hop.request.url.hostname} left intact\n`;
      out.stderr += `* Issue another request to this URL: '${next.request.url.href}'\n`;
      if (next.request.url.host !== hop.request.url.host) out.stderr += connectLines(next.request.url);
    }
  });

  if (o.verbose && error) out.stderr += failureLines(error, (result.failedRequest ?? req).url, result.hops.length > 0);

  const last = result.hops[result.hops.length - 1];
  if (progress && !error && last) {
    out.stderr += progressDone({
      downloaded: last.body.byteLength,
      downloadSize: last.body.byteLength,
      uploaded: last.request.body !== undefined ? utf8.encode(last.request.body).byteLength : 0,
      uploadSize: last.request.body !== undefined ? utf8.encode(last.request.body).byteLength : undefined,
      elapsedMs: Math.max(0, result.endedAt - result.startedAt),
    });
  }
  if (o.verbose) {
    out.stderr += error ? '* Closing connection 0\n' : `* Connection #0 to host ${(last?.request ?? req).url.hostname} left intact\n`;
  }

  let exitCode = error?.exitCode ?? 0;
  const target = o.output ?? (o.remoteName ? remoteFileName((last?.request ?? req).url) : undefined);
  if (target === undefined || target === '-') {
    out.stdout += document;
  } else if (o.remoteName && target === '') {
    out.stderr += 'curl: Remote file name has no length!\n';
    exitCode = 23;
  } else if (target !== '/dev/null') {
    try {
      const bytes = new Uint8Array(document.length);
      for (let i = 0; i < document.length; i++) bytes[i] = document.charCodeAt(i);
      await io.writeFile(target, bytes);
    } catch {
      // curl warns about the file (a warning -s mutes), then fails the transfer with 23
      if (!o.silent) out.stderr += `Warning: Failed to create the file ${target}: No such file or directory\n`;
      error = curlErrors.writeError();
      exitCode = error.exitCode;
    }
  }
  if (error && showsErrors(o)) out.stderr += `curl: (${error.exitCode}) ${error.message}\n`;
  if (o.writeOut !== undefined) {
    const template = o.writeOut.startsWith('@') ? await io.readInput(o.writeOut.slice(1)).catch(() => '') : o.writeOut;
    const w = expandWriteOut(template, writeOutFacts(o, req, result, exitCode, error));
    out.stdout += textBytes(w.stdout);
    out.stderr += w.stderr;
  }
  return exitCode;
}

/** Runs `curl <args>`. Never throws for bad input: every problem becomes curl's message and exit code. */
export async function runCurl(args: readonly string[], given: CurlIO): Promise<CurlOutcome> {
  const waits = simulatedWaits(given.now, given.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms))));
  const io: CurlIO = { ...given, now: waits.now, pause: waits.pause };
  let o: CurlOptions;
  try {
    o = parseCurlArgs(args);
  } catch (err) {
    if (err instanceof CurlUsageError) return { stdout: '', stderr: usageText(err), exitCode: 2 };
    throw err;
  }
  if (o.help) return { stdout: HELP_TEXT, stderr: '', exitCode: 0 };
  if (o.version) return { stdout: VERSION_TEXT, stderr: '', exitCode: 0 };
  if (o.manual) return { stdout: '', stderr: MANUAL_TEXT, exitCode: 0 };
  if (o.urls.length === 0) {
    return { stdout: '', stderr: usageText(usageErrors.noUrl()), exitCode: 2 };
  }
  const out: Streams = { stdout: '', stderr: '' };
  let exitCode = 0;
  try {
    for (const url of o.urls) exitCode = await runOne(o, url, io, out);
  } catch (err) {
    if (err instanceof TransferCancelled) return { ...out, exitCode: 130, cancelled: true };
    throw err;
  }
  return { ...out, exitCode };
}
