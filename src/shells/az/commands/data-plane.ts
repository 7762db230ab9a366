/**
 * Data-plane commands: `az keyvault secret show | set | list --vault-name` (azure-cli
 * command_modules/keyvault, the azure-keyvault-secrets SDK: token for `https://vault.azure.net`,
 * api-version 7.5, dates shown as ISO strings) and `az storage blob list | download | upload
 * --auth-mode login | --sas-token` (command_modules/storage; a token for `https://storage.azure.com`, or a
 * service SAS in the query and no Authorization header; a Storage
 * denial reworded as the CLI's "You do not have the required permissions…" block).
 */
import type { AzContext } from '../cli/context';
import { AzCliError, serviceError } from '../cli/errors';
import { API } from '../cli/arm';
import { parseJson, send, type RawResponse } from '../cli/http';
import { currentAccount, tokenFor } from '../cli/profile';
import { addCommand, addGroup, type ArgValues, type CommandLoader } from '../cli/types';

const s = (v: ArgValues[string]) => (typeof v === 'string' ? v : undefined);

async function bearer(ctx: AzContext, resource: string): Promise<string> {
  return `Bearer ${(await tokenFor(ctx, await currentAccount(ctx), resource)).accessToken}`;
}

/** Key Vault sends epoch seconds; the SDK models hold datetimes the CLI prints in ISO form. */
const iso = (seconds: unknown) => (typeof seconds === 'number' ? new Date(seconds * 1000).toISOString().replace('.000Z', '+00:00') : null);

function secretOut(bundle: Record<string, unknown>, withValue: boolean): Record<string, unknown> {
  const attrs = (bundle.attributes ?? {}) as Record<string, unknown>;
  const id = String(bundle.id ?? '');
  const out: Record<string, unknown> = {
    attributes: {
      created: iso(attrs.created),
      enabled: attrs.enabled ?? null,
      expires: iso(attrs.exp),
      notBefore: iso(attrs.nbf),
      recoverableDays: attrs.recoverableDays ?? null,
      recoveryLevel: attrs.recoveryLevel ?? null,
      updated: iso(attrs.updated),
    },
    contentType: bundle.contentType ?? null,
    id,
    managed: bundle.managed ?? null,
    name: id.split('/')[4] ?? null,
    tags: bundle.tags ?? {},
  };
  if (withValue) {
    out.kid = bundle.kid ?? null;
    out.value = bundle.value ?? null;
  }
  return out;
}

