/**
 * `{{subscriptionId}}`-style placeholders in step text, commands and checks. They resolve against
 * the step's world when shown or evaluated, so a learner sees (and copies) the real ids of *their*
 * world instead of the docs' `<SUBSCRIPTION ID>`.
 *
 * A user-assigned identity is named in the placeholder (`{{clientId:myUserAssignedIdentity}}`):
 * a VM may carry several, and the lesson text has to say which one's id to paste.
 */
import type { World } from '../sim/index';
import { findVmByName, lessonSubscriptionId } from './refs';

export const PLACEHOLDERS = ['subscriptionId', 'tenantId', 'resourceGroup', 'vmName', 'location', 'principalId'] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number];

/** Written `{{<name>:<identity name>}}`: the client id, object (principal) id or ARM id of that identity. */
export const IDENTITY_PLACEHOLDERS = ['clientId', 'objectId', 'resourceId'] as const;
export type IdentityPlaceholderName = (typeof IDENTITY_PLACEHOLDERS)[number];

export type PlaceholderValues = Record<PlaceholderName, string> & {
  /** Keyed by lower-cased identity name (Azure names compare case-insensitively). */
  identities: Record<string, Record<IdentityPlaceholderName, string>>;
};

const PATTERN = /\{\{\s*([A-Za-z]\w*)(?:\s*:\s*([\w.-]+))?\s*\}\}/g;

const isPlain = (name: string): name is PlaceholderName => (PLACEHOLDERS as readonly string[]).includes(name);
const isIdentity = (name: string): name is IdentityPlaceholderName => (IDENTITY_PLACEHOLDERS as readonly string[]).includes(name);

/** Placeholders used in `text` that we do not know (as written, braces dropped), for the loader's error. */
export function unknownPlaceholders(text: string): string[] {
  const unknown = new Set<string>();
  for (const m of text.matchAll(PATTERN)) {
    const [name, arg] = [m[1]!, m[2]];
    if (arg === undefined ? !isPlain(name) : !isIdentity(name)) unknown.add(arg === undefined ? name : `${name}:${arg}`);
  }
  return [...unknown];
}

/** The loader's sentence for an unknown placeholder. */
export const unknownPlaceholderMessage = (written: string): string =>
  `unknown placeholder '{{${written}}}' (known: ${PLACEHOLDERS.join(', ')}; for a user-assigned identity ${IDENTITY_PLACEHOLDERS.map((n) => `${n}:<identity name>`).join(', ')})`;

/**
 * Values for a lesson's VM in this world. The resource group and location are the VM's own, so a
 * lesson stays right if a start world puts its VM somewhere else.
 */
export function placeholderValues(world: World, vmName: string): PlaceholderValues {
  const vm = findVmByName(world, vmName);
  const rgFromId = vm ? /\/resourceGroups\/([^/]+)\//i.exec(vm.id)?.[1] : undefined;
  const subFromId = vm ? /^\/subscriptions\/([^/]+)\//i.exec(vm.id)?.[1] : undefined;
  const identities: PlaceholderValues['identities'] = {};
  for (const i of Object.values(world.data.userAssignedIdentities)) {
    identities[i.name.toLowerCase()] = { clientId: i.properties.clientId, objectId: i.properties.principalId, resourceId: i.id };
  }
  return {
    subscriptionId: subFromId ?? lessonSubscriptionId(world) ?? '',
    tenantId: world.tenantId,
    resourceGroup: rgFromId ?? '',
    vmName: vm?.name ?? vmName,
    location: vm?.location ?? '',
    // Before the identity exists there is nothing true to show; say so rather than leave braces.
    principalId: vm?.identity?.principalId ?? '(no identity yet)',
    identities,
  };
}

/** The value for one placeholder, or undefined to leave it as written. */
function valueOf(values: PlaceholderValues, name: string, arg: string | undefined): string | undefined {
  if (arg === undefined) return isPlain(name) ? values[name] : undefined;
  if (!isIdentity(name)) return undefined;
  // Shown before the identity is created (or after it is deleted): say so rather than leave braces.
  return values.identities[arg.toLowerCase()]?.[name] ?? `(no identity named ${arg} yet)`;
}

/** Text as HTML: the five characters markup could be made of, escaped. */
export const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Plain text (commands, check paths): values go in as they are. */
export function fillText(text: string, values: PlaceholderValues): string {
  return text.replace(PATTERN, (whole, name: string, arg?: string) => valueOf(values, name, arg) ?? whole);
}

/** Rendered HTML: values are escaped, so a world with odd names cannot inject markup. */
export function fillHtml(html: string, values: PlaceholderValues): string {
  return html.replace(PATTERN, (whole, name: string, arg?: string) => {
    const value = valueOf(values, name, arg);
    return value === undefined ? whole : escapeHtml(value);
  });
}

/**
 * HTML with only some plain placeholders known (escaped as in fillHtml); every other placeholder is
 * replaced by what `other` returns for it, which must itself be safe HTML.
 */
export function fillHtmlPartly(html: string, known: Partial<Record<PlaceholderName, string>>, other: (name: string, arg?: string) => string): string {
  return fillPartly(html, known, other, escapeHtml);
}

/** fillHtmlPartly for plain text (commands, check paths): known values and `other`'s answers go in as they are. */
export function fillTextPartly(text: string, known: Partial<Record<PlaceholderName, string>>, other: (name: string, arg?: string) => string): string {
  return fillPartly(text, known, other, (value) => value);
}

function fillPartly(text: string, known: Partial<Record<PlaceholderName, string>>, other: (name: string, arg?: string) => string, escape: (value: string) => string): string {
  return text.replace(PATTERN, (_, name: string, arg?: string) => {
    const value = arg === undefined && isPlain(name) ? known[name] : undefined;
    return value === undefined ? other(name, arg) : escape(value);
  });
}
