/**
 * Cloud Shell's local token endpoint, `http://localhost:50342/oauth2/token` (MSI_ENDPOINT in the
 * container). The portal signs in on the shell's behalf and hands back a token for the signed-in
 * user: "When this endpoint receives a request, it sends the request back to your browser, which
 * forwards it to the parent Portal frame" (learn.microsoft.com/azure/cloud-shell/msi-authorization).
 * MSAL and the Azure CLI POST `resource=<scheme://host>` with `Metadata: true`
 * (msal/cloudshell.py `_obtain_token`). Only Cloud Shell callers reach it; elsewhere nothing listens
 * on that port. The success body is the VM-extension-era shape the docs show (string numbers); the
 * allow-list error's text is cut short in the docs, so its tail here is invented.
 */
import { issueUserToken } from '../../sim/index';
import { contextOf, type CallContext } from '../call-context';
import { jsonReply } from '../http/respond';
import { cloudHttp as http } from '../msw/cloud-http';
import type { ServiceDefinition } from '../service';

/** Audiences Cloud Shell issues tokens for (MSAL's list "from envconfig.PROD.json", msal/cloudshell.py). */
const SUPPORTED = [
  'https://management.core.windows.net',
  'https://management.azure.com',
  'https://graph.windows.net',
  'https://vault.azure.net',
  'https://datalake.azure.net',
  'https://graph.microsoft.com',
  'https://batch.core.windows.net',
  'https://storage.azure.com',
  'https://ossrdbms-aad.database.windows.net',
];

const normalized = (r: string) => r.toLowerCase().replace(/\/+$/, '');

function csError(ctx: CallContext, status: number, code: string, message: string): Response {
  return jsonReply({ error: { code, message } }, { status, at: ctx.at });
}

async function handle(ctx: CallContext, request: Request): Promise<Response> {
  ctx.operation = 'cloudShell.token';
  const url = new URL(request.url);
  if (url.pathname !== '/oauth2/token') return csError(ctx, 404, 'NotFound', `Cannot ${request.method} ${url.pathname}`);
  if (request.headers.get('metadata')?.toLowerCase() !== 'true') return csError(ctx, 400, 'BadRequest', 'Required metadata header not specified');
  const form = request.method === 'POST' ? new URLSearchParams(await request.text()) : url.searchParams;
  const resource = form.get('resource') ?? '';
  if (!SUPPORTED.some((a) => normalized(a) === normalized(resource))) {
    return csError(ctx, 400, 'AudienceNotSupported', `Audience ${resource} is not a supported MSI token audience.`);
  }
  const from = ctx.from;
  const user = from.kind === 'cloudShell' ? ctx.world.data.users[from.userId.toLowerCase()] : undefined;
  if (!user) return csError(ctx, 401, 'Unauthorized', 'The portal session that opened this Cloud Shell is signed out.');
  // The portal is the client that signs in for Cloud Shell; which app id real tokens carry was not verified.
  const issued = await issueUserToken(ctx.world, { user: user.userPrincipalName, resource, client: 'portal' });
  if (!issued.ok) return csError(ctx, 400, 'BadRequest', issued.error.message);
  ctx.tokenId = issued.value.record.uti;
  ctx.identity = { principalId: user.objectId, clientId: null, kind: 'User', resourceId: null, userPrincipalName: user.userPrincipalName };
  const now = Math.floor(ctx.at / 1000);
  return jsonReply(
    {
      access_token: issued.value.record.jwt,
      refresh_token: '',
      expires_in: String(issued.value.expiresOn - now),
      expires_on: String(issued.value.expiresOn),
      not_before: String(now),
      resource,
      token_type: 'Bearer',
    },
    { status: 200, at: ctx.at },
  );
}

export const cloudShellService: ServiceDefinition = {
  service: 'cloudshell',
  handlers: () => [http.all(/^http:\/\/localhost(:\d+)?\/.*/i, ({ request }) => handle(contextOf(request), request))],
  tooLarge: (ctx) => csError(ctx, 413, 'PayloadTooLarge', 'request entity too large'),
  internalError: (ctx) => csError(ctx, 500, 'InternalServerError', 'An unexpected error occurred.'),
  // Invented: the endpoint's answers to these were never captured.
  badUrl: (ctx) => csError(ctx, 400, 'BadRequest', 'Invalid request URL.'),
  methodNotAllowed: (ctx, method) => csError(ctx, 404, 'NotFound', `Cannot ${method} /oauth2/token`),
};
