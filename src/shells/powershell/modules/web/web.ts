/**
 * Invoke-WebRequest and Invoke-RestMethod as Windows PowerShell 5.1 has them. The only way out is the
 * VM-bound fetch the session was given. 4xx/5xx become WebException error records carrying the body as
 * ErrorDetails; network failures map to .NET's messages. 5.1 has no -NoProxy, -SkipHttpErrorCheck or
 * -StatusCodeVariable (PowerShell 6+), so those fail to bind exactly as they do on the VM.
 */
import { PSEnum, PSHashtable } from '../../runtime/values';
import { toPsString } from '../../runtime/conversions';
import { arg, flag, type CmdletCall, type CmdletDef, type ParamDef } from '../../engine/cmdlet';
import { LimitExceeded } from '../../engine/run-limits';
import { parseJson } from '../../format/json';
import { httpWebResponse, reasonPhrase, responseHeaders, webResponseObject } from './web-response';

const PARAMS: ParamDef[] = [
  { name: 'Uri', type: 'uri', position: 0 },
  { name: 'Method', type: 'webmethod' },
  { name: 'Headers', type: 'dictionary' },
  { name: 'Body', type: 'object' },
  { name: 'ContentType', type: 'string' },
  { name: 'UseBasicParsing', type: 'switch' },
  { name: 'TimeoutSec', type: 'int' },
  { name: 'UserAgent', type: 'string' },
  { name: 'UseDefaultCredentials', type: 'switch' },
  { name: 'DisableKeepAlive', type: 'switch' },
  { name: 'MaximumRedirection', type: 'int' },
  { name: 'WebSession', type: 'object' },
  { name: 'SessionVariable', type: 'string', aliases: ['SV'] },
  { name: 'Credential', type: 'object' },
  { name: 'CertificateThumbprint', type: 'string' },
  { name: 'Certificate', type: 'object' },
  { name: 'Proxy', type: 'uri' },
  { name: 'ProxyCredential', type: 'object' },
  { name: 'ProxyUseDefaultCredentials', type: 'switch' },
  { name: 'TransferEncoding', type: 'string' },
  { name: 'InFile', type: 'string' },
  { name: 'OutFile', type: 'string' },
  { name: 'PassThru', type: 'switch' },
];

const USER_AGENT = 'Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.20348.2849';

interface WebFailure {
  message: string;
  status: string;
  statusValue: number;
}

function networkFailure(error: unknown, host: string): WebFailure {
  const code = (error as { code?: unknown } | null)?.code;
  const name = (error as { name?: unknown } | null)?.name;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { message: `The remote name could not be resolved: '${host}'`, status: 'NameResolutionFailure', statusValue: 1 };
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return { message: 'Unable to connect to the remote server', status: 'ConnectFailure', statusValue: 2 };
  if (code === 'ETIMEDOUT' || name === 'TimeoutError' || name === 'AbortError') return { message: 'The operation has timed out.', status: 'Timeout', statusValue: 14 };
  return { message: 'The underlying connection was closed: An unexpected error occurred on a send.', status: 'SendFailure', statusValue: 4 };
}

function prepareUri(call: CmdletCall, raw: string): URL {
  // 5.1 prepends http:// to a URI without a scheme (WebRequestPSCmdlet.PrepareUri).
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : 'http://' + raw;
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    return url;
  } catch {
    return call.fail({
      exceptionTypes: ['System.NotSupportedException'],
      message: raw.trim() === '' ? 'Invalid URI: The URI is empty.' : 'The URI prefix is not recognized.',
      category: 'NotSpecified',
      fullyQualifiedErrorId: 'System.NotSupportedException',
    });
  }
}

function bodyFor(call: CmdletCall, method: string, url: URL): string | undefined {
  const body = arg(call, 'Body');
  if (body === undefined || body === null) return undefined;
  if (body instanceof PSHashtable) {
    const form = [...body.entries.values()].map((e) => `${encodeURIComponent(toPsString(e.name))}=${encodeURIComponent(toPsString(e.value))}`).join('&');
    if (method === 'GET') {
      // 5.1 turns a dictionary body on GET into the query string.
      url.search = url.search ? `${url.search}&${form}` : form;
      return undefined;
    }
    return form;
  }
  if (method === 'GET' || method === 'HEAD') {
    call.fail({
      exceptionTypes: ['System.Net.ProtocolViolationException', 'System.InvalidOperationException'],
      message: 'Cannot send a content-body with this verb-type.',
      category: 'NotSpecified',
      fullyQualifiedErrorId: 'System.Net.ProtocolViolationException',
    });
  }
  return toPsString(body);
}

