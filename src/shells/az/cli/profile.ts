/**
 * The CLI's accounts and credentials, after azure-cli-core `_profile.py` (2.73+): accounts live in
 * `~/.azure/azureProfile.json` ({"installationId", "subscriptions": [...]}) on the VM's own disk, so
 * a sign-in survives like a real home directory does. Managed identity tokens come from IMDS through
 * MSAL (auth/msal_credentials.py, msal/managed_identity.py); Cloud Shell's from its local endpoint
 * (msal/cloudshell.py: POST http://localhost:50342/oauth2/token, `resource=<scheme://host>`,
 * `Metadata: true`). Tokens are cached for one invocation only (MSAL's in-memory cache).
 */
import type { AzContext } from './context';
import { AZ_LOGIN_MESSAGE, AzCliError } from './errors';
import { parseJson, send } from './http';
import { MSAL_SKU } from './version';

export const ARM_RESOURCE = 'https://management.core.windows.net/';
export const ARM_ENDPOINT = 'https://management.azure.com';
const IMDS_TOKEN = 'http://169.254.169.254/metadata/identity/oauth2/token';
const CLOUD_SHELL_TOKEN = 'http://localhost:50342/oauth2/token';

export interface AccountUser {
  name: string;
  type: 'servicePrincipal' | 'user';
  assignedIdentityInfo?: string;
  cloudShellID?: boolean;
}

export interface Account {
  environmentName: string;
  homeTenantId?: string;
  id: string;
  isDefault: boolean;
  managedByTenants?: { tenantId: string }[] | null;
  name: string;
  state: string;
  tenantId: string;
  user: AccountUser;
  [key: string]: unknown;
}

interface ProfileFile {
  installationId?: string;
  subscriptions: Account[];
}

const profilePath = (ctx: AzContext) => `${ctx.files.home}/.azure/azureProfile.json`;

export async function loadProfile(ctx: AzContext): Promise<ProfileFile> {
  const text = await ctx.files.read(profilePath(ctx));
  if (text === null) return { subscriptions: [] };
  const parsed = parseJson(text.replace(/^\uFEFF/, ''));
  if (!parsed || typeof parsed !== 'object' || !Array.isArray((parsed as ProfileFile).subscriptions)) return { subscriptions: [] };
  const subscriptions = (parsed as ProfileFile).subscriptions.filter(
    (s) => s && typeof s === 'object' && typeof s.id === 'string' && s.user && typeof s.user.name === 'string',
  );
  return { ...(parsed as ProfileFile), subscriptions };
}

/** Whether the profile file exists at all (Cloud Shell signs in once, when nothing was ever written). */
export async function profileExists(ctx: AzContext): Promise<boolean> {
  return (await ctx.files.read(profilePath(ctx))) !== null;
}

export async function saveProfile(ctx: AzContext, profile: ProfileFile): Promise<void> {
  const file: ProfileFile = { installationId: profile.installationId ?? crypto.randomUUID(), subscriptions: profile.subscriptions };
  // _session.py writes with encoding 'utf-8-sig' (a BOM), as the real file starts.
  await ctx.files.write(profilePath(ctx), `\uFEFF${JSON.stringify(file)}`);
}

/** `Profile.get_subscription`: the default account, or one by id or name (case-insensitive). */
export async function getSubscription(ctx: AzContext, subscription?: string): Promise<Account> {
  const { subscriptions } = await loadProfile(ctx);
  const accounts = subscriptions.filter((s) => s.environmentName === 'AzureCloud');
  if (accounts.length === 0) throw new AzCliError(AZ_LOGIN_MESSAGE);
  const wanted = subscription?.toLowerCase();
  const result = accounts.filter((x) => (wanted ? [x.id.toLowerCase(), x.name.toLowerCase()].includes(wanted) : x.isDefault));
  if (result.length === 0 && subscription) throw new AzCliError(`Subscription '${subscription}' not found. Check the spelling and casing and try again.`);
  if (result.length === 0) throw new AzCliError("No subscription found. Run 'az account set' to select a subscription.");
  if (result.length > 1) throw new AzCliError(`Multiple subscriptions with the name '${subscription}' found. Specify the subscription ID.`);
  return result[0]!;
}

/** The account a command acts as: `--subscription` if given, else the default. */
export function currentAccount(ctx: AzContext): Promise<Account> {
  return getSubscription(ctx, ctx.subscription);
}

export interface ManagedIdentitySelector {
  type: 'MSI' | 'MSIClient' | 'MSIObject' | 'MSIResource';
  value?: string;
}

/** `_parse_managed_identity_account`. */
export function managedIdentityOf(account: Account): ManagedIdentitySelector | null {
  if (account.user.name === 'systemAssignedIdentity') return { type: 'MSI' };
  if (account.user.name === 'userAssignedIdentity' && typeof account.user.assignedIdentityInfo === 'string') {
    const info = account.user.assignedIdentityInfo;
    const dash = info.indexOf('-');
    const type = info.slice(0, dash) as ManagedIdentitySelector['type'];
    return { type, value: info.slice(dash + 1) };
  }
  return null;
}

