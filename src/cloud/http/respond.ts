/**
 * Building responses the way the real services frame them: an explicit Content-Length (curl -i and
 * Invoke-WebRequest show it), a Date in *simulated* time, and the status text a service uses
 * (Storage puts its error message in the status line).
 */

const encoder = new TextEncoder();

/** Statuses that never carry a body. */
const NO_BODY = new Set([204, 205, 304]);

export interface ReplyInit {
  status: number;
  statusText?: string;
  headers?: Record<string, string>;
  /** Simulated ms for the Date header. */
  at: number;
}

export const httpDate = (ms: number): string => new Date(ms).toUTCString();

export function textReply(body: string, contentType: string | null, init: ReplyInit): Response {
  const headers = new Headers();
  const empty = NO_BODY.has(init.status);
  if (contentType && !empty) headers.set('Content-Type', contentType);
  headers.set('Date', httpDate(init.at));
  if (!empty) headers.set('Content-Length', String(encoder.encode(body).byteLength));
  for (const [k, v] of Object.entries(init.headers ?? {})) headers.set(k, v);
  return new Response(empty ? null : body, {
    status: init.status,
    ...(init.statusText !== undefined ? { statusText: init.statusText } : {}),
    headers,
  });
}

export function jsonReply(body: unknown, init: ReplyInit & { contentType?: string }): Response {
  return textReply(JSON.stringify(body), init.contentType ?? 'application/json; charset=utf-8', init);
}
