import { httpSysBadRequest } from '../http/http-sys';
import type { ServiceDefinition } from '../service';
import { ARM_TEXT, armError } from './errors';
import { armHandlers } from './handlers';

export const armService: ServiceDefinition = {
  service: 'arm',
  handlers: armHandlers,
  tooLarge: (ctx) => armError(ctx, 'RequestEntityTooLarge', ARM_TEXT.tooLarge, 413),
  internalError: (ctx) => armError(ctx, 'InternalServerError', ARM_TEXT.internal(ctx.requestId), 500),
  badUrl: (ctx) => httpSysBadRequest('url', ctx.world.now()),
  methodNotAllowed: (ctx, method) => armError(ctx, 'MethodNotAllowed', ARM_TEXT.methodNotAllowed(method), 405),
};
