/**
 * `https://<vault>.vault.azure.net/secrets…` and `/deletedsecrets…` (rbac-arm.md §5.1): bearer
 * check with Key Vault's challenge, api-version, then the vault's permission model — RBAC data
 * actions or access policies — before existence. Ids in answers name the host the client called
 * (the emulator's per-port prefix, or the vault's own host through the proxy).
 */
import {
  accessPolicyAllows,
  deleteSecret,
  findVaultByName,
  getDeletedSecret,
  getSecret,
  listDeletedSecrets,
  listSecrets,
  listSecretVersions,
  purgeDeletedSecret,
  recoverDeletedSecret,
  setSecret,
  validateToken,
  type KeyVault,
  type Result,
  type SecretAt,
} from '../../sim/index';
import type { CallContext } from '../call-context';
import { isPlainObject, parseJsonBody } from '../http/body';
import { decide } from '../access/decide';
import { identityOf, principalFromClaims, type Principal } from '../access/principal';
import { KV_TEXT, kvCaller, kvError, kvJson } from './errors';
import { deletedBundle, listPage, secretBundle, secretItem, type Wire } from './wire';

/**
 * Key Vault data-plane versions, newest first: 2025-07-01 is @azure/keyvault-secrets 4.11's default,
 * 7.6 4.10's, Debian's Python SDK sends 7.3/7.4, the Linux tutorial still uses 2016-10-01.
 */
export const KEYVAULT_DATA_API = ['2025-07-01', '7.6', '7.5', '7.4', '7.3', '7.2', '7.1', '7.0', '2016-10-01', '2015-06-01'] as const;

/** rbac-arm.md §5.1: Key Vault expects the audience without the trailing slash ([observed] AKV10022). */
const KV_AUDIENCE = 'https://vault.azure.net';

const SECRETS = 'Microsoft.KeyVault/vaults/secrets';
/**
 * Each operation's RBAC data action and access-policy permission. Reading deleted secrets is
 * readMetadata (Key Vault Secrets Officer, whose data actions are only secrets/*, may list them).
 */
const OPS = {
  get: { action: `${SECRETS}/getSecret/action`, permission: 'get', operation: 'keyvault.getSecret' },
  set: { action: `${SECRETS}/setSecret/action`, permission: 'set', operation: 'keyvault.setSecret' },
  list: { action: `${SECRETS}/readMetadata/action`, permission: 'list', operation: 'keyvault.listSecrets' },
  versions: { action: `${SECRETS}/readMetadata/action`, permission: 'list', operation: 'keyvault.listSecretVersions' },
  delete: { action: `${SECRETS}/delete`, permission: 'delete', operation: 'keyvault.deleteSecret' },
  getDeleted: { action: `${SECRETS}/readMetadata/action`, permission: 'list', operation: 'keyvault.getDeletedSecret' },
  listDeleted: { action: `${SECRETS}/readMetadata/action`, permission: 'list', operation: 'keyvault.listDeletedSecrets' },
  recover: { action: `${SECRETS}/recover/action`, permission: 'recover', operation: 'keyvault.recoverDeletedSecret' },
  purge: { action: `${SECRETS}/purge/action`, permission: 'purge', operation: 'keyvault.purgeDeletedSecret' },
} as const;

type Op = keyof typeof OPS;

async function authenticate(ctx: CallContext, request: Request, vault: KeyVault): Promise<{ ok: true; principal: Principal } | { ok: false; response: Response }> {
  const loc = vault.location;
  const header = request.headers.get('authorization');
  const challenge = { 'WWW-Authenticate': `Bearer authorization="https://login.windows.net/${ctx.world.tenantId}", resource="https://vault.azure.net"` };
  const unauthorized = (message: string) => ({ ok: false as const, response: kvError(ctx, loc, 401, { code: 'Unauthorized', message }, challenge) });
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!m) return unauthorized(KV_TEXT.noToken);
  const check = await validateToken(ctx.world, m[1]!, { audiences: [KV_AUDIENCE] });
  if (!check.ok) {
    if (check.claims && typeof check.claims.uti === 'string') ctx.tokenId = check.claims.uti;
    switch (check.reason) {
      case 'wrongAudience':
        return unauthorized(KV_TEXT.wrongAudience(String(check.claims?.aud)));
      case 'invalidSignature':
        return unauthorized(KV_TEXT.badSignature);
      case 'expired':
        return unauthorized(KV_TEXT.expired(Number(check.claims?.exp)));
      case 'wrongIssuer':
        return unauthorized(KV_TEXT.wrongIssuer(String(check.claims?.iss)));
      default:
        return unauthorized(KV_TEXT.invalidToken);
    }
  }
  const principal = principalFromClaims(ctx.world, check.claims, check.groups, check.kind);
  ctx.identity = identityOf(ctx.world, principal);
  ctx.tokenId = typeof check.claims.uti === 'string' ? check.claims.uti : null;
  return { ok: true, principal };
}

