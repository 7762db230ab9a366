/**
 * A real router over a preset world, and a portal fetch that acts as one directory user the way
 * the app's runtime does: a bearer token for ARM added to every request, caller `portal`; plus the
 * directory (the Graph stand-in) the portal reads names from.
 */
import { createRouter } from '../../../src/cloud/router';
import { createWorld, issueUserToken, type World } from '../../../src/sim/index';
import { createArmClient } from '../../../src/cloud/portal-client/arm-client';
import { worldDirectory } from '../../../src/cloud/portal-client/principal-directory';

export async function portalAs(world: World, user: string) {
  const router = createRouter(world, { wait: async () => {} });
  const token = await issueUserToken(world, { user, resource: 'https://management.azure.com/' });
  if (!token.ok) throw new Error(token.error.message);
  const fetch = (request: Request) => {
    const headers = new Headers(request.headers);
    headers.set('authorization', `Bearer ${token.value.record.jwt}`);
    return router.fetch(new Request(request, { headers }), { from: { kind: 'portal' } });
  };
  return { router, fetch, client: createArmClient(fetch), directory: worldDirectory(() => world) };
}

export function presetWorld(preset: 'quickstart' | 'empty' | 'user-assigned' | 'data' = 'quickstart'): World {
  const made = createWorld(preset);
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

export function admin(world: World) {
  const user = Object.values(world.data.users)[0];
  if (!user) throw new Error('preset without an admin');
  return user;
}
