/**
 * Failures below HTTP, shaped like Node's (`code` + message) so the shells can print what real
 * curl and PowerShell print: ENOTFOUND → curl `(6) Could not resolve host`, PowerShell 5.1
 * `The remote name could not be resolved`; ETIMEDOUT → curl `(28) … Timeout was reached`;
 * ECONNREFUSED → curl `(7) Failed to connect`.
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
