import type { ServiceDefinition } from '../service';
import { ARM_TEXT, armError } from './errors';
import { armHandlers } from './handlers';

export const armService: ServiceDefinition = {
  service: 'arm',
  handlers: armHandlers,
  tooLarge: (ctx) => armError(ctx, 'RequestEntityTooLarge', ARM_TEXT.tooLarge, 413),
  internalError: (ctx) => armError(ctx, 'InternalServerError', ARM_TEXT.internal(ctx.requestId), 500),
};
