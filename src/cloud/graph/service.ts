/**
 * A minimal Microsoft Graph (`https://graph.microsoft.com/v1.0`): the directory look-ups the Azure
 * CLI's role and ad commands make (azure-cli role/_msgrpah/_graph_client.py): users and service
 * principals by filter, groups by id or display name, and `directoryObjects/getByIds`. Members of
 * the tenant may read the directory; a managed identity's token has no Graph permission, so it gets
 * Graph's 403 `Authorization_RequestDenied` (the CLI then falls back, as on Azure).
 */
import { validateToken, type World } from '../../sim/index';
import { contextOf, type CallContext } from '../call-context';
import { identityOf, principalFromClaims } from '../access/principal';
import { jsonReply } from '../http/respond';
import { cloudHttp as http } from '../msw/cloud-http';
import type { ServiceDefinition } from '../service';

const GRAPH_AUDIENCES = ['https://graph.microsoft.com', 'https://graph.microsoft.com/', '00000003-0000-0000-c000-000000000000'];
const ROOT = 'https://graph.microsoft.com/v1.0';

/** Graph's error body: code, message, innerError with the request ids (shape of real Graph errors). */
function graphError(ctx: CallContext, status: number, code: string, message: string): Response {
  const innerError = { date: new Date(ctx.at).toISOString().replace(/\.\d+Z$/, ''), 'request-id': ctx.requestId, 'client-request-id': ctx.requestId };
  return jsonReply({ error: { code, message, innerError } }, { status, at: ctx.at, headers: { 'request-id': ctx.requestId } });
}

function userObject(u: World['data']['users'][string]) {
  return {
    '@odata.type': '#microsoft.graph.user',
    id: u.objectId,
    businessPhones: [],
    displayName: u.displayName,
    givenName: u.givenName ?? null,
    jobTitle: null,
    mail: null,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: u.surname ?? null,
    userPrincipalName: u.userPrincipalName,
  };
}

function servicePrincipalObject(sp: World['data']['servicePrincipals'][string]) {
  return {
    '@odata.type': '#microsoft.graph.servicePrincipal',
    id: sp.objectId,
    accountEnabled: true,
    alternativeNames: ['isExplicit=' + (sp.identityType === 'UserAssigned' ? 'True' : 'False'), sp.managedIdentityResourceId],
    appDisplayName: null,
    appId: sp.appId,
    displayName: sp.displayName,
    // Managed identities list their client id first (rbac-arm.md §4.1); the second name is invented.
    servicePrincipalNames: [sp.appId, `https://identity.azure.net/${sp.objectId}`],
    servicePrincipalType: 'ManagedIdentity',
  };
}

function groupObject(g: World['data']['groups'][string]) {
  return {
    '@odata.type': '#microsoft.graph.group',
    id: g.objectId,
    description: null,
    displayName: g.displayName,
    mailEnabled: false,
    mailNickname: g.displayName.replace(/[^A-Za-z0-9]/g, ''),
    securityEnabled: true,
  };
}

function objectById(world: World, id: string) {
  const key = id.toLowerCase();
  const user = world.data.users[key];
  if (user) return userObject(user);
  const group = world.data.groups[key];
  if (group) return groupObject(group);
  const sp = world.data.servicePrincipals[key];
  if (sp && sp.deletedAt === null) return servicePrincipalObject(sp);
  return null;
}

const withoutType = <T extends Record<string, unknown>>(o: T) => {
  const { ['@odata.type']: _t, ...rest } = o;
  return rest;
};

const eqFilter = (filter: string, field: string) => new RegExp(`^\\s*${field}\\s+eq\\s+'((?:[^']|'')*)'\\s*$`, 'i').exec(filter)?.[1]?.replace(/''/g, "'");

