/**
 * Blob service errors (rbac-arm.md §5.2, D1): an XML body whose Message carries RequestId and Time
 * lines, the message repeated in the status line, and `x-ms-error-code`.
 */
import type { CallContext } from '../call-context';
import { textReply } from '../http/respond';

export const BLOB_SERVER = 'Windows-Azure-Blob/1.0 Microsoft-HTTPAPI/2.0';

/** x-ms-client-request-id per call: Storage echoes the client's id on every answer, errors included. */
const clientRequestIds = new WeakMap<CallContext, string>();

export function rememberClientRequestId(ctx: CallContext, request: Request): void {
  const id = request.headers.get('x-ms-client-request-id');
  if (id !== null) clientRequestIds.set(ctx, id);
}

export function blobHeaders(ctx: CallContext, version: string | null): Record<string, string> {
  const clientId = clientRequestIds.get(ctx);
  return {
    Server: BLOB_SERVER,
    'x-ms-request-id': ctx.requestId,
    ...(clientId !== undefined ? { 'x-ms-client-request-id': clientId } : {}),
    ...(version ? { 'x-ms-version': version } : {}),
  };
}

export const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Storage prints time with seven fractional digits: 2023-11-13T14:13:17.7458151Z. */
const storageTime = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_, frac: string) => `.${frac}0000Z`);

export function storageError(
  ctx: CallContext,
  version: string | null,
  status: number,
  code: string,
  message: string,
  extra: { detail?: string; headerName?: string; headers?: Record<string, string>; elements?: [string, string][] } = {},
): Response {
  const at = ctx.world.now();
  const body =
    `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${xmlEscape(message)}\nRequestId:${ctx.requestId}\nTime:${storageTime(at)}</Message>` +
    (extra.detail ? `<AuthenticationErrorDetail>${xmlEscape(extra.detail)}</AuthenticationErrorDetail>` : '') +
    (extra.headerName ? `<HeaderName>${xmlEscape(extra.headerName)}</HeaderName>` : '') +
    (extra.elements ?? []).map(([name, value]) => `<${name}>${xmlEscape(value)}</${name}>`).join('') +
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
  // "Shared access signature error codes" (learn.microsoft.com/rest/api/storageservices/sas-error-codes).
  protocolMismatch: 'This request is not authorized to perform this operation using this protocol.',
  resourceTypeMismatch: 'This request is not authorized to perform this operation using this resource type.',
  // A public capture (2022) of a Bearer request without x-ms-version.
  bearerNeedsVersion: 'Authentication scheme Bearer is not supported in this version.',
  containerNotFound: 'The specified container does not exist.',
  blobNotFound: 'The specified blob does not exist.',
  missingHeader: "An HTTP header that's mandatory for this request is not specified.",
  invalidHeader: 'The value for one of the HTTP headers is not in the correct format.',
  unsupportedVerb: "The resource doesn't support specified Http Verb.",
  tooLarge: 'The request body is too large and exceeds the maximum permissible limit.',
  internal: 'Server encountered an internal error. Please try again after some time.',
  // Azurite's StorageErrorFactory (Azure/Azurite src/blob/errors/StorageErrorFactory.ts), which copies the service's texts.
  containerExists: 'The specified container already exists.',
  blobExists: 'The specified blob already exists.',
  conditionNotMet: 'The condition specified using HTTP conditional header(s) is not met.',
  invalidRange: 'The range specified is invalid for the current size of the resource.',
  invalidBlockList: 'The specified block list is invalid.',
  invalidBlobOrBlock: 'The specified blob or block content is invalid.',
  invalidQueryValue: 'Value for one of the query parameters specified in the request URI is invalid.',
  outOfRange: 'One of the request inputs is out of range.',
  invalidXml: 'XML specified is not syntactically valid.',
  invalidResourceName: 'The specified resource name contains invalid characters.',
  resourceNotFound: 'The specified resource does not exist.',
  // Storage's common error codes table (REST docs, "Blob Storage error codes" / "Common REST API error codes").
  invalidMetadata: 'The metadata specified is invalid. It has characters that are not permitted.',
  publicAccessNotPermitted: 'Public access is not permitted on this storage account.',
  missingContentLength: 'The Content-Length header is required for this request.',
  invalidUri: 'The requested URI does not represent any resource on the server.',
} as const;