async function send(call: CmdletCall, mode: 'iwr' | 'irm'): Promise<unknown[]> {
  const host = call.host;
  const limits = call.limits;
  const rawUri = arg(call, 'Uri');
  if (rawUri === undefined) {
    call.fail({
      exceptionTypes: ['System.Management.Automation.ParameterBindingException'],
      message: 'Cannot process command because of one or more missing mandatory parameters: Uri.',
      category: 'InvalidArgument',
      fullyQualifiedErrorId: 'MissingMandatoryParameter',
    });
  }
  for (const unsupported of ['outfile', 'infile', 'certificate', 'certificatethumbprint', 'proxy', 'websession', 'credential']) {
    if (call.bound.has(unsupported)) {
      call.fail({
        exceptionTypes: ['System.NotSupportedException'],
        message: `The -${PARAMS.find((p) => p.name.toLowerCase() === unsupported)?.name} parameter is not simulated here.`,
        category: 'NotImplemented',
        fullyQualifiedErrorId: 'NotSimulated',
      });
    }
  }
  const url = prepareUri(call, String(rawUri));
  const methodName = (arg<string>(call, 'Method') ?? 'Default').toUpperCase();
  const method = methodName === 'DEFAULT' ? 'GET' : methodName;
  const headers = new Headers();
  headers.set('User-Agent', arg<string>(call, 'UserAgent') ?? USER_AGENT);
  const given = arg<PSHashtable>(call, 'Headers');
  if (given) for (const e of given.entries.values()) headers.set(toPsString(e.name), toPsString(e.value));
  const contentType = arg<string>(call, 'ContentType');
  const body = bodyFor(call, method, url);
  if (body !== undefined) headers.set('Content-Type', contentType ?? 'application/x-www-form-urlencoded');
  else if (contentType && method !== 'GET') headers.set('Content-Type', contentType);

  const controller = new AbortController();
  const timeoutSec = arg<number>(call, 'TimeoutSec');
  const request = new Request(url.href, { method, headers, ...(body !== undefined ? { body } : {}), signal: controller.signal });
  const activity = mode === 'iwr' ? 'Invoke-WebRequest' : 'Invoke-RestMethod';
  const webError = (message: string, status: PSEnum, extra: Record<string, unknown>, details?: string) =>
    call.fail({
      exceptionTypes: ['System.Net.WebException', 'System.InvalidOperationException', 'System.SystemException'],
      message,
      ...(details ? { details } : {}),
      category: 'InvalidOperation',
      targetName: 'System.Net.HttpWebRequest',
      targetType: 'HttpWebRequest',
      fullyQualifiedErrorId: 'WebCmdletWebResponseException',
      exceptionProps: { Status: status, Response: null, ...extra },
      targetObject: activity,
    });

  let response: Response;
  const budget = limits.remaining();
  const timeoutMs = timeoutSec && timeoutSec > 0 ? Math.min(timeoutSec * 1000, budget) : budget;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onAbort = () => controller.abort();
  limits.signal?.addEventListener('abort', onAbort);
  try {
    response = await Promise.race([
      host.fetch(request),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(timeoutSec && timeoutSec * 1000 <= budget ? Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }) : new LimitExceeded('time'));
        }, timeoutMs);
      }),
    ]);
  } catch (error) {
    if (error instanceof LimitExceeded) throw error;
    if (limits.signal?.aborted) throw new LimitExceeded('cancelled');
    const f = networkFailure(error, url.hostname);
    return webError(f.message, new PSEnum('System.Net.WebExceptionStatus', f.status, f.statusValue), {});
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    limits.signal?.removeEventListener('abort', onAbort);
  }

  const bytes = new Uint8Array(await response.arrayBuffer());
  const content = new TextDecoder('utf-8').decode(bytes);
  const statusText = reasonPhrase(response.status, response.statusText);
  const respHeaders = responseHeaders(response, bytes.length);
  if (response.status >= 400) {
    const resp = httpWebResponse({ status: response.status, statusText, headers: respHeaders, url: url.href, method });
    return webError(
      `The remote server returned an error: (${response.status}) ${response.status === 503 ? 'Server Unavailable' : statusText}.`,
      new PSEnum('System.Net.WebExceptionStatus', 'ProtocolError', 7),
      { Response: resp },
      content.length > 0 ? content : undefined,
    );
  }
  if (mode === 'irm') {
    const type = String(respHeaders.get('Content-Type') ?? '');
    if (/json/i.test(type) || /^\s*[[{]/.test(content)) {
      try {
        // 5.1 writes a JSON array as one object rather than enumerating it.
        const parsed = parseJson(content);
        return [parsed];
      } catch {
        return [content];
      }
    }
    return content === '' ? [] : [content];
  }
  return [
    webResponseObject({
      status: response.status,
      statusText,
      headers: respHeaders,
      content,
      byteLength: bytes.length,
      basicParsing: flag(call, 'UseBasicParsing'),
    }),
  ];
}

export const invokeWebRequest: CmdletDef = {
  name: 'Invoke-WebRequest',
  aliases: ['iwr', 'curl', 'wget'],
  className: 'Microsoft.PowerShell.Commands.InvokeWebRequestCommand',
  synopsis: 'Gets content from a web page on the Internet.',
  params: PARAMS,
  run: (call) => send(call, 'iwr'),
};

export const invokeRestMethod: CmdletDef = {
  name: 'Invoke-RestMethod',
  aliases: ['irm'],
  className: 'Microsoft.PowerShell.Commands.InvokeRestMethodCommand',
  synopsis: 'Sends an HTTP or HTTPS request to a RESTful web service.',
  params: PARAMS,
  run: (call) => send(call, 'irm'),
};
