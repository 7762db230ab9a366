/**
 * Az.KeyVault secrets: Get-AzKeyVaultSecret [-AsPlainText] and Set-AzKeyVaultSecret (Azure/azure-powershell
 * src/KeyVault/KeyVault/Commands/Secret/GetAzureKeyVaultSecret.cs, SetAzureKeyVaultSecret.cs; models
 * Models/Secret/PSKeyVaultSecret.cs, PSKeyVaultSecretIdentityItem.cs). Data-plane calls go to
 * `https://<vault>.vault.azure.net` with a token for `https://vault.azure.net`, like the CLI's. The
 * secret's Id shows `:443`, as Az builds it from a System.Uri with the port (docs examples). The
 * api-version is the one the sandbox's Key Vault serves (7.5); Az.KeyVault 6's exact one was not captured.
 */
import { arg, type CmdletCall, type CmdletDef } from '../../engine/cmdlet';
import { wildcardToRegExp } from '../../runtime/operators';
import { PSDate, PSHashtable, PSObject } from '../../runtime/values';
import { plainTextOf, isSecureString, secureString } from '../../runtime/secure-string';
import { reasonOf, requireContext, send, type HttpResult } from './az-context';
import { COMMON_PARAM } from './common-params';

const KEYVAULT_API = '7.5';
const VAULT_RESOURCE = 'https://vault.azure.net';
export const PS_SECRET = 'Microsoft.Azure.Commands.KeyVault.Models.PSKeyVaultSecret';
export const PS_SECRET_ITEM = 'Microsoft.Azure.Commands.KeyVault.Models.PSKeyVaultSecretIdentityItem';

interface SecretBundle {
  id?: string;
  value?: string;
  contentType?: string | null;
  attributes?: { enabled?: boolean; exp?: number; nbf?: number; created?: number; updated?: number; recoveryLevel?: string };
  tags?: Record<string, string> | null;
}

const date = (seconds: number | undefined) => (seconds === undefined ? null : new PSDate(new Date(seconds * 1000)));

/** `https://v.vault.azure.net/secrets/n/ver` → its parts, with the `:443` Az shows. */
function parts(id: string): { vault: string; name: string; version: string | null; id: string } {
  const u = new URL(id);
  const [, , name, version] = u.pathname.split('/');
  return { vault: u.hostname.split('.')[0]!, name: name ?? '', version: version || null, id: `https://${u.hostname}:443${u.pathname}` };
}

function tagsOf(tags: SecretBundle['tags']): PSHashtable | null {
  if (!tags || Object.keys(tags).length === 0) return null;
  const h = new PSHashtable();
  for (const [k, v] of Object.entries(tags)) h.set(k, v);
  return h;
}

function secretObject(b: SecretBundle, withValue: boolean): PSObject {
  const p = parts(String(b.id ?? ''));
  const a = b.attributes ?? {};
  const o = PSObject.from(
    [
      ...(withValue ? ([['SecretValue', secureString(b.value ?? '')]] as [string, unknown][]) : []),
      ['Attributes', null],
      ['Enabled', a.enabled ?? true],
      ['Expires', date(a.exp)],
      ['NotBefore', date(a.nbf)],
      ['Created', date(a.created)],
      ['Updated', date(a.updated)],
      ['ContentType', b.contentType ?? null],
      ['Tags', tagsOf(b.tags)],
      ['TagsTable', null],
      ['VaultName', p.vault],
      ['Name', p.name],
      ['Version', p.version],
      ['Id', p.id],
      ['RecoveryLevel', a.recoveryLevel ?? null],
    ],
    [withValue ? PS_SECRET : PS_SECRET_ITEM, ...(withValue ? [PS_SECRET_ITEM] : []), 'System.Object'],
  );
  return o;
}

/**
 * A Key Vault failure as Az.KeyVault reports it: the SDK's "Operation returned an invalid status code"
 * with the service's code and message (the exact layout of Az 16's record was not captured).
 */
function failVault(call: CmdletCall, result: HttpResult): never {
  const error = (result.json as { error?: { code?: string; message?: string } } | null)?.error;
  const reason = reasonOf(result);
  return call.fail({
    exceptionTypes: ['Azure.RequestFailedException', 'System.Exception'],
    message: `Operation returned an invalid status code '${reason.replace(/ /g, '')}'\nCode: ${error?.code ?? reason}\nMessage: ${error?.message ?? result.text}`,
    category: 'CloseError',
    fullyQualifiedErrorId: 'Azure.RequestFailedException',
  });
}

