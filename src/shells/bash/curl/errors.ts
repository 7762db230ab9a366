/**
 * curl's exit codes and the exact texts curl 7.81.0 (Ubuntu 22.04's curl) prints for them.
 * Every message a learner can see from our curl is built here, so the wording lives in one place.
 */

/** A failed transfer: curl prints `curl: (<code>) <message>` unless silenced. */
export class CurlError extends Error {
  /** -v lines (without "* ") curl logs before the failure itself, e.g. a failed connect attempt. */
  trace: string[] = [];
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'CurlError';
  }
}

/** A command-line problem: always printed (even with -s), followed by the --help hint, exit 2. */
export class CurlUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CurlUsageError';
  }
}

export const TRY_HELP = "curl: try 'curl --help' or 'curl --manual' for more information\n";

export const curlErrors = {
  unsupportedProtocol: (scheme: string) => new CurlError(1, `Protocol "${scheme}" not supported or disabled in libcurl`),
  malformedUrl: () => new CurlError(3, 'URL using bad/illegal format or missing URL'),
  couldNotResolveHost: (host: string) => new CurlError(6, `Could not resolve host: ${host}`),
  // 7.81 adds the elapsed time to the connect failure ("after N ms"); later versions keep it.
  connectionRefused: (host: string, port: number, ms: number) =>
    new CurlError(7, `Failed to connect to ${host} port ${port} after ${ms} ms: Connection refused`),
  // A TCP connect the kernel gave up on (ETIMEDOUT); curl 7.81 reports it as 28 (connect-wait.ts).
  connectTimedOut: (host: string, port: number, ms: number) =>
    new CurlError(28, `Failed to connect to ${host} port ${port} after ${ms} ms: Connection timed out`),
  // --connect-timeout ran out while connecting (lib/connect.c, Curl_is_connected, 7.81).
  connectTimeoutAfter: (ms: number) => new CurlError(28, `Connection timeout after ${ms} ms`),
  // -m ran out while connecting (lib/multi.c, multi_handle_timeout, 7.81).
  connectionTimedOutAfter: (ms: number) => new CurlError(28, `Connection timed out after ${ms} milliseconds`),
  couldNotConnect: (host: string, port: number, ms: number) =>
    new CurlError(7, `Failed to connect to ${host} port ${port} after ${ms} ms: Couldn't connect to server`),
  httpError: (status: number) => new CurlError(22, `The requested URL returned error: ${status}`),
  writeError: () => new CurlError(23, 'Failure writing output to destination'),
  timedOut: (ms: number, bytes: number) =>
    new CurlError(28, `Operation timed out after ${ms} milliseconds with ${bytes} bytes received`),
  tooManyRedirects: (n: number) => new CurlError(47, `Maximum (${n}) redirects followed`),
  connectionReset: () => new CurlError(56, 'Recv failure: Connection reset by peer'),
  bodyFailed: () => new CurlError(56, 'Failure when receiving data from the peer'),
  // Not a real curl text: the sandbox's network cannot express some requests (e.g. TRACE).
  cannotSend: (what: string) => new CurlError(1, `the simulated network cannot send ${what}`),
};

export const usageErrors = {
  unknownOption: (opt: string) => new CurlUsageError(`option ${opt}: is unknown`),
  requiresParameter: (opt: string) => new CurlUsageError(`option ${opt}: requires parameter`),
  badNumber: (opt: string) => new CurlUsageError(`option ${opt}: expected a proper numerical parameter`),
  noUrl: () => new CurlUsageError('no URL specified!'),
};

/** Formats a usage error exactly as curl prints it. */
export function usageText(err: CurlUsageError): string {
  return `curl: ${err.message}\n${TRY_HELP}`;
}
