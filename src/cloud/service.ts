/** What the router needs from each simulated service: its handlers and its own error framing. */
import type { HttpHandler } from 'msw';
import type { CallContext, Service } from './call-context';

export interface ServiceDefinition {
  service: Service;
  handlers(): HttpHandler[];
  /** The service's refusal of a body over the size cap. */
  tooLarge(ctx: CallContext): Response;
  /** The service's 500, for a handler that threw (a bug; logged, never propagated). */
  internalError(ctx: CallContext): Response;
}