async function handle(ctx: CallContext, request: Request): Promise<Response> {
  ctx.operation = 'graph.request';
  const header = request.headers.get('authorization') ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!token) return graphError(ctx, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
  const check = await validateToken(ctx.world, token, { audiences: GRAPH_AUDIENCES });
  if (!check.ok) return graphError(ctx, 401, 'InvalidAuthenticationToken', check.reason === 'expired' ? 'Lifetime validation failed, the token is expired.' : 'Access token validation failure. Invalid audience.');
  const principal = principalFromClaims(ctx.world, check.claims, check.groups, check.kind);
  ctx.identity = identityOf(ctx.world, principal);
  ctx.tokenId = typeof check.claims.uti === 'string' ? check.claims.uti : null;
  // Members read the directory by default; an app (a managed identity) needs Directory.Read.All, which no sandbox identity has.
  if (check.kind !== 'user') return graphError(ctx, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');

  const url = new URL(request.url);
  const path = url.pathname.replace(/^\/v1\.0/i, '');
  const filter = url.searchParams.get('$filter') ?? '';
  const world = ctx.world;
  const list = (kind: string, value: unknown[]) => jsonReply({ '@odata.context': `${ROOT}/$metadata#${kind}`, value }, { status: 200, at: ctx.at });

  if (request.method === 'POST' && /^\/directoryObjects\/getByIds$/i.test(path)) {
    ctx.operation = 'graph.directoryObjects.getByIds';
    let ids: unknown = [];
    try {
      ids = ((await request.json()) as { ids?: unknown }).ids;
    } catch {
      return graphError(ctx, 400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
    }
    if (!Array.isArray(ids)) return graphError(ctx, 400, 'Request_BadRequest', "Invalid value specified for property 'ids' of resource 'DirectoryObject'.");
    const found = ids.filter((i): i is string => typeof i === 'string').map((i) => objectById(world, i)).filter((o) => o !== null);
    return list('directoryObjects', found);
  }
  if (request.method !== 'GET') return graphError(ctx, 405, 'Request_BadRequest', `Specified HTTP method is not allowed for the request target.`);
  let m: RegExpExecArray | null;
  if (/^\/users$/i.test(path)) {
    ctx.operation = 'graph.users.list';
    const upn = eqFilter(filter, 'userPrincipalName');
    const users = Object.values(world.data.users).filter((u) => upn === undefined || u.userPrincipalName.toLowerCase() === upn.toLowerCase());
    return list('users', users.map((u) => withoutType(userObject(u))));
  }
  if ((m = /^\/users\/([^/]+)$/i.exec(path))) {
    ctx.operation = 'graph.users.get';
    const key = decodeURIComponent(m[1]!).toLowerCase();
    const user = Object.values(world.data.users).find((u) => u.objectId === key || u.userPrincipalName.toLowerCase() === key);
    if (!user) return graphError(ctx, 404, 'Request_ResourceNotFound', `Resource '${decodeURIComponent(m[1]!)}' does not exist or one of its queried reference-property objects are not present.`);
    return jsonReply({ '@odata.context': `${ROOT}/$metadata#users/$entity`, ...withoutType(userObject(user)) }, { status: 200, at: ctx.at });
  }
  if (/^\/servicePrincipals$/i.test(path)) {
    ctx.operation = 'graph.servicePrincipals.list';
    const name = /servicePrincipalNames\/any\(c:c\s+eq\s+'((?:[^']|'')*)'\)/i.exec(filter)?.[1]?.replace(/''/g, "'");
    const sps = Object.values(world.data.servicePrincipals).filter((sp) => sp.deletedAt === null && (name === undefined || servicePrincipalObject(sp).servicePrincipalNames.some((n) => n.toLowerCase() === name.toLowerCase())));
    return list('servicePrincipals', sps.map((sp) => withoutType(servicePrincipalObject(sp))));
  }
  if (/^\/groups$/i.test(path)) {
    ctx.operation = 'graph.groups.list';
    const name = eqFilter(filter, 'displayName');
    const groups = Object.values(world.data.groups).filter((g) => name === undefined || g.displayName.toLowerCase() === name.toLowerCase());
    return list('groups', groups.map((g) => withoutType(groupObject(g))));
  }
  if ((m = /^\/groups\/([^/]+)$/i.exec(path))) {
    ctx.operation = 'graph.groups.get';
    const group = world.data.groups[decodeURIComponent(m[1]!).toLowerCase()];
    if (!group) return graphError(ctx, 404, 'Request_ResourceNotFound', `Resource '${decodeURIComponent(m[1]!)}' does not exist or one of its queried reference-property objects are not present.`);
    return jsonReply({ '@odata.context': `${ROOT}/$metadata#groups/$entity`, ...withoutType(groupObject(group)) }, { status: 200, at: ctx.at });
  }
  return graphError(ctx, 400, 'BadRequest', `Resource not found for the segment '${path.split('/')[1] ?? ''}'.`);
}

export const graphService: ServiceDefinition = {
  service: 'graph',
  handlers: () => [http.all(/^https:\/\/graph\.microsoft\.com\/.*/i, ({ request }) => handle(contextOf(request), request))],
  tooLarge: (ctx) => graphError(ctx, 413, 'Request_EntityTooLarge', 'The request is too large.'),
  internalError: (ctx) => graphError(ctx, 500, 'UnknownError', ''),
  badUrl: (ctx) => graphError(ctx, 400, 'BadRequest', 'Invalid request.'),
  methodNotAllowed: (ctx, method) => graphError(ctx, 405, 'Request_BadRequest', `Specified HTTP method '${method}' is not allowed for the request target.`),
};
