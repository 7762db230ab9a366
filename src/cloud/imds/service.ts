import type { ServiceDefinition } from '../service';
import { IMDS_ERRORS, imdsError } from './errors';
import { imdsHandlers } from './handlers';

export const imdsService: ServiceDefinition = {
  service: 'imds',
  handlers: imdsHandlers,
  // IMDS takes no bodies; the REST spec's enum has bad_request for anything malformed (wording ours).
  tooLarge: (ctx) => imdsError(413, { error: 'bad_request', error_description: 'Request entity too large' }, ctx.world.now()),
  // imds.md §1.4: the REST spec's 500 example.
  internalError: (ctx) => imdsError(500, { error: 'server_error', error_description: 'Server error' }, ctx.world.now()),
  // Invented wording in IMDS's error enum (bad_request); no capture of IMDS given an undecodable URL.
  badUrl: (ctx) => imdsError(400, { error: 'bad_request', error_description: 'The request URL is invalid' }, ctx.world.now()),
  // imds.md §1.4: every verb but GET gets 405.
  methodNotAllowed: (ctx) => imdsError(405, IMDS_ERRORS.methodNotAllowed(), ctx.world.now()),
};
