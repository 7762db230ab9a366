/**
 * `az login` (managed identity and Cloud Shell), `az logout`, `az account …`, `az version`: the
 * profile command module (azure-cli src/azure-cli/azure/cli/command_modules/profile/custom.py,
 * _params.py, _format.py; azure-cli-core _profile.py `login_with_managed_identity`,
 * `login_in_cloud_shell`, `_normalize_properties`, `_set_subscriptions`, `get_raw_token`).
 */
import type { AzContext } from '../cli/context';
import { AzCliError } from '../cli/errors';
import { expectOk, send } from '../cli/http';
import {
  ARM_ENDPOINT,
  ARM_RESOURCE,
  cloudShellToken,
  currentAccount,
  getSubscription,
  imdsToken,
  loadProfile,
  managedIdentityOf,
  saveProfile,
  tenantOf,
  claimsOf,
  tokenFor,
  type Account,
  type AccountUser,
  type ManagedIdentitySelector,
  type Token,
} from '../cli/profile';
import { API } from '../cli/arm';
import { addCommand, addGroup, type ArgValues, type CommandLoader } from '../cli/types';
import { AZ_VERSION, TELEMETRY_VERSION } from '../cli/version';

const TENANT_LEVEL = 'N/A(tenant level account)';
// profile/custom.py _CLOUD_CONSOLE_LOGOUT_WARNING / _CLOUD_CONSOLE_LOGIN_WARNING
const CLOUD_CONSOLE_LOGOUT_WARNING = "Logout successful. Re-login to your initial Cloud Shell identity with 'az login --identity'. Login with a new identity with 'az login'.";
const CLOUD_CONSOLE_LOGIN_WARNING = "Cloud Shell is automatically authenticated under the initial account signed-in with. Run 'az login' only if you need to use a different account";

interface SubscriptionWire {
  id: string;
  subscriptionId?: string;
  displayName: string;
  state: string;
  tenantId?: string;
  managedByTenants?: { tenantId: string }[] | null;
}

/** `_normalize_properties` (+ `_transform_subscription_for_multiapi` for 2022-12-01 subscriptions). */
function normalize(user: AccountUser, subscriptions: SubscriptionWire[], tenant: string, tenantLevel: boolean): Account[] {
  return subscriptions.map((s) => {
    const account: Account = {
      id: s.id.split('/').pop()!,
      name: s.displayName,
      state: s.state,
      user: { ...user },
      isDefault: false,
      tenantId: tenant,
      environmentName: 'AzureCloud',
    };
    if (!tenantLevel) {
      if (s.tenantId !== undefined) account.homeTenantId = s.tenantId;
      account.managedByTenants = s.managedByTenants === null ? null : (s.managedByTenants ?? []).map((t) => ({ tenantId: t.tenantId }));
    }
    return account;
  });
}

/** `_set_subscriptions`: merge by id, keep the active one if it is still there, else the first enabled. */
async function setSubscriptions(ctx: AzContext, fresh: Account[]): Promise<Account[]> {
  const profile = await loadProfile(ctx);
  const active = profile.subscriptions.find((s) => s.isDefault);
  const merged = new Map(profile.subscriptions.map((s) => [s.id, s]));
  for (const s of fresh) merged.set(s.id, s);
  const all = [...merged.values()];
  if (all.length) {
    for (const s of all) s.isDefault = false;
    const pick = (active && fresh.find((s) => s.id === active.id)) || fresh.find((s) => s.state === 'Enabled') || fresh[0];
    if (pick) pick.isDefault = true;
  }
  await saveProfile(ctx, { ...(profile.installationId ? { installationId: profile.installationId } : {}), subscriptions: all });
  return fresh.map((s) => structuredClone(s));
}

/** `SubscriptionFinder.find_using_specific_tenant` with the identity's ARM token. */
async function findSubscriptions(ctx: AzContext, token: Token): Promise<SubscriptionWire[]> {
  const response = await send(ctx, {
    method: 'GET',
    url: `${ARM_ENDPOINT}/subscriptions?api-version=${API.subscriptions}`,
    headers: { Accept: 'application/json', Authorization: `Bearer ${token.accessToken}` },
  });
  const body = expectOk(response, [200]) as { value?: SubscriptionWire[] } | null;
  return body?.value ?? [];
}

