/**
 * Every IMDS error body in one place, each next to where its text comes from (imds.md §1.4, §2).
 * The identity endpoints use the OAuth form `{error, error_description}`; `/metadata/instance`
 * and the api-version errors use IMDS's one-field `{"error":"Bad request. …"}` form.
 */
import { jsonReply } from '../http/respond';
import { imdsHeaders } from './respond';

export interface ImdsErrorBody {
  error: string;
  error_description?: string;
  [extra: string]: unknown;
}

export function imdsError(status: number, body: ImdsErrorBody, at: number): Response {
  return jsonReply(body, { status, at, headers: imdsHeaders() });
}

const oauth = (error: string, error_description: string): ImdsErrorBody => ({ error, error_description });

export const IMDS_ERRORS = {
  // imds.md §1.4: SDK fixtures (which model the real service) use invalid_request; the docs'
  // bad_request_102 is the App Service form. Real service wins.
  metadataHeader: () => oauth('invalid_request', 'Required metadata header not specified'),
  // imds.md §1.4: /metadata/instance uses the one-field form.
  instanceMetadataHeader: () => ({ error: 'Bad request. Required metadata header not specified' }),
  // Invented: the docs say such requests "are rejected" but give no status or body.
  forwardedFor: () => oauth('invalid_request', "Requests with the 'X-Forwarded-For' header are not accepted; IMDS cannot be called through a proxy"),
  // imds.md §2 "Versioning" (documented body; newest-versions are this sandbox's three newest).
  apiVersionMissing: (newest: readonly string[]) => ({
    error: 'Bad request. api-version was not specified in the request. For more information refer to aka.ms/azureimds',
    'newest-versions': [...newest],
  }),
  // imds.md §1.4: the Python and Go test mocks' text (not official).
  apiVersionInvalid: (newest: readonly string[]) => ({
    error: 'Bad request. api-version is invalid or was not specified in the request. For more information refer to aka.ms/azureimds',
    'newest-versions': [...newest],
  }),
  resourceMissing: () => oauth('invalid_request', "Required query variable 'resource' is missing"),
  identityNotFound: () => oauth('invalid_request', 'Identity not found'),
  multipleUserAssigned: () =>
    oauth('invalid_request', 'Multiple user assigned identities exist, please specify the clientId / resourceId of the identity in the token request'),
  // Invented text: IMDS rejects these (imds.md §1.1) but no capture of the wording exists.
  selectorConflict: () => oauth('invalid_request', 'Only one of client_id, object_id or msi_res_id can be specified in the request'),
  repeatedParameter: (name: string) => oauth('invalid_request', `Query parameter '${name}' is specified more than once`),
  // imds.md §1.4, the REST spec's examples.
  methodNotAllowed: () => oauth('method_not_allowed', 'Not allowed'),
  notFound: () => oauth('not_found', 'Not found'),
  // imds.md §2: 404 for an instance element that does not exist; one-field form like its siblings (ours).
  instanceNotFound: () => ({ error: 'Not found' }),
  // imds.md §2 error table: a leaf needs format=text (wording ours, after the table's description).
  leafNeedsText: () => ({ error: 'Bad request. Querying a leaf node requires the format=text parameter' }),
  // Invented: text output exists only for leaves.
  textNeedsLeaf: () => ({ error: 'Bad request. The format=text parameter can only be used on a leaf node' }),
  invalidFormat: (format: string) => ({ error: `Bad request. Unsupported format '${format}'. Supported values are json and text` }),
} as const;

/**
 * Entra's AADSTS500011, passed through by IMDS for a resource Entra does not know (imds.md §1.4):
 * the description ends with trace, correlation and timestamp lines, repeated as fields.
 */
export function invalidResourceBody(description: string, at: number, traceId: string, correlationId: string): ImdsErrorBody {
  const iso = new Date(at).toISOString();
  // Entra prints "2026-01-15 09:00:00Z" (no T, no milliseconds).
  const timestamp = `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;
  return {
    error: 'invalid_resource',
    error_description: `${description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [500011],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: 'https://login.microsoftonline.com/error?code=500011',
  };
}
