/**
 * A step's text for a preview shown before its world exists (the embed before Start, built into a
 * chunk of its own). Names the step's start world fixes — the VM, its resource group and region —
 * are filled in as the running step will show them; ids minted when a world is built (subscription,
 * tenant, principal and client ids) cannot be known yet, so they are shown by name:
 * `<subscriptionId>`, `<clientId of myUserAssignedIdentity>`.
 */
import { fillHtmlPartly, placeholderValues, type PlaceholderName } from './placeholders';
import { buildStartWorld } from './start-world';
import { nearestStart } from './step-world';
import type { CompiledLesson } from './types';

export function previewHtml(lesson: CompiledLesson, stepIndex: number): string {
  const step = lesson.steps[stepIndex];
  if (!step) throw new RangeError(`Lesson ${lesson.slug} has no step ${stepIndex + 1}.`);
  const built = buildStartWorld(nearestStart(lesson, stepIndex).source);
  const known: Partial<Record<PlaceholderName, string>> = {};
  if (built.ok) {
    const values = placeholderValues(built.world, lesson.vm);
    for (const name of ['vmName', 'resourceGroup', 'location'] as const) if (values[name]) known[name] = values[name];
  }
  return fillHtmlPartly(step.html, known, (name, arg) => (arg === undefined ? `&lt;${name}&gt;` : `&lt;${name} of ${arg}&gt;`));
}