async function loginWithManagedIdentity(ctx: AzContext, selector: ManagedIdentitySelector, allowNoSubscriptions: boolean): Promise<Account[]> {
  const token = await imdsToken(ctx, selector, ARM_RESOURCE);
  ctx.log.info('Managed identity: token was retrieved. Now trying to initialize local accounts...', 'cli.azure.cli.core._profile');
  const tenant = tenantOf(token.accessToken);
  let subscriptions = await findSubscriptions(ctx, token);
  const baseName = selector.value !== undefined ? `${selector.type}-${selector.value}` : selector.type;
  const user: AccountUser = { name: selector.value !== undefined ? 'userAssignedIdentity' : 'systemAssignedIdentity', type: 'servicePrincipal' };
  let tenantLevel = false;
  if (subscriptions.length === 0) {
    if (!allowNoSubscriptions) {
      throw new AzCliError(
        "No access was configured for the managed identity, hence no subscriptions were found. If this is expected, use '--allow-no-subscriptions' to have tenant level access.",
      );
    }
    subscriptions = [{ id: `/subscriptions/${tenant}`, displayName: TENANT_LEVEL, state: 'Enabled' }];
    tenantLevel = true;
  }
  const accounts = normalize(user, subscriptions, tenant, tenantLevel).map((a) => ({ ...a, user: { ...a.user, assignedIdentityInfo: baseName } }));
  return setSubscriptions(ctx, accounts);
}

/** `Profile.login_in_cloud_shell`: the portal's user, through Cloud Shell's token endpoint. */
export async function loginInCloudShell(ctx: AzContext): Promise<Account[]> {
  const token = await cloudShellToken(ctx, ARM_RESOURCE);
  ctx.log.info('Cloud Shell token was retrieved. Now trying to initialize local accounts...', 'cli.azure.cli.core._profile');
  const claims = claimsOf(token.accessToken);
  const tenant = String(claims.tid ?? '');
  const subscriptions = await findSubscriptions(ctx, token);
  if (subscriptions.length === 0) throw new AzCliError('No subscriptions were found in the cloud shell');
  const user: AccountUser = { name: String(claims.unique_name ?? 'N/A'), type: 'user' };
  const accounts = normalize(user, subscriptions, tenant, false).map((a) => ({ ...a, user: { ...a.user, cloudShellID: true } }));
  return setSubscriptions(ctx, accounts);
}

const str = (v: ArgValues[string]) => (typeof v === 'string' ? v : undefined);

async function login(ctx: AzContext, a: ArgValues): Promise<unknown> {
  const identity = a.identity === true;
  if (identity && (a.password !== undefined || a.service_principal === true || a.tenant !== undefined)) {
    throw new AzCliError("usage error: '--identity' is not applicable with other arguments");
  }
  if (identity && a.username !== undefined) {
    // 2.73.0 "[BREAKING CHANGE] `--username` no longer accepts user-assigned managed identity ID" (profile/custom.py)
    throw new AzCliError('Passing the managed identity ID with --username is no longer supported. Use --client-id, --object-id or --resource-id instead.');
  }
  if (a.use_device_code === true && (identity || a.password !== undefined || a.service_principal === true || a.username !== undefined)) {
    throw new AzCliError("usage error: '--use-device-code' is not applicable with other arguments");
  }
  if (identity) {
    if (ctx.env.cloudShell) return loginInCloudShell(ctx);
    const ids = [str(a.client_id), str(a.object_id), str(a.resource_id)].filter((v) => v);
    if (ids.length > 1) throw new AzCliError('Usage error: Provide only one of --client-id, --object-id, --resource-id.');
    const selector: ManagedIdentitySelector = str(a.client_id)
      ? { type: 'MSIClient', value: str(a.client_id)! }
      : str(a.object_id)
        ? { type: 'MSIObject', value: str(a.object_id)! }
        : str(a.resource_id)
          ? { type: 'MSIResource', value: str(a.resource_id)! }
          : { type: 'MSI' };
    return loginWithManagedIdentity(ctx, selector, a.allow_no_subscriptions === true);
  }
  if (ctx.env.cloudShell) ctx.log.warning(CLOUD_CONSOLE_LOGIN_WARNING);
  // Invented: a user or service-principal sign-in needs Microsoft Entra ID's sign-in pages and token
  // endpoint (login.microsoftonline.com), which the sandbox does not simulate. Real az on a VM with
  // no browser would fall back to the device code flow here.
  throw new AzCliError(
    'Signing in as a user or service principal is not simulated in this sandbox (there is no Microsoft Entra sign-in page). On a VM use \'az login --identity\'; Cloud Shell is already signed in as the portal\'s user.',
  );
}

