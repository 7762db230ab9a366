/**
 * Management groups and subscriptions above the resource groups (scenario setup; the quickstarts
 * never change them). A subscription's parent chain is what RBAC inherits through, so moves
 * bump the RBAC revision.
 */
import * as v from 'valibot';
import { errors, ok, type Result } from '../errors';
import { guid } from '../ids';
import { parseInput } from '../input';
import type { ManagementGroup, Subscription } from './schema';
import { findSubscription } from './tree';
import type { World } from './world';

/** Azure's rule: up to 90 letters, digits, hyphens, underscores, periods and parentheses. */
const MG_NAME = /^[A-Za-z0-9\-_.()]{1,90}$/;

export function createManagementGroup(
  world: World,
  input: { name: string; displayName?: string; parent?: string | null },
): Result<ManagementGroup> {
  const checked = parseInput(
    v.object({ name: v.string(), displayName: v.optional(v.string()), parent: v.optional(v.nullable(v.string())) }),
    input,
    'management group',
  );
  if (!checked.ok) return checked;
  if (!MG_NAME.test(input.name)) {
    return errors.invalidResourceName('management group', input.name, 'Names are 1-90 letters, digits, hyphens, underscores, periods and parentheses.');
  }
  if (Object.hasOwn(world.data.managementGroups, input.name.toLowerCase())) return errors.resourceExists('management group', input.name);
  const parent = input.parent ?? rootGroup(world);
  if (parent !== null && !Object.hasOwn(world.data.managementGroups, parent.toLowerCase())) {
    return errors.invalidParameter(`The parent management group '${parent}' does not exist.`);
  }
  const mg: ManagementGroup = { name: input.name, displayName: input.displayName ?? input.name, parent };
  world.data.managementGroups[input.name.toLowerCase()] = mg;
  world.commit([{ type: 'managementGroup.created', name: mg.name, parent: mg.parent }], { rbac: true });
  return ok(mg);
}

/** Moves a subscription under another management group (RBAC inheritance follows at once). */
export function moveSubscription(world: World, subscriptionId: string, managementGroup: string): Result<Subscription> {
  if (typeof subscriptionId !== 'string' || typeof managementGroup !== 'string') {
    return errors.invalidParameter('Give a subscription id and a management group name.');
  }
  const sub = findSubscription(world, subscriptionId);
  if (!sub) return errors.subscriptionNotFound(subscriptionId);
  const mg = world.data.managementGroups[managementGroup.toLowerCase()];
  if (!mg) return errors.invalidParameter(`The management group '${managementGroup}' does not exist.`);
  const from = sub.managementGroup;
  sub.managementGroup = mg.name;
  world.commit([{ type: 'subscription.moved', subscriptionId: sub.subscriptionId, from, to: mg.name }], { rbac: true });
  return ok(sub);
}

/** Adds another subscription (multi-subscription scenarios), under the root group by default. */
export function createSubscription(world: World, input: { displayName: string; managementGroup?: string }): Result<Subscription> {
  const checked = parseInput(v.object({ displayName: v.string(), managementGroup: v.optional(v.string()) }), input, 'subscription');
  if (!checked.ok) return checked;
  const parent = input.managementGroup ?? rootGroup(world);
  if (parent !== null && !Object.hasOwn(world.data.managementGroups, parent.toLowerCase())) {
    return errors.invalidParameter(`The management group '${parent}' does not exist.`);
  }
  const subscriptionId = guid(world.rng);
  const sub: Subscription = { subscriptionId, displayName: input.displayName, state: 'Enabled', managementGroup: parent };
  world.data.subscriptions[subscriptionId] = sub;
  world.commit([{ type: 'subscription.created', subscriptionId, managementGroup: parent }], { rbac: true });
  return ok(sub);
}

function rootGroup(world: World): string | null {
  return Object.values(world.data.managementGroups).find((m) => m.parent === null)?.name ?? null;
}
