/** Key Vault hosts (`https://<vault>.vault.azure.net`); the router only routes here for vaults that exist. */
import { cloudHttp as http } from '../msw/cloud-http';
import { contextOf } from '../call-context';
import { httpSysBadRequest } from '../http/http-sys';
import type { ServiceDefinition } from '../service';
import { kvError } from './errors';
import { handleVaultRequest } from './secrets';

const vaultOf = (request: Request) => new URL(request.url).hostname.split('.')[0]!;

export const keyVaultService: ServiceDefinition = {
  service: 'keyvault',
  handlers: () => [http.all(/^https?:\/\/[a-z0-9-]+\.vault\.azure\.net\/.*/i, ({ request }) => handleVaultRequest(contextOf(request), request, vaultOf(request)))],
  // Invented wording; Key Vault caps request bodies (secrets are at most 25 KB). The region header is nominal here.
  tooLarge: (ctx) => kvError(ctx, 'eastus', 413, { code: 'RequestBodyTooLarge', message: 'The request body is too large.' }),
  internalError: (ctx) => kvError(ctx, 'eastus', 500, { code: 'InternalServerError', message: 'An unexpected error occurred.' }),
  badUrl: (ctx) => httpSysBadRequest('url', ctx.world.now()),
  // Key Vault is an ASP.NET Web API service: this is that framework's 405 text (as ARM's).
  methodNotAllowed: (ctx, method) =>
    kvError(ctx, 'eastus', 405, { code: 'MethodNotAllowed', message: `The requested resource does not support http method '${method}'.` }),
};
