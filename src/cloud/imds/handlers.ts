/** IMDS as msw handlers, most specific first; anything else on the host is IMDS's 404. */
import type { HttpHandler } from 'msw';
import { cloudHttp as http } from '../msw/cloud-http';
import { contextOf } from '../call-context';
import { IMDS_ORIGIN } from '../hosts';
import { IMDS_ERRORS, imdsError } from './errors';
import { handleCredentialProbe, handleIdentityInfo } from './identity-endpoints';
import { handleInstanceRequest } from './instance';
import { handleTokenRequest, TOKEN_PATH } from './token';
import { handleVersions } from './versions';

export function imdsHandlers(): HttpHandler[] {
  return [
    http.all(`${IMDS_ORIGIN}${TOKEN_PATH}`, ({ request }) => handleTokenRequest(contextOf(request), request)),
    http.post(`${IMDS_ORIGIN}/metadata/identity/credential`, ({ request }) => handleCredentialProbe(contextOf(request))),
    http.all(`${IMDS_ORIGIN}/metadata/identity/info`, ({ request }) => handleIdentityInfo(contextOf(request), request)),
    http.all(`${IMDS_ORIGIN}/metadata/instance`, ({ request }) => handleInstanceRequest(contextOf(request), request)),
    http.all(`${IMDS_ORIGIN}/metadata/instance/*`, ({ request }) => handleInstanceRequest(contextOf(request), request)),
    http.all(`${IMDS_ORIGIN}/metadata/versions`, ({ request }) => handleVersions(contextOf(request), request)),
    http.all(`${IMDS_ORIGIN}/*`, ({ request }) => {
      const ctx = contextOf(request);
      ctx.operation = 'imds.notFound';
      return imdsError(404, IMDS_ERRORS.notFound(), ctx.world.now());
    }),
  ];
}