function authorize(ctx: CallContext, principal: Principal, vault: KeyVault, op: Op, secretName: string | null): Response | null {
  const caller = kvCaller(principal.appId, principal.principalId, principal.tenantId);
  const { action, permission } = OPS[op];
  if (!vault.properties.enableRbacAuthorization) {
    if (accessPolicyAllows(vault, principal.principalId, permission)) return null;
    return kvError(ctx, vault.location, 403, {
      code: 'Forbidden',
      message: KV_TEXT.accessDenied(caller, permission, vault.name, vault.location),
      innererror: { code: 'AccessDenied' },
    });
  }
  const scope = secretName === null ? vault.id : `${vault.id}/secrets/${secretName}`;
  const decision = decide(ctx, principal, { action, scope, isDataAction: true });
  if (decision?.allowed) return null;
  const deny = decision?.matched?.denyAssignment;
  return kvError(ctx, vault.location, 403, {
    code: 'Forbidden',
    message: KV_TEXT.forbiddenByRbac(caller, action, scope.toLowerCase(), vault.name, vault.location, deny ? deny.name : null),
    innererror: { code: 'ForbiddenByRbac' },
  });
}

interface Route {
  op: Op;
  name: string | null;
  version: string | null;
}

/** Key Vault's paths, matched case-insensitively on the collection names as the service does. */
function routeOf(method: string, segments: string[]): Route | null {
  const [collection, name = null, third = null, fourth] = segments;
  const c = collection?.toLowerCase();
  if (fourth !== undefined) return null;
  if (c === 'secrets') {
    if (name === null) return method === 'GET' ? { op: 'list', name: null, version: null } : null;
    if (third?.toLowerCase() === 'versions') return method === 'GET' ? { op: 'versions', name, version: null } : null;
    if (method === 'GET') return { op: 'get', name, version: third };
    if (method === 'PUT' && third === null) return { op: 'set', name, version: null };
    if (method === 'DELETE' && third === null) return { op: 'delete', name, version: null };
    return null;
  }
  if (c === 'deletedsecrets') {
    if (name === null) return method === 'GET' ? { op: 'listDeleted', name: null, version: null } : null;
    if (third === null && method === 'GET') return { op: 'getDeleted', name, version: null };
    if (third === null && method === 'DELETE') return { op: 'purge', name, version: null };
    if (third?.toLowerCase() === 'recover' && method === 'POST') return { op: 'recover', name, version: null };
  }
  return null;
}

/** Where ids point: the prefix the emulator was called on, else the vault host as the client spelled it. */
function baseOf(ctx: CallContext, url: URL): string {
  return (ctx.publicBase ?? `${url.protocol}//${url.host}`).replace(/\/+$/, '');
}

const STATUS: Record<string, number> = { SecretNotFound: 404, Conflict: 409, BadParameter: 400 };

function fromSim<T>(ctx: CallContext, vault: KeyVault, result: Result<T>, ok: (value: T) => Response): Response {
  if (result.ok) return ok(result.value);
  const { code, message } = result.error;
  const status = STATUS[code] ?? 400;
  return kvError(ctx, vault.location, status, code === 'Conflict' ? { code, message, innererror: { code: 'ObjectIsDeletedButRecoverable' } } : { code, message });
}

