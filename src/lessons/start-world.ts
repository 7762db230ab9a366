/**
 * Building a world from a lesson's or step's `start`: a preset or a serialized world file, then
 * its setup actions. Setup is sandbox control, applied to the sim directly and never logged.
 */
import { PRESET_NAMES, createWorld, restoreWorld, type NewWorldOptions, type World } from '../sim/index';
import { applyPortalAction } from './portal/apply-to-world';
import { applySandboxAction } from './sandbox-setup';
import { isSandboxAction, type WorldSource } from './types';

export type StartResult = { ok: true; world: World } | { ok: false; message: string };

export function buildStartWorld(source: WorldSource, opts: NewWorldOptions = {}): StartResult {
  let world: World;
  if ('preset' in source) {
    const created = createWorld(source.preset, opts);
    if (!created.ok) return { ok: false, message: `${created.error.message} (presets: ${PRESET_NAMES.join(', ')})` };
    world = created.value;
  } else {
    const restored = restoreWorld(structuredClone(source.data), opts.realNow ? { realNow: opts.realNow } : {});
    if (!restored.ok) return { ok: false, message: `${source.file}: ${restored.error.message}` };
    world = restored.value;
  }
  for (const [i, action] of source.setup.entries()) {
    const applied = isSandboxAction(action) ? applySandboxAction(world, action) : applyPortalAction(world, action);
    const name = isSandboxAction(action) ? action.sandbox : action.portal;
    if (!applied.ok) return { ok: false, message: `setup action ${i + 1} (${name}) failed: ${applied.message}` };
  }
  return { ok: true, world };
}
