/**
 * `https://<vault>.vault.azure.net/secrets/{name}[/{version}]` (rbac-arm.md §5.1): bearer check with
 * Key Vault's challenge, then the vault's permission model — RBAC data actions
 * (`…/secrets/getSecret/action`, `…/setSecret/action`) or access policies — before existence.
 */
import { accessPolicyAllows, findVaultByName, getSecret, listSecrets, setSecret, validateToken, type KeyVault } from '../../sim/index';
import type { CallContext } from '../call-context';
import { isPlainObject, parseJsonBody } from '../http/body';
import { decide } from '../access/decide';
import { identityOf, principalFromClaims, type Principal } from '../access/principal';
import { KV_TEXT, kvCaller, kvError, kvJson } from './errors';


/** Key Vault data-plane versions, newest first; the Linux tutorial still uses 2016-10-01. */
export const KEYVAULT_DATA_API = ['7.6', '7.5', '7.4', '7.3', '7.2', '7.1', '7.0', '2016-10-01', '2015-06-01'] as const;

/** rbac-arm.md §5.1: Key Vault expects the audience without the trailing slash ([observed] AKV10022). */
const KV_AUDIENCE = 'https://vault.azure.net';

const SECRET_ACTION = {
  get: 'Microsoft.KeyVault/vaults/secrets/getSecret/action',
  set: 'Microsoft.KeyVault/vaults/secrets/setSecret/action',
  list: 'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
} as const;

type Op = keyof typeof SECRET_ACTION;

const OPERATION: Record<Op, string> = { get: 'keyvault.getSecret', set: 'keyvault.setSecret', list: 'keyvault.listSecrets' };

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
  if (!vault.properties.enableRbacAuthorization) {
    if (accessPolicyAllows(vault, principal.principalId, op)) return null;
    return kvError(ctx, vault.location, 403, {
      code: 'Forbidden',
      message: KV_TEXT.accessDenied(caller, op, vault.name, vault.location),
      innererror: { code: 'AccessDenied' },
    });
  }
  const scope = secretName === null ? vault.id : `${vault.id}/secrets/${secretName}`;
  const decision = decide(ctx, principal, { action: SECRET_ACTION[op], scope, isDataAction: true });
  if (decision?.allowed) return null;
  const deny = decision?.matched?.denyAssignment;
  return kvError(ctx, vault.location, 403, {
    code: 'Forbidden',
    message: KV_TEXT.forbiddenByRbac(caller, SECRET_ACTION[op], scope.toLowerCase(), vault.name, vault.location, deny ? deny.name : null),
    innererror: { code: 'ForbiddenByRbac' },
  });
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
  ctx.operation = route ? OPERATION[route.op] : 'keyvault.unknown';
  const auth = await authenticate(ctx, request, vault);
  if (!auth.ok) return auth.response;
  const version = url.searchParams.get('api-version');
  if (!version) return kvError(ctx, loc, 400, { code: 'BadParameter', message: KV_TEXT.apiVersionMissing });
  if (!(KEYVAULT_DATA_API as readonly string[]).includes(version)) return kvError(ctx, loc, 400, { code: 'BadParameter', message: KV_TEXT.apiVersionInvalid(version) });
  // Invented text in Key Vault's shape: only the secret operations are simulated.
  if (!route) return kvError(ctx, loc, 404, { code: 'NotFound', message: `The requested operation ${request.method} ${url.pathname} is not supported by this vault.` });

  const denied = authorize(ctx, auth.principal, vault, route.op, route.name);
  if (denied) return denied;

  if (route.op === 'list') {
    const listed = listSecrets(ctx.world, vault.name);
    return listed.ok ? kvJson(ctx, loc, 200, { value: listed.value, nextLink: null }) : kvError(ctx, loc, 400, listed.error);
  }
  if (route.op === 'get') {
    const found = getSecret(ctx.world, { vault: vault.name, name: route.name!, ...(route.version ? { version: route.version } : {}) });
    return found.ok ? kvJson(ctx, loc, 200, found.value) : kvError(ctx, loc, found.error.code === 'SecretNotFound' ? 404 : 400, found.error);
  }
  const parsed = parseJsonBody(await request.text());
  if (!parsed.ok || !isPlainObject(parsed.value) || typeof parsed.value.value !== 'string') {
    return kvError(ctx, loc, 400, { code: 'BadParameter', message: KV_TEXT.valueMissing });
  }
  const body = parsed.value;
  const saved = setSecret(ctx.world, {
    vault: vault.name,
    name: route.name!,
    value: body.value as string,
    ...(typeof body.contentType === 'string' ? { contentType: body.contentType } : {}),
  });
  return saved.ok ? kvJson(ctx, loc, 200, saved.value) : kvError(ctx, loc, 400, saved.error);
}

function routeOf(method: string, segments: string[]): { op: Op; name: string | null; version: string | null } | null {
  if (segments[0]?.toLowerCase() !== 'secrets' || segments.length > 3) return null;
  const name = segments[1] ?? null;
  const version = segments[2] ?? null;
  if (method === 'GET' && name === null) return { op: 'list', name: null, version: null };
  if (method === 'GET' && name !== null) return { op: 'get', name, version };
  if (method === 'PUT' && name !== null && version === null) return { op: 'set', name, version: null };
  return null;
}
