/** The ARM 404 for a scope that does not exist, naming the first missing level. */
import { errors, fail, type Result } from '../errors';
import { findResourceGroup, findSubscription } from './tree';
import type { World } from './world';

export function scopeNotFound(world: World, scope: string): Result<never> {
  const sub = /^\/subscriptions\/([^/]+)/i.exec(scope);
  if (sub) {
    if (!findSubscription(world, sub[1]!)) return errors.subscriptionNotFound(sub[1]!);
    const rg = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)/i.exec(scope);
    if (rg && !findResourceGroup(world, sub[1]!, rg[1]!)) return errors.resourceGroupNotFound(rg[1]!);
    const res = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/([^/]+\/[^/]+)\/([^/]+)/i.exec(scope);
    if (res) return errors.resourceNotFound(`${res[2]}/${res[3]}`, res[1]!);
  }
  // Invented text in ARM's InvalidScope style for scopes that are not ARM scopes at all.
  return fail('InvalidScope', `The scope '${scope}' is not valid or does not exist.`);
}
