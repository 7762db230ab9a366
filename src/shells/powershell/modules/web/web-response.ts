/**
 * The objects 5.1's web cmdlets hand back: the (Basic)HtmlWebResponseObject with its default list view,
 * and the HttpWebResponse inside a WebException, whose StatusCode is the HttpStatusCode enum
 * (`$_.Exception.Response.StatusCode` prints `Forbidden`; `.value__` or `[int]` gives 403).
 */
import { PSEnum, PSHashtable, PSObject } from '../../runtime/values';

/** .NET Framework's HttpStatusCode names; 429 has none in .NET Framework, so it stays a number. */
const STATUS_NAMES: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'NoContent',
  301: 'Moved',
  302: 'Found',
  304: 'NotModified',
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  408: 'RequestTimeout',
  409: 'Conflict',
  410: 'Gone',
  412: 'PreconditionFailed',
  500: 'InternalServerError',
  501: 'NotImplemented',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

/** Reason phrases as HttpWebResponse.StatusDescription / WebException messages show them. */
const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function reasonPhrase(status: number, fromServer?: string): string {
  return REASONS[status] ?? (fromServer || 'Unknown');
}

export function statusCodeEnum(status: number): PSEnum | number {
  const name = STATUS_NAMES[status];
  return name ? new PSEnum('System.Net.HttpStatusCode', name, status) : status;
}

const CANONICAL: Record<string, string> = {
  'content-length': 'Content-Length',
  'content-type': 'Content-Type',
  date: 'Date',
  server: 'Server',
  'cache-control': 'Cache-Control',
  pragma: 'Pragma',
  expires: 'Expires',
  vary: 'Vary',
  'strict-transport-security': 'Strict-Transport-Security',
  etag: 'ETag',
  location: 'Location',
  'retry-after': 'Retry-After',
  'www-authenticate': 'WWW-Authenticate',
  'x-content-type-options': 'X-Content-Type-Options',
};

/** fetch() lower-cases header names; .NET shows the standard ones in their usual casing. */
export function responseHeaders(response: Response, bodyBytes: number): PSHashtable {
  const h = new PSHashtable();
  h.showPairs = true;
  let hasLength = false;
  response.headers.forEach((value, name) => {
    if (name === 'content-length') hasLength = true;
    h.set((Object.hasOwn(CANONICAL, name) ? CANONICAL[name] : undefined) ?? name, value);
  });
  if (!hasLength) {
    const sorted = new PSHashtable();
    sorted.showPairs = true;
    sorted.set('Content-Length', String(bodyBytes));
    for (const e of h.entries.values()) sorted.set(e.name, e.value);
    return sorted;
  }
  return h;
}

const CONTENT_PREVIEW = 200;

function preview(text: string): string {
  // 5.1's view shows about the first 200 characters of Content and RawContent followed by "...".
  return text.length > CONTENT_PREVIEW ? text.slice(0, CONTENT_PREVIEW) + '...' : text;
}

export function webResponseObject(opts: {
  status: number;
  statusText: string;
  headers: PSHashtable;
  content: string;
  byteLength: number;
  basicParsing: boolean;
}): PSObject {
  const typeName = opts.basicParsing ? 'Microsoft.PowerShell.Commands.BasicHtmlWebResponseObject' : 'Microsoft.PowerShell.Commands.HtmlWebResponseObject';
  const o = new PSObject([typeName, 'Microsoft.PowerShell.Commands.WebResponseObject', 'System.Object']);
  const headerLines = [...opts.headers.entries.values()].map((e) => `${String(e.name)}: ${String(e.value)}`);
  const raw = `HTTP/1.1 ${opts.status} ${opts.statusText}\r\n${headerLines.join('\r\n')}\r\n\r\n${opts.content}`;
  const empty: unknown[] = [];
  o.set('StatusCode', opts.status)
    .set('StatusDescription', opts.statusText)
    .set('Content', opts.content)
    .set('RawContent', raw)
    .set('Forms', opts.basicParsing ? null : empty)
    .set('Headers', opts.headers)
    .set('Images', empty)
    .set('InputFields', empty)
    .set('Links', empty)
    .set('ParsedHtml', opts.basicParsing ? null : 'mshtml.HTMLDocumentClass')
    .set('RawContentLength', opts.byteLength)
    .set('RawContentStream', 'System.IO.MemoryStream')
    .set('BaseResponse', 'System.Net.HttpWebResponse');
  o.defaultDisplay = ['StatusCode', 'StatusDescription', 'Content', 'RawContent', 'Forms', 'Headers', 'Images', 'InputFields', 'Links', 'ParsedHtml', 'RawContentLength'];
  o.view = 'list';
  o.displayText = { Content: preview(opts.content), RawContent: preview(raw) };
  if (!opts.basicParsing) o.displayText.Forms = '{}';
  o.stringify = () => opts.content;
  o.method('ToString', () => opts.content);
  return o;
}

/** The HttpWebResponse a WebException carries for 4xx/5xx. */
export function httpWebResponse(opts: { status: number; statusText: string; headers: PSHashtable; url: string; method: string }): PSObject {
  const o = new PSObject(['System.Net.HttpWebResponse', 'System.Net.WebResponse', 'System.MarshalByRefObject', 'System.Object']);
  const contentType = opts.headers.get('Content-Type');
  const length = Number(opts.headers.get('Content-Length') ?? -1);
  o.set('IsMutuallyAuthenticated', false)
    .set('Cookies', [])
    .set('Headers', opts.headers)
    .set('SupportsHeaders', true)
    .set('ContentLength', length)
    .set('ContentEncoding', '')
    .set('ContentType', contentType ?? '')
    .set('CharacterSet', /charset=([^;]+)/i.exec(String(contentType ?? ''))?.[1] ?? '')
    .set('Server', opts.headers.get('Server') ?? '')
    .set('LastModified', null)
    .set('StatusCode', statusCodeEnum(opts.status))
    .set('StatusDescription', opts.statusText)
    .set('ProtocolVersion', '1.1')
    .set('ResponseUri', opts.url)
    .set('Method', opts.method.toUpperCase())
    .set('IsFromCache', false);
  o.view = 'list';
  o.stringify = () => 'System.Net.HttpWebResponse';
  return o;
}