export interface Token {
  accessToken: string;
  /** Seconds. */
  expiresIn: number;
  /** Epoch seconds. */
  expiresOn: number;
}

/** MSAL's `managed_identity.py` query parameter for each selector (`msi_res_id` on a VM). */
const SELECTOR_PARAM: Record<Exclude<ManagedIdentitySelector['type'], 'MSI'>, string> = {
  MSIClient: 'client_id',
  MSIObject: 'object_id',
  MSIResource: 'msi_res_id',
};

/** auth/util.py `aad_error_handler`: the description, then how to sign in again. */
function authenticationError(description: string): AzCliError {
  return new AzCliError(description, 1, ['Interactive authentication is needed. Please run:', 'az login']);
}

/** A managed identity token from IMDS, as MSAL asks for it (no retries; one request per resource). */
export async function imdsToken(ctx: AzContext, selector: ManagedIdentitySelector, resource: string): Promise<Token> {
  const key = `${selector.type}:${selector.value ?? ''}:${resource}`;
  const cached = ctx.tokens.get(key);
  if (cached) return { ...cached, expiresIn: cached.expiresOn - Math.floor(ctx.now() / 1000) };
  const query = new URLSearchParams({ 'api-version': '2018-02-01', resource });
  if (selector.type !== 'MSI' && selector.value !== undefined) query.set(SELECTOR_PARAM[selector.type], selector.value);
  ctx.log.debug('cli.msal.managed_identity', 'Obtaining token via managed identity on Azure VM');
  const response = await send(ctx, {
    method: 'GET',
    url: `${IMDS_TOKEN}?${query.toString().replace(/\+/g, '%20')}`,
    headers: { Metadata: 'true', ...MSAL_SKU, 'x-ms-client-request-id': crypto.randomUUID() },
    sdkLogging: false,
  });
  const body = parseJson(response.text) as Record<string, unknown> | string | null;
  if (response.status !== 200 || !body || typeof body !== 'object' || typeof body.access_token !== 'string') {
    const description = body && typeof body === 'object' && typeof body.error_description === 'string' ? body.error_description : response.text || response.reason;
    throw authenticationError(description);
  }
  const expiresIn = Number(body.expires_in);
  const token = { accessToken: body.access_token, expiresIn, expiresOn: Math.floor(ctx.now() / 1000) + expiresIn };
  ctx.tokens.set(key, token);
  return token;
}

/** msal/cloudshell.py `_scope_to_resource`: Cloud Shell is asked for `scheme://host`. */
export function cloudShellResource(resource: string): string {
  try {
    const url = new URL(resource);
    return `${url.protocol}//${url.host}`;
  } catch {
    return resource;
  }
}

/** A user token from Cloud Shell's local endpoint (the portal signs in on the shell's behalf). */
export async function cloudShellToken(ctx: AzContext, resource: string): Promise<Token> {
  const key = `cloudshell:${resource}`;
  const cached = ctx.tokens.get(key);
  if (cached) return { ...cached, expiresIn: cached.expiresOn - Math.floor(ctx.now() / 1000) };
  const response = await send(ctx, {
    method: 'POST',
    url: CLOUD_SHELL_TOKEN,
    headers: { Metadata: 'true', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ resource: cloudShellResource(resource) }).toString(),
    sdkLogging: false,
  });
  const body = parseJson(response.text) as Record<string, unknown> | null;
  if (response.status >= 300 || !body || typeof body !== 'object' || typeof body.access_token !== 'string') {
    const error = (body && typeof body === 'object' ? body.error : null) as { message?: string } | null;
    ctx.log.warning(`A Cloud Shell credential problem occurred. When you report the issue with the error below, please mention the hostname '${ctx.env.get('HOSTNAME') ?? 'SandboxHost-638000000000000000'}'`);
    throw authenticationError(error?.message ?? (response.text || response.reason));
  }
  const expiresIn = Number(body.expires_in);
  const token = { accessToken: body.access_token, expiresIn, expiresOn: Math.floor(ctx.now() / 1000) + expiresIn };
  ctx.tokens.set(key, token);
  return token;
}

/** The token for an account and resource: the account's managed identity, or Cloud Shell's user. */
export async function tokenFor(ctx: AzContext, account: Account, resource: string): Promise<Token> {
  if (account.user.cloudShellID && ctx.env.cloudShell) return cloudShellToken(ctx, resource);
  const mi = managedIdentityOf(account);
  if (mi) return imdsToken(ctx, mi, resource);
  // A user or service principal signed in elsewhere: their refresh tokens are not on this machine.
  throw new AzCliError(`User '${account.user.name}' does not exist in MSAL token cache. Run \`az login\`.`);
}

/** The `tid` claim of a JWT (the CLI reads it without checking the signature). */
export function tenantOf(jwt: string): string {
  return String(claimsOf(jwt).tid ?? '');
}

/** A JWT's payload, unverified. */
export function claimsOf(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1] ?? '';
  try {
    const padded = payload.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((payload.length + 3) % 4);
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)))) as Record<string, unknown>;
  } catch {
    return {};
  }
}
