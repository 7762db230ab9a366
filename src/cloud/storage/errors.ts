/**
 * Blob service errors (rbac-arm.md §5.2, D1): an XML body whose Message carries RequestId and Time
 * lines, the message repeated in the status line, and `x-ms-error-code`.
 */
import type { CallContext } from '../call-context';
import { textReply } from '../http/respond';

export const BLOB_SERVER = 'Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0';

export function blobHeaders(ctx: CallContext, version: string | null): Record<string, string> {
  return { Server: BLOB_SERVER, 'x-ms-request-id': ctx.requestId, ...(version ? { 'x-ms-version': version } : {}) };
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Storage prints time with seven fractional digits: 2023-11-13T14:13:17.7458151Z. */
const storageTime = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_, frac: string) => `.${frac}0000Z`);

export function storageError(
  ctx: CallContext,
  version: string | null,
  status: number,
  code: string,
  message: string,
  extra: { detail?: string; headerName?: string; headers?: Record<string, string> } = {},
): Response {
  const at = ctx.world.now();
  const body =
    `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${xmlEscape(message)}\nRequestId:${ctx.requestId}\nTime:${storageTime(at)}</Message>` +
    (extra.detail ? `<AuthenticationErrorDetail>${xmlEscape(extra.detail)}</AuthenticationErrorDetail>` : '') +
    (extra.headerName ? `<HeaderName>${xmlEscape(extra.headerName)}</HeaderName>` : '') +
    '</Error>';
  return textReply(body, 'application/xml', {
    status,
    statusText: message,
    at,
    headers: { ...blobHeaders(ctx, version), 'x-ms-error-code': code, ...(extra.headers ?? {}) },
  });
}

export const STORAGE_TEXT = {
  // D1 common error codes.
  noAuth: 'Server failed to authenticate the request. Please refer to the information in the www-authenticate header.',
  authFailed: 'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.',
  permissionMismatch: 'This request is not authorized to perform this operation using this permission.',
  // A public capture (2022) of a Bearer request without x-ms-version.
  bearerNeedsVersion: 'Authentication scheme Bearer is not supported in this version.',
  containerNotFound: 'The specified container does not exist.',
  blobNotFound: 'The specified blob does not exist.',
  missingHeader: "An HTTP header that's mandatory for this request is not specified.",
  invalidHeader: 'The value for one of the HTTP headers is not in the correct format.',
  unsupportedVerb: "The resource doesn't support specified Http Verb.",
  tooLarge: 'The request body is too large and exceeds the maximum permissible limit.',
  internal: 'Server encountered an internal error. Please try again after some time.',
} as const;