async function vault(call: CmdletCall, vaultName: string, method: string, path: string, body?: unknown): Promise<HttpResult> {
  const context = requireContext(call);
  const url = `https://${vaultName.toLowerCase()}.vault.azure.net${path}?api-version=${KEYVAULT_API}`;
  const result = await send(call, context, method, url, VAULT_RESOURCE, body);
  if (result.status >= 400) failVault(call, result);
  return result;
}

const VAULT_PARAM = { name: 'VaultName', type: 'string' as const, position: 0, mandatory: true };

export const getAzKeyVaultSecret: CmdletDef = {
  name: 'Get-AzKeyVaultSecret',
  className: 'Microsoft.Azure.Commands.KeyVault.GetAzureKeyVaultSecret',
  synopsis: 'Gets the secrets in a key vault.',
  params: [
    VAULT_PARAM,
    { name: 'Name', type: 'string', position: 1, aliases: ['SecretName'] },
    { name: 'Version', type: 'string', position: 2, aliases: ['SecretVersion'] },
    { name: 'IncludeVersions', type: 'switch' },
    { name: 'AsPlainText', type: 'switch' },
    { name: 'InRemovedState', type: 'switch' },
    COMMON_PARAM,
  ],
  async run(call) {
    const vaultName = arg<string>(call, 'VaultName')!;
    const name = arg<string>(call, 'Name');
    if (name === undefined || /[*?]/.test(name)) {
      const result = await vault(call, vaultName, 'GET', '/secrets');
      const items = ((result.json as { value?: SecretBundle[] } | null)?.value ?? []).map((b) => secretObject(b, false));
      const pattern = name ? wildcardToRegExp(name) : null;
      return items.filter((o) => !pattern || pattern.test(String(o.get('Name'))));
    }
    const version = arg<string>(call, 'Version');
    const result = await vault(call, vaultName, 'GET', `/secrets/${encodeURIComponent(name)}${version ? `/${encodeURIComponent(version)}` : ''}`);
    const bundle = result.json as SecretBundle;
    // -AsPlainText: the value as a string (GetAzureKeyVaultSecret.cs, Az.KeyVault 3.3+).
    if (arg(call, 'AsPlainText') === true) return [bundle.value ?? ''];
    return [secretObject(bundle, true)];
  },
};

export const setAzKeyVaultSecret: CmdletDef = {
  name: 'Set-AzKeyVaultSecret',
  className: 'Microsoft.Azure.Commands.KeyVault.SetAzureKeyVaultSecret',
  synopsis: 'Creates or updates a secret in a key vault.',
  params: [
    VAULT_PARAM,
    { name: 'Name', type: 'string', position: 1, mandatory: true, aliases: ['SecretName'] },
    { name: 'SecretValue', type: 'object', position: 2, mandatory: true, dotnetType: 'System.Security.SecureString' },
    { name: 'Disable', type: 'switch' },
    { name: 'ContentType', type: 'string' },
    { name: 'Tag', type: 'dictionary', aliases: ['Tags'] },
    { name: 'Expires', type: 'object' },
    { name: 'NotBefore', type: 'object' },
    COMMON_PARAM,
  ],
  async run(call) {
    const raw = arg(call, 'SecretValue');
    const value = plainTextOf(raw);
    if (!isSecureString(raw) || value === undefined) {
      // The binder's conversion error: a string is not a SecureString in 5.1.
      const text = typeof raw === 'string' ? raw : String(raw);
      return call.fail({
        exceptionTypes: ['System.Management.Automation.ParameterBindingException', 'System.Management.Automation.RuntimeException'],
        message: `Cannot bind parameter 'SecretValue'. Cannot convert the "${text}" value of type "System.String" to type "System.Security.SecureString".`,
        category: 'InvalidArgument',
        fullyQualifiedErrorId: 'CannotConvertArgumentNoMessage',
      });
    }
    const body: Record<string, unknown> = { value, attributes: { enabled: arg(call, 'Disable') !== true } };
    const contentType = arg<string>(call, 'ContentType');
    if (contentType !== undefined) body.contentType = contentType;
    const tag = arg<PSHashtable>(call, 'Tag');
    if (tag) body.tags = Object.fromEntries([...tag.entries.values()].map((e) => [String(e.name), String(e.value)]));
    const name = arg<string>(call, 'Name')!;
    const result = await vault(call, arg<string>(call, 'VaultName')!, 'PUT', `/secrets/${encodeURIComponent(name)}`, body);
    return [secretObject(result.json as SecretBundle, true)];
  },
};