/** Handles every request to a vault host. */
export async function handleVaultRequest(ctx: CallContext, request: Request, vaultName: string): Promise<Response> {
  const vault = findVaultByName(ctx.world, vaultName);
  // The router never routes here for a missing vault (the name does not resolve); under an msw
  // adapter the same fact is a network error.
  if (!vault) return Response.error();
  const loc = vault.location;
  const url = new URL(request.url);
  const segments = url.pathname.split('/').filter((s) => s !== '').map(decodeURIComponent);
  const route = routeOf(request.method, segments);
  ctx.operation = route ? OPS[route.op].operation : 'keyvault.unknown';
  const auth = await authenticate(ctx, request, vault);
  if (!auth.ok) return auth.response;
  const apiVersion = url.searchParams.get('api-version');
  if (!apiVersion) return kvError(ctx, loc, 400, { code: 'BadParameter', message: KV_TEXT.apiVersionMissing });
  if (!(KEYVAULT_DATA_API as readonly string[]).includes(apiVersion)) return kvError(ctx, loc, 400, { code: 'BadParameter', message: KV_TEXT.apiVersionInvalid(apiVersion) });
  // Invented text in Key Vault's shape: only the secret operations are simulated.
  if (!route) return kvError(ctx, loc, 404, { code: 'NotFound', message: `The requested operation ${request.method} ${url.pathname} is not supported by this vault.` });

  const denied = authorize(ctx, auth.principal, vault, route.op, route.name);
  if (denied) return denied;

  const wire: Wire = { base: baseOf(ctx, url), apiVersion };
  const w = ctx.world;
  const json = (body: unknown) => kvJson(ctx, loc, 200, body);
  const page = (items: SecretAt[], item: (s: SecretAt) => unknown) => {
    const p = listPage(wire, url, items.map(item));
    return p.ok ? json(p.value) : kvError(ctx, loc, 400, p.error);
  };
  switch (route.op) {
    case 'list':
      return fromSim(ctx, vault, listSecrets(w, vault.name), (items) => page(items, (s) => secretItem(wire, s, false)));
    case 'versions':
      return fromSim(ctx, vault, listSecretVersions(w, vault.name, route.name!), (items) => page(items, (s) => secretItem(wire, s, true)));
    case 'get':
      return fromSim(ctx, vault, getSecret(w, { vault: vault.name, name: route.name!, ...(route.version ? { version: route.version } : {}) }), (s) => json(secretBundle(wire, s)));
    case 'delete':
      return fromSim(ctx, vault, deleteSecret(w, vault.name, route.name!), (s) => json(deletedBundle(wire, s)));
    case 'getDeleted':
      return fromSim(ctx, vault, getDeletedSecret(w, vault.name, route.name!), (s) => json(deletedBundle(wire, s)));
    case 'listDeleted':
      return fromSim(ctx, vault, listDeletedSecrets(w, vault.name), (items) => page(items, (s) => deletedBundle(wire, s, true)));
    case 'recover':
      return fromSim(ctx, vault, recoverDeletedSecret(w, vault.name, route.name!), (s) => json(secretBundle(wire, s, false)));
    case 'purge':
      return fromSim(ctx, vault, purgeDeletedSecret(w, vault.name, route.name!), () => kvJson(ctx, loc, 204, null));
    case 'set': {
      const parsed = parseJsonBody(await request.text());
      if (!parsed.ok || !isPlainObject(parsed.value) || typeof parsed.value.value !== 'string') {
        return kvError(ctx, loc, 400, { code: 'BadParameter', message: KV_TEXT.valueMissing });
      }
      const body = parsed.value;
      const attributes = isPlainObject(body.attributes) ? body.attributes : {};
      const tags = isPlainObject(body.tags) && Object.values(body.tags).every((t) => typeof t === 'string') ? (body.tags as Record<string, string>) : undefined;
      const seconds = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x * 1000 : undefined);
      const expires = seconds(attributes.exp);
      const notBefore = seconds(attributes.nbf);
      return fromSim(
        ctx,
        vault,
        setSecret(w, {
          vault: vault.name,
          name: route.name!,
          value: body.value as string,
          ...(typeof body.contentType === 'string' ? { contentType: body.contentType } : {}),
          ...(typeof attributes.enabled === 'boolean' ? { enabled: attributes.enabled } : {}),
          ...(expires !== undefined ? { expires } : {}),
          ...(notBefore !== undefined ? { notBefore } : {}),
          ...(tags ? { tags } : {}),
        }),
        (s) => json(secretBundle(wire, s)),
      );
    }
  }
}
