/**
 * `{{subscriptionId}}`-style placeholders in step text, commands and checks. They resolve against
 * the step's world when shown or evaluated, so a learner sees (and copies) the real ids of *their*
 * world instead of the docs' `<SUBSCRIPTION ID>`.
 */
import type { World } from '../sim/index';
import { findVmByName, lessonSubscriptionId } from './refs';

export const PLACEHOLDERS = ['subscriptionId', 'tenantId', 'resourceGroup', 'vmName', 'location', 'principalId'] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Record<PlaceholderName, string>;

const PATTERN = /\{\{\s*([A-Za-z]\w*)\s*\}\}/g;

/** Names used in `text` that are not placeholders we know, for the loader's error. */
export function unknownPlaceholders(text: string): string[] {
  const unknown = new Set<string>();
  for (const m of text.matchAll(PATTERN)) if (!(PLACEHOLDERS as readonly string[]).includes(m[1]!)) unknown.add(m[1]!);
  return [...unknown];
}

/**
 * Values for a lesson's VM in this world. The resource group and location are the VM's own, so a
 * lesson stays right if a start world puts its VM somewhere else.
 */
export function placeholderValues(world: World, vmName: string): PlaceholderValues {
  const vm = findVmByName(world, vmName);
  const rgFromId = vm ? /\/resourceGroups\/([^/]+)\//i.exec(vm.id)?.[1] : undefined;
  const subFromId = vm ? /^\/subscriptions\/([^/]+)\//i.exec(vm.id)?.[1] : undefined;
  return {
    subscriptionId: subFromId ?? lessonSubscriptionId(world) ?? '',
    tenantId: world.tenantId,
    resourceGroup: rgFromId ?? '',
    vmName: vm?.name ?? vmName,
    location: vm?.location ?? '',
    // Before the identity exists there is nothing true to show; say so rather than leave braces.
    principalId: vm?.identity?.principalId ?? '(no identity yet)',
  };
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Plain text (commands, check paths): values go in as they are. */
export function fillText(text: string, values: PlaceholderValues): string {
  return text.replace(PATTERN, (whole, name: string) => (Object.hasOwn(values, name) ? values[name as PlaceholderName] : whole));
}

/** Rendered HTML: values are escaped, so a world with odd names cannot inject markup. */
export function fillHtml(html: string, values: PlaceholderValues): string {
  return html.replace(PATTERN, (whole, name: string) => (Object.hasOwn(values, name) ? escapeHtml(values[name as PlaceholderName]) : whole));
}
