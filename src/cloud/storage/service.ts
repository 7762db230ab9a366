/** Blob hosts (`https://<account>.blob.core.windows.net`); the router only routes here for accounts that exist. */
import { cloudHttp as http } from '../msw/cloud-http';
import { contextOf } from '../call-context';
import { httpSysBadRequest } from '../http/http-sys';
import type { ServiceDefinition } from '../service';
import { handleBlobRequest } from './blobs';
import { STORAGE_TEXT, storageError } from './errors';

const accountOf = (request: Request) => new URL(request.url).hostname.split('.')[0]!;

export const storageService: ServiceDefinition = {
  service: 'storage',
  handlers: () => [http.all(/^https?:\/\/[a-z0-9]+\.blob\.core\.windows\.net\/.*/i, ({ request }) => handleBlobRequest(contextOf(request), request, accountOf(request)))],
  // Storage's 413 names its limit in <MaxLimit> (the router's cap here, below Storage's own by version).
  tooLarge: (ctx, limit) => storageError(ctx, null, 413, 'RequestBodyTooLarge', STORAGE_TEXT.tooLarge, { elements: [['MaxLimit', String(limit)]] }),
  internalError: (ctx) => storageError(ctx, null, 500, 'InternalError', STORAGE_TEXT.internal),
  // azure-cli#24623: Storage answers an undecodable URL with HTTP.sys's page, before authentication.
  badUrl: (ctx) => httpSysBadRequest('url', ctx.world.now()),
  methodNotAllowed: (ctx) => storageError(ctx, null, 405, 'UnsupportedHttpVerb', STORAGE_TEXT.unsupportedVerb),
};