async function vault(ctx: AzContext, a: ArgValues, method: string, path: string, body?: unknown): Promise<RawResponse> {
  const url = `https://${String(a.vault_name).toLowerCase()}.vault.azure.net${path}${path.includes('?') ? '&' : '?'}api-version=${API.keyvaultData}`;
  return send(ctx, {
    method,
    url,
    headers: { Authorization: await bearer(ctx, 'https://vault.azure.net'), Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

function vaultResult(response: RawResponse): Record<string, unknown> {
  const body = parseJson(response.text);
  if (response.status >= 300) throw serviceError(response.status, body, response.reason);
  return body as Record<string, unknown>;
}

const STORAGE_DENIED = [
  'You do not have the required permissions needed to perform this operation.',
  'Depending on your operation, you may need to be assigned one of the following roles:',
  '    "Storage Blob Data Owner"',
  '    "Storage Blob Data Contributor"',
  '    "Storage Blob Data Reader"',
  '    "Storage Queue Data Contributor"',
  '    "Storage Queue Data Reader"',
  '    "Storage Table Data Contributor"',
  '    "Storage Table Data Reader"',
  '',
  'If you want to use the old authentication method and allow querying for the right account key, please use the "--auth-mode" parameter and "key" value.',
].join('\n');

async function storage(ctx: AzContext, a: ArgValues, method: string, path: string, headers: Record<string, string> = {}, body?: Uint8Array): Promise<RawResponse> {
  // With --sas-token the SAS goes in the query and there is no Authorization header (azure-cli's
  // validate_client_parameters: a SAS is used unless --auth-mode login asks for the signed-in identity).
  const sas = s(a.auth_mode) === 'login' ? undefined : s(a.sas_token)?.replace(/^\?/, '');
  if (s(a.auth_mode) !== 'login' && !sas) {
    // Without --auth-mode login the CLI looks for an account key via ARM's listKeys, which the sandbox does not offer.
    throw new AzCliError('Account key and connection string authentication are not simulated in this sandbox. Use --auth-mode login, or --sas-token with a SAS.');
  }
  const url = `https://${String(a.account_name).toLowerCase()}.blob.core.windows.net${path}${sas ? `${path.includes('?') ? '&' : '?'}${sas}` : ''}`;
  const response = await send(ctx, {
    method,
    url,
    headers: { ...(sas ? {} : { Authorization: await bearer(ctx, 'https://storage.azure.com') }), 'x-ms-version': API.storageData, ...headers },
    ...(body !== undefined ? { body } : {}),
  });
  if (response.status === 403 && !sas) throw new AzCliError(STORAGE_DENIED);
  if (response.status >= 300) {
    const code = /<Code>([^<]*)<\/Code>/.exec(response.text)?.[1] ?? response.reason;
    const message = (/<Message>([^<]*)<\/Message>/.exec(response.text)?.[1] ?? '').split('\n')[0];
    throw new AzCliError(`${message}\nErrorCode:${code}`, response.status === 404 ? 3 : 1);
  }
  return response;
}

function blobProperties(name: string, container: string, p: { lastModified: string; etag: string; length: number; contentType: string }) {
  const modified = new Date(p.lastModified).toISOString().replace('.000Z', '+00:00');
  return {
    container,
    content: '',
    deleted: null,
    encryptedMetadata: null,
    encryptionKeySha256: null,
    encryptionScope: null,
    hasLegalHold: null,
    hasVersionsOnly: null,
    immutabilityPolicy: { expiryTime: null, policyMode: null },
    isAppendBlobSealed: null,
    isCurrentVersion: null,
    lastAccessedOn: null,
    metadata: {},
    name,
    objectReplicationDestinationPolicy: null,
    objectReplicationSourceProperties: [],
    properties: {
      appendBlobCommittedBlockCount: null,
      blobTier: 'Hot',
      blobTierChangeTime: null,
      blobTierInferred: true,
      blobType: 'BlockBlob',
      contentLength: p.length,
      contentRange: null,
      contentSettings: { cacheControl: null, contentDisposition: null, contentEncoding: null, contentLanguage: null, contentMd5: null, contentType: p.contentType },
      copy: { completionTime: null, destinationSnapshot: null, id: null, incrementalCopy: null, progress: null, source: null, status: null, statusDescription: null },
      creationTime: modified,
      deletedTime: null,
      etag: p.etag,
      lastModified: modified,
      lease: { duration: null, state: 'available', status: 'unlocked' },
      pageBlobSequenceNumber: null,
      pageRanges: null,
      rehydrationStatus: null,
      remainingRetentionDays: null,
      serverEncrypted: true,
    },
    rehydratePriority: null,
    requestServerEncrypted: null,
    snapshot: null,
    tagCount: null,
    tags: null,
    versionId: null,
  };
}

const xmlText = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const tag = (xml: string, name: string) => xmlText(new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1] ?? '');

const VAULT = { dest: 'vault_name', options: ['--vault-name'], required: true, help: 'Name of the Key Vault.' } as const;
const SECRET = { dest: 'name', options: ['--name', '-n'], required: true, help: 'Name of the secret.' } as const;
const ACCOUNT = { dest: 'account_name', options: ['--account-name'], help: 'Storage account name. Related environment variable: AZURE_STORAGE_ACCOUNT.' } as const;
const AUTH_MODE = {
  dest: 'auth_mode',
  options: ['--auth-mode'],
  choices: ['key', 'login'],
  help: 'The mode in which to run the command. "login" mode will directly use your login credentials for the authentication. The legacy "key" mode will attempt to query for an account key if no authentication parameters for the account are provided. Environment variable: AZURE_STORAGE_AUTH_MODE.',
} as const;
// azure-cli's storage argument help (command_modules/storage/_params.py).
const SAS_TOKEN = {
  dest: 'sas_token',
  options: ['--sas-token'],
  help: 'A Shared Access Signature (SAS). Must be used in conjunction with storage account name or service endpoint. Environment variable: AZURE_STORAGE_SAS_TOKEN.',
} as const;
const CONTAINER = { dest: 'container', options: ['--container-name', '-c'], required: true, help: 'The container name.' } as const;
const BLOB = { dest: 'blob', options: ['--name', '-n'], required: true, help: 'The blob name.' } as const;

function accountOf(a: ArgValues): ArgValues {
  if (!s(a.account_name)) throw new AzCliError('Missing account name. Please provide --account-name or set AZURE_STORAGE_ACCOUNT.');
  return a;
}

export const loadDataPlane: CommandLoader = (t) => {
  addGroup(t, 'keyvault', 'Manage KeyVault keys, secrets, and certificates.');
  addGroup(t, 'keyvault secret', 'Manage secrets.');
  addCommand(t, {
    name: 'keyvault secret show',
    summary: 'Get a specified secret from a given key vault.',
    args: [VAULT, SECRET, { dest: 'version', options: ['--version', '-v'], help: 'The secret version. If omitted, uses the latest version.' }],
    run: async (ctx, a) => secretOut(vaultResult(await vault(ctx, a, 'GET', `/secrets/${encodeURIComponent(String(a.name))}/${s(a.version) ?? ''}`)), true),
  });
  addCommand(t, {
    name: 'keyvault secret set',
    summary: 'Create a secret (if one doesn\'t exist) or update a secret in a KeyVault.',
    args: [VAULT, SECRET, { dest: 'value', options: ['--value'], help: 'Plain text secret value. Cannot be used with --file or --encoding.' }, { dest: 'content_type', options: ['--description'], help: 'Description of the secret contents (e.g. password, connection string, etc).' }],
    run: async (ctx, a) => {
      if (s(a.value) === undefined) throw new AzCliError('usage error: --value VALUE | --file PATH');
      const body: Record<string, unknown> = { value: s(a.value), attributes: { enabled: true } };
      if (s(a.content_type)) body.contentType = s(a.content_type);
      return secretOut(vaultResult(await vault(ctx, a, 'PUT', `/secrets/${encodeURIComponent(String(a.name))}`, body)), true);
    },
  });
  addCommand(t, {
    name: 'keyvault secret list',
    summary: 'List secrets in a specified key vault.',
    args: [VAULT, { dest: 'maxresults', options: ['--maxresults'], help: 'Maximum number of results to return in a page.' }],
    run: async (ctx, a) => {
      const body = vaultResult(await vault(ctx, a, 'GET', '/secrets'));
      return ((body.value as Record<string, unknown>[]) ?? []).map((b) => secretOut(b, false));
    },
  });

  addGroup(t, 'storage', 'Manage Azure Cloud Storage resources.');
  addGroup(t, 'storage blob', 'Manage object storage for unstructured data (blobs).');
  addCommand(t, {
    name: 'storage blob list',
    summary: 'List blobs in a given container.',
    args: [CONTAINER, ACCOUNT, AUTH_MODE, SAS_TOKEN, { dest: 'prefix', options: ['--prefix'], help: 'Filter the results to return only blobs whose name begins with the specified prefix.' }],
    tableTransform: (result) =>
      (result as ReturnType<typeof blobProperties>[]).map((b) => ({
        Name: b.name,
        'Blob Type': b.properties.blobType,
        'Blob Tier': b.properties.blobTier,
        Length: b.properties.contentLength,
        'Content Type': b.properties.contentSettings.contentType,
        'Last Modified': b.properties.lastModified,
      })),
    run: async (ctx, a) => {
      const container = String(a.container);
      const prefix = s(a.prefix) ? `&prefix=${encodeURIComponent(s(a.prefix)!)}` : '';
      const r = await storage(ctx, accountOf(a), 'GET', `/${encodeURIComponent(container)}?restype=container&comp=list${prefix}`);
      return [...r.text.matchAll(/<Blob>([\s\S]*?)<\/Blob>/g)].map((m) =>
        blobProperties(tag(m[1]!, 'Name'), container, {
          lastModified: tag(m[1]!, 'Last-Modified'),
          etag: tag(m[1]!, 'Etag'),
          length: Number(tag(m[1]!, 'Content-Length')),
          contentType: tag(m[1]!, 'Content-Type'),
        }),
      );
    },
  });
  addCommand(t, {
    name: 'storage blob download',
    summary: 'Download a blob to a file path.',
    args: [CONTAINER, BLOB, ACCOUNT, AUTH_MODE, SAS_TOKEN, { dest: 'file', options: ['--file', '-f'], help: 'Path of file to write out to. If not specified, stdout will be used and max_connections will be set to 1.' }, { dest: 'no_progress', options: ['--no-progress'], flag: true, help: 'Include this flag to disable progress reporting for the command.' }],
    run: async (ctx, a) => {
      const container = String(a.container);
      const r = await storage(ctx, accountOf(a), 'GET', `/${encodeURIComponent(container)}/${String(a.blob).split('/').map(encodeURIComponent).join('/')}`);
      const file = s(a.file);
      if (!file) return new TextDecoder().decode(r.bytes);
      await ctx.files.writeBytes(ctx.files.resolve(file), r.bytes);
      return blobProperties(String(a.blob), container, {
        lastModified: r.headers.get('last-modified') ?? new Date(ctx.now()).toUTCString(),
        etag: r.headers.get('etag') ?? '',
        length: r.bytes.byteLength,
        contentType: r.headers.get('content-type') ?? 'application/octet-stream',
      });
    },
  });
  addCommand(t, {
    name: 'storage blob upload',
    summary: 'Upload a file to a storage blob.',
    args: [CONTAINER, BLOB, ACCOUNT, AUTH_MODE, SAS_TOKEN, { dest: 'file', options: ['--file', '-f'], help: 'Path of the file to upload as the blob content.' }, { dest: 'data', options: ['--data'], help: 'The blob data to upload.' }, { dest: 'overwrite', options: ['--overwrite'], choices: ['false', 'true'], help: 'Whether the blob to be uploaded should overwrite the current data.' }],
    run: async (ctx, a) => {
      const file = s(a.file);
      const data = s(a.data);
      if ((file === undefined) === (data === undefined)) throw new AzCliError('usage error: --file PATH | --data DATA');
      let bytes: Uint8Array;
      if (file !== undefined) {
        const read = await ctx.files.readBytes(ctx.files.resolve(file));
        if (read === null) throw new AzCliError(`[Errno 2] No such file or directory: '${file}'`);
        bytes = read;
      } else bytes = new TextEncoder().encode(data);
      const r = await storage(ctx, accountOf(a), 'PUT', `/${encodeURIComponent(String(a.container))}/${String(a.blob).split('/').map(encodeURIComponent).join('/')}`, { 'x-ms-blob-type': 'BlockBlob', 'Content-Type': 'application/octet-stream' }, bytes);
      return {
        client_request_id: r.headers.get('x-ms-client-request-id'),
        content_md5: null,
        date: r.headers.get('date'),
        encryption_key_sha256: null,
        encryption_scope: null,
        etag: r.headers.get('etag'),
        lastModified: r.headers.get('last-modified'),
        request_id: r.headers.get('x-ms-request-id'),
        request_server_encrypted: true,
        version: API.storageData,
        version_id: null,
      };
    },
  });
};
