/**
 * A step's text for a preview shown before its world exists (the embed before Start, built into a
 * chunk of its own), and the same filling for plain text (the cheat sheet's commands). Names the
 * step's start world fixes — the VM, its resource group and region — are filled in as the running
 * step will show them; ids minted when a world is built (subscription, tenant, principal and client
 * ids) cannot be known yet, so they are shown by name: `<subscriptionId>`,
 * `<clientId of myUserAssignedIdentity>`.
 */
import { escapeHtml, fillHtmlPartly, fillTextPartly, placeholderValues, type PlaceholderName } from './placeholders';
import { buildStartWorld } from './start-world';
import { nearestStart } from './step-world';
import type { CompiledLesson } from './types';

export function previewHtml(lesson: CompiledLesson, stepIndex: number): string {
  const step = lesson.steps[stepIndex];
  if (!step) throw new RangeError(`Lesson ${lesson.slug} has no step ${stepIndex + 1}.`);
  return fillHtmlPartly(step.html, previewNames(lesson, stepIndex), (name, arg) => escapeHtml(placeholderByName(name, arg)));
}

/**
 * The lesson's introduction as its first step's preview shows it (the lesson page opens "About this
 * lesson" on step 1, so the preview must too, or the step's text would move down when the page
 * replaces it), filled as step 1's text is.
 */
export function previewIntroHtml(lesson: CompiledLesson): string {
  return fillHtmlPartly(lesson.html, previewNames(lesson, 0), (name, arg) => escapeHtml(placeholderByName(name, arg)));
}

/**
 * Plain text (commands, a check's path) of a step, filled as previewHtml fills its HTML; the start
 * world is built once for all the texts given to the returned function. `shown` hears every
 * placeholder left by name (`clientId`, `myUserAssignedIdentity`), in order of appearance, e.g. to
 * list what the reader must replace.
 */
export function previewTextOf(lesson: CompiledLesson, stepIndex: number): (text: string, shown?: (name: string, arg?: string) => void) => string {
  if (!lesson.steps[stepIndex]) throw new RangeError(`Lesson ${lesson.slug} has no step ${stepIndex + 1}.`);
  const known = previewNames(lesson, stepIndex);
  return (text, shown) =>
    fillTextPartly(text, known, (name, arg) => {
      shown?.(name, arg);
      return placeholderByName(name, arg);
    });
}

/** How an id nobody can know yet is shown: `<subscriptionId>`, `<clientId of myUserAssignedIdentity>`. */
export const placeholderByName = (name: string, arg?: string): string => (arg === undefined ? `<${name}>` : `<${name} of ${arg}>`);

/** The names the step's start world fixes (the nearest explicit start: earlier solutions never rename or move the VM). */
function previewNames(lesson: CompiledLesson, stepIndex: number): Partial<Record<PlaceholderName, string>> {
  const built = buildStartWorld(nearestStart(lesson, stepIndex).source);
  const known: Partial<Record<PlaceholderName, string>> = {};
  if (built.ok) {
    const values = placeholderValues(built.world, lesson.vm);
    for (const name of ['vmName', 'resourceGroup', 'location'] as const) if (values[name]) known[name] = values[name];
  }
  return known;
}
