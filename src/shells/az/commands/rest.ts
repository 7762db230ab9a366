/**
 * `az rest` (command_modules/util/custom.py `rest_call` → azure-cli-core util.py `send_raw_request`),
 * `az resource show` (command_modules/resource) and `az ad group show` (Microsoft Graph).
 * `az rest` turns the resourceGroup transform off, prefixes a path with the ARM endpoint, fills in
 * `{subscriptionId}`, derives the token's resource from the URL, and on a non-2xx status fails with
 * `<reason>(<raw body>)`.
 */
import type { AzContext } from '../cli/context';
import { AzCliError } from '../cli/errors';
import { API, armGet, subscriptionId } from '../cli/arm';
import { parseJson, send } from '../cli/http';
import { RawText } from '../cli/output';
import { ARM_RESOURCE, currentAccount, tokenFor } from '../cli/profile';
import { addCommand, type ArgValues, type CommandLoader } from '../cli/types';
import { groupPath, isGuid } from './common';

const s = (v: ArgValues[string]) => (typeof v === 'string' ? v : undefined);

/** The token resource `send_raw_request` derives from a URL (the cloud's known endpoints). */
function resourceFor(url: URL): string | null {
  const host = url.hostname.toLowerCase();
  if (host === 'management.azure.com') return ARM_RESOURCE;
  if (host === 'graph.microsoft.com') return 'https://graph.microsoft.com/';
  if (host.endsWith('.vault.azure.net')) return 'https://vault.azure.net';
  if (host.endsWith('.blob.core.windows.net')) return 'https://storage.azure.com';
  return null;
}

function parseHeaders(items: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const json = parseJson(item);
    if (json && typeof json === 'object') Object.assign(out, json);
    else {
      const eq = item.indexOf('=');
      if (eq > 0) out[item.slice(0, eq)] = item.slice(eq + 1);
    }
  }
  return out;
}

async function rest(ctx: AzContext, a: ArgValues): Promise<unknown> {
  const method = (s(a.method) ?? 'get').toUpperCase();
  let raw = String(a.url);
  if (raw.includes('{subscriptionId}')) raw = raw.replace(/\{subscriptionId\}/g, await subscriptionId(ctx));
  if (!raw.includes('://')) raw = `https://management.azure.com${raw.startsWith('/') ? '' : '/'}${raw}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AzCliError(`Invalid URL '${raw}': No scheme supplied. Perhaps you meant https://${raw}?`);
  }
  const headers: Record<string, string> = parseHeaders(Array.isArray(a.headers) ? a.headers : []);
  let body = s(a.body);
  if (body?.startsWith('@')) body = (await ctx.files.read(ctx.files.resolve(body.slice(1)))) ?? undefined;
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type') && parseJson(body) !== body) headers['Content-Type'] = 'application/json';
  if (a.skip_authorization_header !== true) {
    const resource = s(a.resource) ?? resourceFor(url);
    if (resource) headers.Authorization = `Bearer ${(await tokenFor(ctx, await currentAccount(ctx), resource)).accessToken}`;
    else ctx.log.warning("Can't derive appropriate Azure AD resource from --url to acquire an access token. If access token is required, use --resource to specify the resource");
  }
  const response = await send(ctx, { method, url: url.toString(), headers, ...(body !== undefined ? { body } : {}) });
  if (response.status < 200 || response.status >= 300) throw new AzCliError(`${response.reason}(${response.text})`);
  if (response.text === '') return null;
  const parsed = parseJson(response.text);
  if (parsed === response.text) {
    ctx.log.warning('Not a json response, outputting to stdout. For binary data suggest use "--output-file" to write to a file');
    return new RawText(response.text);
  }
  return parsed;
}

