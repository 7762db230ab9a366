/**
 * Carries a shell's HTTP requests out of its worker to the page, where the simulated cloud lives,
 * and the answers back. Requests and responses cross as plain structured-clone data; a failure that
 * stands for a network condition (`ENOTFOUND`, `ECONNREFUSED`, …) keeps its `code` so the shell can
 * print what real curl or PowerShell would.
 */

export interface WireRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body: ArrayBuffer | null;
}

export interface WireResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: ArrayBuffer;
}

export interface WireFetchError {
  code: string;
  message: string;
}

/** An Error with a network `code`, as Node's fetch and our router raise them. */
export class NetworkError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

const BODYLESS = new Set(['GET', 'HEAD']);

export async function toWireRequest(request: Request): Promise<WireRequest> {
  return {
    method: request.method,
    url: request.url,
    headers: [...request.headers],
    body: BODYLESS.has(request.method.toUpperCase()) ? null : await request.arrayBuffer(),
  };
}

export function fromWireRequest(wire: WireRequest): Request {
  return new Request(wire.url, {
    method: wire.method,
    headers: wire.headers,
    body: wire.body && !BODYLESS.has(wire.method.toUpperCase()) ? wire.body : null,
  });
}

export async function toWireResponse(response: Response): Promise<WireResponse> {
  return {
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers],
    body: await response.arrayBuffer(),
  };
}

/** Statuses whose responses may not carry a body (the Response constructor rejects one). */
const NULL_BODY = new Set([101, 204, 205, 304]);

export function fromWireResponse(wire: WireResponse): Response {
  return new Response(NULL_BODY.has(wire.status) ? null : wire.body, {
    status: wire.status,
    statusText: wire.statusText,
    headers: wire.headers,
  });
}

export function toWireError(error: unknown): WireFetchError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : 'EUNKNOWN';
  const message = error instanceof Error ? error.message : String(error);
  return { code, message };
}

export function fromWireError(wire: WireFetchError): NetworkError {
  return new NetworkError(wire.code, wire.message);
}
