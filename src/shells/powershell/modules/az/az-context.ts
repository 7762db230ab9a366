/**
 * Az.Accounts' signed-in context and the one way every Az cmdlet reaches Azure: a managed-identity token
 * from IMDS (cached as Azure.Identity caches it, until it expires) and real HTTP through the host's
 * fetch, so each call shows in the request log. The context lives in the session's module state, so a
 * sign-in survives runs and worker restarts as a real Az context (AzureRmContext.json) survives sessions.
 */
import type { CmdletCall, ErrorInput } from '../../engine/cmdlet';

export const ARM = 'https://management.azure.com';
/** Az.Accounts asks for the ARM resource of the environment: AzureCloud's ActiveDirectoryServiceEndpointResourceId (spec/az-cli.md §6.1). */
export const ARM_RESOURCE = 'https://management.core.windows.net/';
/** Constants.DefaultMsiAccountIdPrefix + the old MSI extension port (ConnectAzureRmAccount.cs; spec §6.1). */
export const DEFAULT_MSI_ACCOUNT = 'MSI@50342';
const IMDS_TOKEN = 'http://169.254.169.254/metadata/identity/oauth2/token';
// Invented but shaped like Az's: the module and PowerShell versions travel in the User-Agent.
const USER_AGENT = 'AzurePowershell/Az16.2.0 PSVersion/v5.1.20348.2849';

export interface AzSubscription {
  id: string;
  name: string;
  state: string;
  tenantId: string;
}

export interface AzContext {
  accountId: string;
  tenantId: string;
  subscription: AzSubscription | null;
  /** The selector Connect-AzAccount -AccountId gave, sent to IMDS with every token request. */
  selector: { name: 'client_id' | 'object_id' | 'msi_res_id'; value: string } | null;
}

interface CachedToken {
  resource: string;
  token: string;
  expiresOn: number;
  tenantId: string;
}

export function currentContext(call: CmdletCall): AzContext | undefined {
  return call.state.get<AzContext>('context');
}

export function saveContext(call: CmdletCall, context: AzContext | null): void {
  if (context) call.state.set('context', context);
  else call.state.delete('context');
  call.state.delete('tokens');
}

/** Every Az error record names the cmdlet's class; the caller passes the id's first part. */
export function azError(call: CmdletCall, spec: Omit<ErrorInput, 'exceptionTypes'> & { exceptionTypes?: string[] }): ErrorInput {
  return { exceptionTypes: ['System.Exception'], ...spec };
}

/** No context: Az.Accounts' "Run Connect-AzAccount to login." (Resources.RunConnectAccount). */
export function requireContext(call: CmdletCall): AzContext {
  const context = currentContext(call);
  if (context) return context;
  return call.fail({
    exceptionTypes: ['System.Management.Automation.PSInvalidOperationException', 'System.InvalidOperationException'],
    message: 'Run Connect-AzAccount to login.',
    category: 'CloseError',
    fullyQualifiedErrorId: 'InvalidOperation',
  });
}

/** A context without a subscription (the identity may read none): the message later cmdlets give. */
export function requireSubscription(call: CmdletCall, context: AzContext): AzSubscription {
  if (context.subscription) return context.subscription;
  return call.fail({
    exceptionTypes: ['Microsoft.Azure.Commands.Common.Exceptions.AzPSApplicationException', 'System.Exception'],
    message: 'No subscription found in the context.  Please ensure that the credentials you provided are authorized to access an Azure subscription, then run Connect-AzAccount to login.',
    category: 'CloseError',
    fullyQualifiedErrorId: 'Microsoft.Azure.Commands.Common.Exceptions.AzPSApplicationException',
  });
}

