/**
 * Sending requests as the CLI's SDK clients do: azure-core's headers (User-Agent, client request id,
 * CommandName, ParameterSetName), `--debug` lines in the order and form the CLI logs them
 * (azure-cli-core sdk/policies.py: `Request URL: %r`, four-space header lines with Authorization
 * masked, `Response status: 200` …; urllib3's connection lines), and service errors as azure-core's
 * HttpResponseError message. Every request goes through the session's fetch, so it lands in the
 * request timeline like any curl.
 */
import type { AzContext } from './context';
import { AzCliError, serviceError } from './errors';
import { USER_AGENT } from './version';

const POLICIES = 'cli.azure.cli.core.sdk.policies';
const URLLIB3 = 'urllib3.connectionpool';

export interface SendOptions {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Log through azure-core's policy (ARM and data-plane SDKs) or only through urllib3 (MSAL). */
  sdkLogging?: boolean;
}

export interface RawResponse {
  status: number;
  reason: string;
  headers: Headers;
  text: string;
  bytes: Uint8Array;
}

/** Python repr of a str: single quotes unless the text has one and no double quote. */
export function pyRepr(text: string): string {
  const useDouble = text.includes("'") && !text.includes('"');
  const q = useDouble ? '"' : "'";
  const escaped = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return `${q}${useDouble ? escaped : escaped.replace(/'/g, "\\'")}${q}`;
}

const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized',
  403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 410: 'Gone', 412: 'Precondition Failed',
  413: 'Request Entity Too Large', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export function reasonOf(status: number, statusText: string): string {
  return statusText || REASONS[status] || '';
}

/** Network failures below HTTP, as requests/urllib3 word them (the CLI shows the exception text). */
function connectionError(url: URL, error: unknown): AzCliError {
  const code = (error as { code?: string; cause?: { code?: string } })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  const scheme = url.protocol === 'https:' ? 'HTTPS' : 'HTTP';
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const pool = `${scheme}ConnectionPool(host='${url.hostname}', port=${port})`;
  const path = `${url.pathname}${url.search}`;
  const cause =
    code === 'ENOTFOUND'
      ? `NameResolutionError("<urllib3.connection.${scheme}Connection object at 0x7f3a9c2b1d30>: Failed to resolve '${url.hostname}' ([Errno -2] Name or service not known)")`
      : code === 'ECONNREFUSED'
        ? `NewConnectionError('<urllib3.connection.${scheme}Connection object at 0x7f3a9c2b1d30>: Failed to establish a new connection: [Errno 111] Connection refused')`
        : `ConnectTimeoutError(<urllib3.connection.${scheme}Connection object at 0x7f3a9c2b1d30>, 'Connection to ${url.hostname} timed out. (connect timeout=None)')`;
  return new AzCliError(`${pool}: Max retries exceeded with url: ${path} (Caused by ${cause})`);
}

export async function send(ctx: AzContext, options: SendOptions): Promise<RawResponse> {
  const url = new URL(options.url);
  const headers = new Headers(options.headers ?? {});
  const sdk = options.sdkLogging ?? true;
  if (sdk) {
    // azure-cli appends AZURE_HTTP_USER_AGENT (Cloud Shell sets `cloud-shell/1.0`) to its User-Agent.
    const suffix = ctx.env.get('AZURE_HTTP_USER_AGENT');
    if (!headers.has('user-agent')) headers.set('User-Agent', suffix ? `${USER_AGENT} ${suffix}` : USER_AGENT);
    headers.set('x-ms-client-request-id', crypto.randomUUID());
    headers.set('CommandName', ctx.commandName);
    headers.set('ParameterSetName', ctx.parameterSetName);
    ctx.log.debug(POLICIES, `Request URL: ${pyRepr(options.url)}`);
    ctx.log.debug(POLICIES, `Request method: ${pyRepr(options.method)}`);
    ctx.log.debug(POLICIES, 'Request headers:');
    for (const [name, value] of headers) {
      const shown = name === 'authorization' || name === 'x-ms-authorization-auxiliary' ? '*****' : value;
      ctx.log.debug(POLICIES, `    ${pyRepr(titleCase(name))}: ${pyRepr(shown)}`);
    }
    ctx.log.debug(POLICIES, 'Request body:');
    ctx.log.debug(POLICIES, options.body === undefined ? 'This request has no body' : typeof options.body === 'string' ? options.body : 'Body contains binary data.');
  }
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  ctx.log.debug(URLLIB3, `Starting new ${url.protocol === 'https:' ? 'HTTPS' : 'HTTP'} connection (1): ${url.hostname}:${port}`);
  let response: Response;
  try {
    response = await ctx.fetch(
      new Request(options.url, {
        method: options.method,
        headers,
        ...(options.body !== undefined ? { body: options.body as BodyInit } : {}),
      }),
    );
  } catch (error) {
    throw connectionError(url, error);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  const length = response.headers.get('content-length') ?? (bytes.length ? String(bytes.length) : 'None');
  ctx.log.debug(URLLIB3, `${url.protocol.replace(':', '')}://${url.hostname}:${port} "${options.method} ${url.pathname}${url.search} HTTP/1.1" ${response.status} ${length}`);
  if (sdk) {
    ctx.log.debug(POLICIES, `Response status: ${response.status}`);
    ctx.log.debug(POLICIES, 'Response headers:');
    for (const [name, value] of response.headers) ctx.log.debug(POLICIES, `    ${pyRepr(titleCase(name))}: ${pyRepr(value)}`);
    ctx.log.debug(POLICIES, 'Response content:');
    ctx.log.debug(POLICIES, text);
  }
  return { status: response.status, reason: reasonOf(response.status, response.statusText), headers: response.headers, text, bytes };
}

/** fetch's Headers lower-case every name; the SDK logs them as sent (Title-Case, x-ms-* as is). */
function titleCase(name: string): string {
  if (name.startsWith('x-ms-') || name.startsWith('x-client')) return name;
  const special: Record<string, string> = { commandname: 'CommandName', parametersetname: 'ParameterSetName', etag: 'ETag' };
  return special[name] ?? name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

export function parseJson(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Fails with azure-core's HttpResponseError text when the status is not one the operation expects. */
export function expectOk(response: RawResponse, ok: readonly number[] = [200, 201, 202, 204]): unknown {
  const body = parseJson(response.text);
  if (!ok.includes(response.status)) throw serviceError(response.status, body, response.reason);
  return body;
}
