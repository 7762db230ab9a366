/**
 * Named starting worlds. `empty` still has a tenant, a subscription and its Owner admin: a world
 * without them could not answer a single ARM call.
 */
import { errors, ok, type Result } from '../errors';
import { createBaseWorld, type NewWorldOptions } from '../world/create';
import type { World } from '../world/world';
import { dataWorld } from './data';
import { quickstartWorld } from './quickstart';
import { userAssignedWorld } from './user-assigned';
import { show } from '../input';

export const PRESETS = {
  empty: (opts?: NewWorldOptions) => createBaseWorld(opts).world,
  quickstart: (opts?: NewWorldOptions) => quickstartWorld(opts).world,
  'user-assigned': (opts?: NewWorldOptions) => userAssignedWorld(opts).world,
  data: (opts?: NewWorldOptions) => dataWorld(opts).world,
} as const satisfies Record<string, (opts?: NewWorldOptions) => World>;

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export function createWorld(preset: string = 'quickstart', opts: NewWorldOptions = {}): Result<World> {
  if (typeof preset !== 'string' || !Object.hasOwn(PRESETS, preset)) return errors.unknownPreset(show(preset), PRESET_NAMES);
  return ok(PRESETS[preset as PresetName](opts));
}

export { quickstartWorld, userAssignedWorld, dataWorld };