async function logout(ctx: AzContext, a: ArgValues): Promise<unknown> {
  if (ctx.env.cloudShell) ctx.log.warning(CLOUD_CONSOLE_LOGOUT_WARNING);
  const profile = await loadProfile(ctx);
  let username = str(a.username);
  if (!username) {
    const active = profile.subscriptions.find((s) => s.isDefault);
    if (!active) throw new AzCliError('There are no active accounts.');
    username = active.user.name;
  }
  const wanted = username.toLowerCase();
  await saveProfile(ctx, { ...profile, subscriptions: profile.subscriptions.filter((s) => s.user.name.toLowerCase() !== wanted) });
  return null;
}

async function accountList(ctx: AzContext, a: ArgValues): Promise<unknown> {
  const { subscriptions } = await loadProfile(ctx);
  const accounts = subscriptions.filter((s) => a.all === true || s.environmentName === 'AzureCloud');
  if (accounts.length === 0) ctx.log.warning('Please run "az login" to access your accounts.');
  const renamed = accounts.map(({ environmentName, ...rest }) => ({ ...rest, cloudName: environmentName }));
  if (a.all === true) return renamed;
  const enabled = renamed.filter((s) => s.state === 'Enabled');
  if (enabled.length !== renamed.length) ctx.log.warning("A few accounts are skipped as they don't have 'Enabled' state. Use '--all' to display them.");
  return enabled;
}

async function accountSet(ctx: AzContext, a: ArgValues): Promise<unknown> {
  const wanted = String(a.subscription).toLowerCase();
  const profile = await loadProfile(ctx);
  const result = profile.subscriptions.filter((x) => [x.id.toLowerCase(), x.name.toLowerCase()].includes(wanted) && x.environmentName === 'AzureCloud');
  if (result.length !== 1) {
    throw new AzCliError(`The subscription of '${wanted}' ${result.length === 0 ? "doesn't exist" : 'has more than one match'} in cloud 'AzureCloud'.`);
  }
  for (const s of profile.subscriptions) s.isDefault = false;
  result[0]!.isDefault = true;
  await saveProfile(ctx, profile);
  return null;
}

/** profile/custom.py `cloud_resource_type_mappings` to the AzureCloud endpoints. */
const RESOURCE_TYPES: Record<string, string> = {
  'oss-rdbms': 'https://ossrdbms-aad.database.windows.net',
  arm: 'https://management.core.windows.net/',
  'aad-graph': 'https://graph.windows.net/',
  'ms-graph': 'https://graph.microsoft.com/',
  batch: 'https://batch.core.windows.net/',
  media: 'https://rest.media.azure.net',
  'data-lake': 'https://datalake.azure.net/',
};