export const loadRest: CommandLoader = (t) => {
  addCommand(t, {
    name: 'rest',
    summary: 'Invoke a custom request.',
    long: 'This command automatically authenticates using the logged-in credential: If Authorization header is not set, it attaches header `Authorization: Bearer <token>`, where `<token>` is retrieved from Microsoft Entra ID. The target resource of the token is derived from --url if --url starts with an endpoint from `az cloud show --query endpoints`. You may also use --resource for a custom resource.',
    noResourceGroupTransform: true,
    args: [
      { dest: 'url', options: ['--url', '--uri', '-u'], required: true, help: "Request URL. If it doesn't start with a host, CLI assumes it as an Azure resource ID and prefixes it with the ARM endpoint of the current cloud shown by `az cloud show --query endpoints.resourceManager`. Common token {subscriptionId} will be replaced with the current subscription ID specified by `az account set`." },
      { dest: 'method', options: ['--method', '-m'], choices: ['delete', 'get', 'head', 'options', 'patch', 'post', 'put'], help: 'HTTP request method.', defaultText: 'get' },
      { dest: 'body', options: ['--body', '-b'], help: "Request body. Use @{file} to load from a file. For quoting issues in different terminals, see https://github.com/Azure/azure-cli/blob/dev/doc/use_cli_effectively.md#quoting-issues" },
      { dest: 'headers', options: ['--headers'], many: true, help: "Space-separated headers in KEY=VALUE format or JSON string. Use @{file} to load from a file." },
      { dest: 'resource', options: ['--resource'], help: 'Resource url for which CLI should acquire a token from Microsoft Entra ID in order to access the service. The token will be placed in the Authorization header. By default, CLI can figure this out based on --url argument, unless you use ones not in the list of "az cloud show --query endpoints"' },
      { dest: 'skip_authorization_header', options: ['--skip-authorization-header'], flag: true, help: 'Do not auto-append Authorization header.' },
    ],
    examples: [
      { summary: 'Get Audit log through Microsoft Graph', command: 'az rest --method get --url https://graph.microsoft.com/beta/auditLogs/directoryAudits' },
      { summary: 'List resource groups of the current subscription', command: 'az rest --url "/subscriptions/{subscriptionId}/resourcegroups?api-version=2024-11-01"' },
    ],
    run: rest,
  });
  addCommand(t, {
    name: 'resource show',
    summary: 'Get a resource.',
    args: [
      { dest: 'ids', options: ['--ids'], many: true, help: "One or more resource IDs (space-delimited). If provided, no other 'Resource Id' arguments should be specified." },
      { dest: 'name', options: ['--name', '-n'], help: 'The resource name. (Ex: myC)' },
      { dest: 'resource_group', options: ['--resource-group', '-g'], help: 'Name of resource group. You can configure the default group using `az configure --defaults group=<name>`.' },
      { dest: 'resource_type', options: ['--resource-type'], help: 'The resource type (Ex: \'resC\'). Can also accept namespace/type format (Ex: \'Microsoft.Provider/resC\')' },
      { dest: 'api_version', options: ['--api-version'], help: 'The api version of the resource (omit for the latest stable version).' },
    ],
    run: async (ctx, a) => {
      const type = s(a.resource_type) ?? '';
      const versions: Record<string, string> = {
        'microsoft.compute/virtualmachines': API.compute,
        'microsoft.managedidentity/userassignedidentities': API.msi,
        'microsoft.keyvault/vaults': '2024-11-01',
        'microsoft.storage/storageaccounts': '2024-01-01',
      };
      if (Array.isArray(a.ids) && a.ids.length) return armGet(ctx, a.ids[0]!, s(a.api_version) ?? versions[a.ids[0]!.split('/providers/')[1]?.split('/').slice(0, 2).join('/').toLowerCase() ?? ''] ?? API.resources);
      if (!s(a.name) || !s(a.resource_group) || !type.includes('/')) {
        throw new AzCliError('usage error: --ids IDs | --name NAME --resource-group NAME --resource-type TYPE');
      }
      return armGet(ctx, `${await groupPath(ctx, String(a.resource_group))}/providers/${type}/${encodeURIComponent(String(a.name))}`, s(a.api_version) ?? versions[type.toLowerCase()] ?? API.resources);
    },
  });
  addCommand(t, {
    name: 'ad group show',
    summary: 'Get the details of a group.',
    args: [{ dest: 'group', options: ['--group', '-g'], required: true, help: "Group's object id or display name(prefix also works if there is a unique match)." }],
    run: async (ctx, a) => {
      const group = String(a.group);
      const token = await tokenFor(ctx, await currentAccount(ctx), 'https://graph.microsoft.com/');
      const path = isGuid(group) ? `/groups/${group}` : `/groups?$filter=${encodeURIComponent(`displayName eq '${group.replace(/'/g, "''")}'`)}`;
      const r = await send(ctx, { method: 'GET', url: `https://graph.microsoft.com/v1.0${path}`, headers: { Authorization: `Bearer ${token.accessToken}` } });
      const body = parseJson(r.text) as { value?: unknown[]; error?: { message?: string } } | null;
      if (r.status >= 300) throw new AzCliError(body?.error?.message ?? r.reason, r.status === 404 ? 3 : 1);
      if (!isGuid(group)) {
        const found = body?.value ?? [];
        if (found.length === 0) throw new AzCliError(`Group '${group}' doesn't exist`);
        if (found.length > 1) throw new AzCliError(`More than one group match the name of '${group}'`);
        return found[0];
      }
      return body;
    },
  });
};
