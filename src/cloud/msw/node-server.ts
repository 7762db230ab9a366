/**
 * The same handlers under msw's `setupServer`, for Node tests that call `fetch` directly instead of
 * going through the router. Every intercepted request acts from one fixed caller; requests to hosts
 * the world does not have fail like unresolvable names (msw's unhandled-request error), and there is
 * no request log or body cap — those belong to the router. Nothing in the app depends on this.
 */
import { setupServer, type SetupServerApi } from 'msw/node';
import type { World } from '../../sim/index';
import { bindContext, newContext, type CallerId } from '../call-context';
import { resolveHost } from '../hosts';
import { cloudHandlers } from './handlers';

export function setupCloudServer(world: World, opts: { from: CallerId }): SetupServerApi {
  const server = setupServer(...cloudHandlers());
  // msw emits request:start synchronously with the very Request it then hands to the handlers.
  server.events.on('request:start', ({ request }) => {
    // A vault or account host that does not exist still gets a context: its handler answers with
    // a network error, as name resolution would fail.
    const host = new URL(request.url).hostname;
    const service = resolveHost(world, host)?.service ?? (host.endsWith('.vault.azure.net') ? 'keyvault' : 'storage');
    bindContext(request, newContext({ from: opts.from, world, service, requestId: crypto.randomUUID(), wait: (ms) => new Promise((r) => setTimeout(r, ms)) }));
  });
  return server;
}