function decodeClaims(jwt: string): Record<string, unknown> {
  try {
    const part = jwt.split('.')[1] ?? '';
    const text = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    return JSON.parse(decodeURIComponent(escape(text))) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export function tenantOf(jwt: string): string {
  const tid = decodeClaims(jwt).tid;
  return typeof tid === 'string' ? tid : '';
}

function nowSeconds(call: CmdletCall): number {
  return Math.floor(call.host.now().getTime() / 1000);
}

/**
 * The credential's token request. Where MSI_ENDPOINT is set (Cloud Shell's container) Azure.Identity
 * picks its CloudShellManagedIdentitySource: a POST of `resource=<resource>` (plus `client_id` when one
 * was named) as a form, with `Metadata: true` (Azure.Identity CloudShellManagedIdentitySource.cs);
 * elsewhere IMDS (ImdsManagedIdentitySource.cs).
 */
function tokenRequest(call: CmdletCall, selector: AzContext['selector'], resource: string): Request {
  const endpoint = call.host.env('MSI_ENDPOINT');
  if (endpoint) {
    const form = new URLSearchParams({ resource });
    if (selector?.name === 'client_id') form.set('client_id', selector.value);
    return new Request(endpoint, { method: 'POST', body: form.toString(), headers: { Metadata: 'true', 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': USER_AGENT } });
  }
  const url = new URL(IMDS_TOKEN);
  url.searchParams.set('api-version', '2018-02-01');
  url.searchParams.set('resource', resource);
  if (selector) url.searchParams.set(selector.name, selector.value);
  return new Request(url, { headers: { Metadata: 'true', 'User-Agent': USER_AGENT } });
}

/**
 * A token from IMDS for `resource` as Azure.Identity's ManagedIdentityCredential asks for it (api-version
 * 2018-02-01, `resource`, then the identity selector; Metadata: true). IMDS failures become the
 * credential's own message (Azure.Identity ImdsManagedIdentitySource; spec §6.2).
 */
export async function imdsToken(call: CmdletCall, selector: AzContext['selector'], resource: string): Promise<CachedToken> {
  let response: Response;
  try {
    response = await call.host.fetch(tokenRequest(call, selector, resource));
  } catch {
    return call.fail({
      exceptionTypes: ['Azure.Identity.CredentialUnavailableException', 'Azure.Identity.AuthenticationFailedException', 'System.Exception'],
      message: 'ManagedIdentityCredential authentication unavailable. Multiple attempts failed to obtain a token from the managed identity endpoint.',
      category: 'CloseError',
      fullyQualifiedErrorId: 'Microsoft.Azure.Commands.Profile.ConnectAzureRmAccountCommand',
      unqualified: true,
    });
  }
  const text = await response.text();
  if (response.status !== 200) {
    const headers = [...response.headers].map(([k, v]) => `${k.replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase())}: ${v}`).join('\n');
    const unavailable = response.status === 400;
    const lead = unavailable ? 'ManagedIdentityCredential authentication unavailable. The requested identity has not been assigned to this resource.' : 'ManagedIdentityCredential authentication failed: Service request failed.';
    return call.fail({
      exceptionTypes: unavailable ? ['Azure.Identity.CredentialUnavailableException', 'Azure.Identity.AuthenticationFailedException', 'System.Exception'] : ['Azure.Identity.AuthenticationFailedException', 'System.Exception'],
      message: `${lead}\nStatus: ${response.status} (${response.statusText || (unavailable ? 'Bad Request' : 'Error')})\n\nContent:\n${text}\n\nHeaders:\n${headers}`,
      category: 'CloseError',
      fullyQualifiedErrorId: 'Microsoft.Azure.Commands.Profile.ConnectAzureRmAccountCommand',
      unqualified: true,
    });
  }
  const body = JSON.parse(text) as { access_token: string; expires_on: string };
  return { resource, token: body.access_token, expiresOn: Number(body.expires_on), tenantId: tenantOf(body.access_token) };
}

/** The cached token for `resource`, or a new one (Azure.Identity refreshes five minutes before expiry). */
export async function accessToken(call: CmdletCall, context: AzContext, resource: string): Promise<CachedToken> {
  const cache = call.state.get<CachedToken[]>('tokens') ?? [];
  const hit = cache.find((t) => t.resource === resource && t.expiresOn - 300 > nowSeconds(call));
  if (hit) return hit;
  const fresh = await imdsToken(call, context.selector, resource);
  call.state.set('tokens', [...cache.filter((t) => t.resource !== resource), fresh]);
  return fresh;
}

export interface HttpResult {
  status: number;
  statusText: string;
  text: string;
  json: unknown;
  headers: Headers;
}

/** One authenticated request as the signed-in identity. */
export async function send(call: CmdletCall, context: AzContext, method: string, url: string, resource: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<HttpResult> {
  const { token } = await accessToken(call, context, resource);
  return sendSigned(call, method, url, { Authorization: `Bearer ${token}`, ...extraHeaders }, body);
}

/** A request whose credential is already in it: a bearer header, or a SAS in the URL's query. */
export async function sendSigned(call: CmdletCall, method: string, url: string, extraHeaders: Record<string, string>, body?: unknown): Promise<HttpResult> {
  const headers: Record<string, string> = { 'User-Agent': USER_AGENT, 'x-ms-client-request-id': crypto.randomUUID(), ...extraHeaders };
  const init: RequestInit = { method, headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json; charset=utf-8';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  // A vault or account name the user typed ends up in the host name ('No Role' → https://No Role.vault…):
  // .NET's Uri refuses it before anything is sent. (Message from System.Uri; the record's shape is ours.)
  if (!URL.canParse(url)) {
    return call.fail({
      exceptionTypes: ['System.UriFormatException', 'System.FormatException'],
      message: 'Invalid URI: The hostname could not be parsed.',
      category: 'CloseError',
      fullyQualifiedErrorId: 'System.UriFormatException',
      unqualified: false,
    });
  }
  let response: Response;
  try {
    response = await call.host.fetch(new Request(url, init));
  } catch (error) {
    const host = new URL(url).host;
    return call.fail({
      exceptionTypes: ['System.Net.Http.HttpRequestException', 'System.Exception'],
      message: `An error occurred while sending the request. ${(error as { code?: string }).code === 'ENOTFOUND' ? `The remote name could not be resolved: '${host}'` : 'Unable to connect to the remote server'}`,
      category: 'CloseError',
      fullyQualifiedErrorId: 'System.Net.Http.HttpRequestException',
      unqualified: false,
    });
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, statusText: response.statusText, text, json, headers: response.headers };
}

export function armUrl(path: string, apiVersion: string, query: Record<string, string> = {}): string {
  const url = new URL(ARM + path);
  url.searchParams.set('api-version', apiVersion);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url.toString();
}

/** ARM's `{error: {code, message}}`, whatever the service sent. */
export function armErrorOf(result: HttpResult): { code: string; message: string } {
  const error = (result.json as { error?: { code?: string; message?: string } } | null)?.error;
  return { code: error?.code ?? String(result.status), message: error?.message ?? result.text };
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 429: 'Too Many Requests', 500: 'Internal Server Error' };

export function reasonOf(result: HttpResult): string {
  return result.statusText || REASONS[result.status] || 'Error';
}

/**
 * An ARM failure as Az shows it (spec/az-cli.md §6.8): Az.Resources appends StatusCode / ReasonPhrase /
 * OperationID lines; Az.Compute adds ErrorCode / ErrorTarget first. `OperationID :` keeps its space.
 */
export function failArm(call: CmdletCall, result: HttpResult, family: 'resources' | 'compute' | 'msi' | 'authorization'): never {
  const { code, message } = armErrorOf(result);
  const operationId = result.headers.get('x-ms-request-id') ?? '';
  const tail = `StatusCode: ${result.status}\nReasonPhrase: ${reasonOf(result)}\nOperationID : ${operationId}`;
  if (family === 'compute') {
    return call.fail({
      exceptionTypes: ['Microsoft.Azure.Commands.Compute.Common.ComputeCloudException', 'System.Exception'],
      message: `${message}\nErrorCode: ${code}\nErrorTarget: \n${tail}`,
      category: 'CloseError',
      fullyQualifiedErrorId: 'Microsoft.Azure.Commands.Compute.Common.ComputeCloudException',
    });
  }
  return call.fail({
    exceptionTypes: ['Microsoft.Azure.Commands.ResourceManager.Common.ResourceManagerCloudException', 'System.Exception'],
    message: family === 'authorization' ? `Operation returned an invalid status code '${reasonOf(result).replace(/ /g, '')}'\n${code}: ${message}` : `${message}\n${tail}`,
    category: 'CloseError',
    fullyQualifiedErrorId: family === 'authorization' ? 'Microsoft.Rest.Azure.CloudException' : 'Microsoft.Azure.Commands.ResourceManager.Common.ResourceManagerCloudException',
  });
}

/** Any ARM call with the ARM token; a failure becomes the module's error record. */
export async function armCall(call: CmdletCall, context: AzContext, method: string, path: string, apiVersion: string, family: Parameters<typeof failArm>[2], body?: unknown): Promise<HttpResult> {
  const result = await send(call, context, method, armUrl(path, apiVersion), ARM_RESOURCE, body);
  if (result.status >= 400) failArm(call, result, family);
  return result;
}

/** GET with the ARM token; a failure becomes the module's error record. */
export async function armGet(call: CmdletCall, context: AzContext, path: string, apiVersion: string, family: Parameters<typeof failArm>[2], query: Record<string, string> = {}): Promise<unknown> {
  const result = await send(call, context, 'GET', armUrl(path, apiVersion, query), ARM_RESOURCE);
  if (result.status >= 400) failArm(call, result, family);
  return result.json;
}

/** All pages of an ARM list (`value` + `nextLink`). */
/** A module's own way to report an ARM failure: an error family of failArm, or a function that throws. */
export type ArmFailure = Parameters<typeof failArm>[2] | ((result: HttpResult) => never);

export async function armList(call: CmdletCall, context: AzContext, path: string, apiVersion: string, family: ArmFailure, query: Record<string, string> = {}): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let url: string | null = armUrl(path, apiVersion, query);
  for (let page = 0; url && page < 50; page++) {
    const result = await send(call, context, 'GET', url, ARM_RESOURCE);
    if (result.status >= 400) {
      if (typeof family === 'function') family(result);
      else failArm(call, result, family);
    }
    const body = result.json as { value?: Record<string, unknown>[]; nextLink?: string } | null;
    out.push(...(body?.value ?? []));
    url = body?.nextLink ?? null;
  }
  return out;
}
