import type { ServiceDefinition } from '../service';
import { imdsError } from './errors';
import { imdsHandlers } from './handlers';

export const imdsService: ServiceDefinition = {
  service: 'imds',
  handlers: imdsHandlers,
  // IMDS takes no bodies; the REST spec's enum has bad_request for anything malformed (wording ours).
  tooLarge: (ctx) => imdsError(413, { error: 'bad_request', error_description: 'Request entity too large' }, ctx.world.now()),
  // imds.md §1.4: the REST spec's 500 example.
  internalError: (ctx) => imdsError(500, { error: 'server_error', error_description: 'Server error' }, ctx.world.now()),
};
