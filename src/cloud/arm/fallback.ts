/**
 * What ARM answers when no operation matches, still in ARM's envelope and after authentication
 * (ARM authenticates before routing): a known path with another method → 405; a provider path
 * with an unknown type → InvalidResourceType; anything else → 404.
 */
import { matchRequestUrl, type HttpHandler } from 'msw';
import { cloudHttp as http } from '../msw/cloud-http';
import { contextOf } from '../call-context';
import { ARM_ORIGIN } from '../hosts';
import { authenticateArm } from './authenticate';
import { ARM_TEXT, armError } from './errors';
import { setCorrelationId } from './respond';
import type { ArmRoute } from './route';

export function armFallback(routes: readonly ArmRoute[]): HttpHandler {
  return http.all(`${ARM_ORIGIN}/*`, async ({ request }) => {
    const ctx = contextOf(request);
    ctx.operation = 'arm.unknownRoute';
    setCorrelationId(ctx, request.headers.get('x-ms-correlation-request-id'));
    const auth = await authenticateArm(ctx, request);
    if (!auth.ok) return auth.response;
    const url = new URL(request.url);
    if (routes.some((r) => matchRequestUrl(url, `${ARM_ORIGIN}${r.path}`).matches)) {
      return armError(ctx, 'MethodNotAllowed', ARM_TEXT.methodNotAllowed(request.method), 405);
    }
    const version = url.searchParams.get('api-version');
    if (!version) return armError(ctx, 'MissingApiVersionParameter', ARM_TEXT.missingApiVersion, 400);
    const provider = /\/providers\/([^/]+)\/([^/]+)/i.exec(url.pathname);
    if (provider) {
      return armError(ctx, 'InvalidResourceType', ARM_TEXT.invalidResourceType(provider[2]!, provider[1]!, version), 400);
    }
    return armError(ctx, 'NotFound', ARM_TEXT.unknownPath(url.pathname), 404);
  });
}
