/** The ARM 404 for a scope that does not exist, naming the first missing level. */
import { errors, fail, type Result } from '../errors';
import { show } from '../input';
import { findResource, findResourceGroup, findSubscription } from './tree';
import type { World } from './world';

const SUB = /^\/subscriptions\/([^/]+)/i;
const RG = /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)/i;
const RESOURCE = /^(\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/([^/]+\/[^/]+)\/([^/]+))(\/.*)?$/i;

export function scopeNotFound(world: World, scope: string): Result<never> {
  if (typeof scope !== 'string') return fail('InvalidScope', `The scope ${show(scope)} is not valid.`);
  const sub = SUB.exec(scope);
  if (sub) {
    if (!findSubscription(world, sub[1]!)) return errors.subscriptionNotFound(sub[1]!);
    const rg = RG.exec(scope);
    if (rg && !findResourceGroup(world, sub[1]!, rg[1]!)) return errors.resourceGroupNotFound(rg[1]!);
    const res = RESOURCE.exec(scope);
    if (res) {
      const [, topId, group, type, name, child] = res;
      // ARM names a missing child by its full type/name path under the parent's.
      if (child && findResource(world, topId!)) return errors.resourceNotFound(`${type}/${name}${child}`, group!);
      return errors.resourceNotFound(`${type}/${name}`, group!);
    }
  }
  // Invented text in ARM's InvalidScope style for scopes that are not ARM scopes at all.
  return fail('InvalidScope', `The scope '${scope}' is not valid or does not exist.`);
}
