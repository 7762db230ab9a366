/**
 * Failures below HTTP, shaped like Node's (`code` + message) so the shells can print what real
 * curl and PowerShell print: ENOTFOUND → curl `(6) Could not resolve host`, PowerShell 5.1
 * `The remote name could not be resolved`; ECONNREFUSED → curl `(7) Failed to connect`.
 * ETIMEDOUT means nothing answered the connection attempt (no SYN-ACK). The router rejects at once;
 * each client waits out its own connect timeout on simulated time before reporting it (curl:
 * src/shells/bash/curl/connect-wait.ts — its -m/--connect-timeout, else Linux's 127 s SYN retries).
 */

export type NetworkErrorCode = 'ENOTFOUND' | 'ETIMEDOUT' | 'ECONNREFUSED';

export class SimulatedNetworkError extends Error {
  readonly code: NetworkErrorCode;
  readonly host: string;
  constructor(code: NetworkErrorCode, host: string, message: string) {
    super(message);
    this.name = 'SimulatedNetworkError';
    this.code = code;
    this.host = host;
  }
}

/** Node's text for a name that does not resolve. */
export const hostNotFound = (host: string) => new SimulatedNetworkError('ENOTFOUND', host, `getaddrinfo ENOTFOUND ${host}`);

/**
 * 169.254.169.254 outside a VM: the link-local address has no route, so a real connect hangs until
 * the client gives up (imds.md §1.1 "the call times out"). We fail at once with the timeout's code
 * instead of making the learner wait; the shells print their timeout text.
 */
export const connectTimedOut = (host: string, port: number) =>
  new SimulatedNetworkError('ETIMEDOUT', host, `connect ETIMEDOUT ${host}:${port}`);

/** A host that exists but has nothing listening on that port (IMDS over https). */
export const connectionRefused = (host: string, port: number) =>
  new SimulatedNetworkError('ECONNREFUSED', host, `connect ECONNREFUSED ${host}:${port}`);

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
/** URL host names are canonical (WHATWG): IPv4 as four decimals, IPv6 in brackets. */
const isIpLiteral = (host: string) => IPV4.test(host) || host.startsWith('[');
const isLocal = (host: string) => /^127\./.test(host) || host === '0.0.0.0' || host === '[::1]' || host === '[::]';

/**
 * A host the sandbox has nothing for. A name does not resolve (its DNS has only the simulated
 * services). An IP address needs no DNS, so the connect itself fails as on a VM: the VM's own
 * addresses refuse at once (nothing listens there), any other address never answers (Azure's
 * network drops packets to addresses with no host behind them, e.g. a typo for 169.254.169.254).
 */
export function noSuchHost(host: string, port: number): SimulatedNetworkError {
  if (!isIpLiteral(host)) return hostNotFound(host);
  const address = host.replace(/^\[|\]$/g, '');
  return isLocal(host) ? connectionRefused(address, port) : connectTimedOut(address, port);
}