/** Local time as Python's datetime.fromtimestamp(...).strftime("%Y-%m-%d %H:%M:%S.%f"); the VM runs in UTC. */
function localTimestamp(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.000000`;
}

async function getAccessToken(ctx: AzContext, a: ArgValues): Promise<unknown> {
  let resource = str(a.resource);
  if (resource === undefined && str(a.resource_type)) resource = RESOURCE_TYPES[str(a.resource_type)!];
  const scopes = Array.isArray(a.scope) ? a.scope : undefined;
  const subscription = str(a.subscription);
  const tenant = str(a.tenant);
  if (subscription && tenant) throw new AzCliError('Please specify only one of subscription and tenant, not both');
  const account = await getSubscription(ctx, subscription);
  // auth/util.py scopes_to_resource: strip /.default from the first scope
  const target = resource ?? (scopes ? scopes[0]!.replace(/\/(\.default|user_impersonation)$/, '') : ARM_RESOURCE);
  if (tenant && tenant !== account.tenantId) {
    const kind = account.user.cloudShellID && ctx.env.cloudShell ? 'Cloud Shell' : managedIdentityOf(account) ? 'managed identity' : null;
    if (kind) throw new AzCliError(`For ${kind} account, getting access token for non-current tenants is not supported. The specified tenant must be the current tenant ${account.tenantId}`);
  }
  const token = await tokenFor(ctx, account, target);
  const expiresOn = Math.floor(ctx.now() / 1000) + token.expiresIn;
  return {
    accessToken: token.accessToken,
    expiresOn: localTimestamp(expiresOn),
    expires_on: expiresOn,
    ...(tenant ? {} : { subscription: account.id }),
    tenant: tenant ?? account.tenantId,
    tokenType: 'Bearer',
  };
}

export const loadAccount: CommandLoader = (t) => {
  addGroup(t, 'account', 'Manage Azure subscription information.');
  addCommand(t, {
    name: 'login',
    summary: 'Log in to Azure.',
    long: "By default, this command logs in with a user account. CLI will try to launch a web browser to log in interactively. If a web browser is not available, CLI will fall back to device code login.\nTo login with a service principal, specify --service-principal.",
    noSubscription: true,
    args: [
      { dest: 'allow_no_subscriptions', options: ['--allow-no-subscriptions'], flag: true, help: "Support accessing tenants without subscriptions. It's uncommon but useful to run tenant level commands, such as 'az ad'." },
      { dest: 'password', options: ['--password', '-p'], help: 'Credentials like user password, or for a service principal, provide client secret or a pem file with key and public certificate. Will prompt if not given.' },
      { dest: 'scope', options: ['--scope'], help: 'Used in the /authorize request. It can cover only one static resource.' },
      { dest: 'service_principal', options: ['--service-principal'], flag: true, help: 'The credential representing a service principal.' },
      { dest: 'tenant', options: ['--tenant', '-t'], help: 'The Microsoft Entra tenant, must be provided when using a service principal.' },
      { dest: 'use_device_code', options: ['--use-device-code'], flag: true, help: "Use device code flow. Azure CLI will also use this if it can't launch a browser, e.g. in remote SSH or Cloud Shell." },
      { dest: 'username', options: ['--username', '-u'], help: 'User name, service principal client ID, or managed identity ID.' },
      { dest: 'identity', options: ['--identity', '-i'], flag: true, group: 'Managed Identity Arguments', help: "Log in using managed identity." },
      { dest: 'client_id', options: ['--client-id'], group: 'Managed Identity Arguments', help: 'Client ID of the user-assigned managed identity.' },
      { dest: 'object_id', options: ['--object-id'], group: 'Managed Identity Arguments', help: 'Object ID of the user-assigned managed identity.' },
      { dest: 'resource_id', options: ['--resource-id'], group: 'Managed Identity Arguments', help: 'Resource ID of the user-assigned managed identity.' },
    ],
    examples: [
      { summary: 'Log in interactively.', command: 'az login' },
      { summary: "Log in using a VM's system-assigned managed identity.", command: 'az login --identity' },
      { summary: "Log in using a VM's user-assigned managed identity with client ID.", command: 'az login --identity --client-id 00000000-0000-0000-0000-000000000000' },
      { summary: "Log in using a VM's user-assigned managed identity with resource ID.", command: 'az login --identity --resource-id /subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/myRG/providers/Microsoft.ManagedIdentity/userAssignedIdentities/myID' },
    ],
    run: login,
  });
  addCommand(t, {
    name: 'logout',
    summary: 'Log out to remove access to Azure subscriptions.',
    noSubscription: true,
    args: [{ dest: 'username', options: ['--username'], help: 'Account user, if missing, logout the current active account.' }],
    run: logout,
  });
  addCommand(t, {
    name: 'account show',
    summary: 'Get the details of a subscription.',
    long: "If the subscription isn't specified, shows the details of the default subscription.",
    noSubscription: true,
    args: [{ dest: 'subscription', options: ['--name', '--subscription', '-n', '-s'], help: 'Name or ID of subscription.' }],
    examples: [{ summary: 'Get the details of the current subscription.', command: 'az account show' }],
    run: (ctx, a) => getSubscription(ctx, str(a.subscription)),
  });
  addCommand(t, {
    name: 'account list',
    summary: "Get a list of subscriptions for the logged in account. By default, only 'Enabled' subscriptions from the current cloud is shown.",
    noSubscription: true,
    args: [
      { dest: 'all', options: ['--all'], flag: true, help: "List all subscriptions from all clouds, rather than just 'Enabled' ones." },
      { dest: 'refresh', options: ['--refresh'], flag: true, help: 'Retrieve up-to-date subscriptions from server.' },
    ],
    tableTransform: (result) =>
      (result as Record<string, unknown>[]).map((r) => ({ Name: r.name, CloudName: r.cloudName, SubscriptionId: r.id, TenantId: r.tenantId, State: r.state, IsDefault: r.isDefault })),
    run: accountList,
  });
  addCommand(t, {
    name: 'account set',
    summary: 'Set a subscription to be the current active subscription.',
    noSubscription: true,
    args: [{ dest: 'subscription', options: ['--name', '--subscription', '-n', '-s'], required: true, help: 'Name or ID of subscription.' }],
    run: accountSet,
  });
  addCommand(t, {
    name: 'account get-access-token',
    summary: 'Get a token for utilities to access Azure.',
    long: "The token will be valid for at least 5 minutes with the maximum at 60 minutes. If the subscription argument isn't specified, the current account is used.",
    noSubscription: true,
    args: [
      { dest: 'subscription', options: ['--name', '--subscription', '-n', '-s'], help: 'Name or ID of subscription.' },
      { dest: 'resource', options: ['--resource'], help: 'Azure resource endpoints in Microsoft Entra v1.0.' },
      { dest: 'resource_type', options: ['--resource-type'], choices: Object.keys(RESOURCE_TYPES), help: 'Type of well-known resource.' },
      { dest: 'scope', options: ['--scope'], many: true, help: 'Space-separated scopes in Microsoft Entra v2.0. Default to Azure Resource Manager.' },
      { dest: 'tenant', options: ['--tenant', '-t'], help: 'Tenant ID for which the token is acquired.' },
    ],
    examples: [
      { summary: 'Get an access token for the current account', command: 'az account get-access-token' },
      { summary: 'Get an access token for a specific subscription', command: 'az account get-access-token --subscription 00000000-0000-0000-0000-000000000000' },
      { summary: 'Get an access token to use with MS Graph API', command: 'az account get-access-token --resource-type ms-graph' },
    ],
    run: getAccessToken,
  });
  addCommand(t, {
    name: 'account clear',
    summary: "Clear all subscriptions from the CLI's local cache.",
    long: "To clear the current subscription, use 'az logout'.",
    noSubscription: true,
    args: [],
    run: async (ctx) => {
      if (ctx.env.cloudShell) ctx.log.warning(CLOUD_CONSOLE_LOGOUT_WARNING);
      const profile = await loadProfile(ctx);
      await saveProfile(ctx, { ...profile, subscriptions: [] });
      return null;
    },
  });
  addCommand(t, {
    name: 'version',
    summary: 'Show the versions of Azure CLI modules and extensions in JSON format by default or format configured by --output.',
    noSubscription: true,
    args: [],
    run: async () => ({ 'azure-cli': AZ_VERSION, 'azure-cli-core': AZ_VERSION, 'azure-cli-telemetry': TELEMETRY_VERSION, extensions: {} }),
  });
};

/** Re-exported for other command modules that need the signed-in account. */
export { currentAccount };
