/** What the router needs from each simulated service: its handlers and its own error framing. */
import type { HttpHandler } from 'msw';
import type { CallContext, Service } from './call-context';

export interface ServiceDefinition {
  service: Service;
  handlers(): HttpHandler[];
  /** The service's refusal of a body over `limit` bytes (the router's cap for this service). */
  tooLarge(ctx: CallContext, limit: number): Response;
  /** The service's 500, for a handler that threw (a bug; logged, never propagated). */
  internalError(ctx: CallContext): Response;
  /** The service's 400 for a URL it cannot decode (a malformed percent-escape, `OPTIONS *`). */
  badUrl(ctx: CallContext): Response;
  /** The service's answer to a method no route takes (TRACE, TRACK, CONNECT on a non-proxy). */
  methodNotAllowed(ctx: CallContext, method: string): Response;
}
