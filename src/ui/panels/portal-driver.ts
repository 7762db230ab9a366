/**
 * Opens the portal's "Add role assignment" wizard for a fix, by pressing the portal's own visible
 * controls the way a learner would (menu → resource → Access control (IAM) → + Add role assignment
 * → the role → Next → "Assign access to"). A stopgap: the portal keeps its navigation actor and
 * wizard private to PortalView, so the panel cannot send them events. The proper hook (a portal
 * request channel on the runtime) is described in the inspector's report; until it exists this
 * driver only uses accessible names, so it breaks loudly (a message, never a wrong assignment)
 * if the portal's wording changes. It never presses "Review + assign".
 */
import type { AddRoleAssignmentRequest } from '../../cloud/inspect/portal-request';

export type DriveResult = { ok: true; message: string } | { ok: false; message: string };

const MENU: Record<string, string> = {
  subscription: 'Subscriptions',
  resourceGroup: 'Resource groups',
  virtualMachine: 'Virtual machines',
  managedIdentity: 'Managed Identities',
};

const ACCESS_LABEL = { managedIdentity: 'Managed identity', userGroupServicePrincipal: 'User, group, or service principal' } as const;

async function waitFor<T>(find: () => T | null | undefined, what: string, timeoutMs = 4000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > until) throw new Error(`the portal did not show ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
const buttonIn = (root: ParentNode | null, label: string) =>
  root ? [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === label || b.getAttribute('aria-label') === label) : undefined;

export async function openAddRoleAssignment(request: AddRoleAssignmentRequest, bladeName: string): Promise<DriveResult> {
  // A page that keeps the portal in a tab (the lesson page) brings it to the front first.
  window.dispatchEvent(new CustomEvent('mi:show-portal'));
  await new Promise((r) => setTimeout(r, 0));
  const portal = document.querySelector<HTMLElement>('.portal');
  if (!portal) return { ok: false, message: 'The portal is not on this page.' };
  const menuLabel = MENU[request.blade.kind];
  if (!menuLabel) return { ok: false, message: `The portal has no IAM blade for a ${request.blade.kind}.` };
  try {
    const menu = await waitFor(() => buttonIn(portal.querySelector('nav[aria-label="Portal"]'), menuLabel), `the ${menuLabel} menu`);
    menu.click();
    const host = () => portal.querySelector('.blade-host');
    // Wait for the list blade itself: the blade that was open may hold a same-named link.
    const heading = () => text(host()?.querySelector('h1') ?? document.createElement('h1'));
    await waitFor(() => heading() === menuLabel, `the ${menuLabel} blade`);
    (await waitFor(() => buttonIn(host(), bladeName), `${bladeName} in ${menuLabel}`)).click();
    await waitFor(() => heading() === bladeName, `the ${bladeName} blade`);
    (await waitFor(() => buttonIn(portal.querySelector(`nav[aria-label="${CSS.escape(bladeName)} menu"]`), 'Access control (IAM)'), `Access control (IAM) for ${bladeName}`)).click();
    (await waitFor(() => buttonIn(host(), '+ Add role assignment'), 'the + Add role assignment button')).click();

    // Role tab: privileged roles (RBAC Administrator, Owner…) live under their own category tab.
    const radio = () => host()?.querySelector<HTMLInputElement>(`input[type="radio"][aria-label="${CSS.escape(request.roleName)}"]`);
    await waitFor(() => host()?.querySelector('input[type="search"]'), 'the role list');
    const inJobFunctions = await waitFor(radio, 'the role', 2000).catch(() => null);
    if (!inJobFunctions) {
      const privileged = [...(host()?.querySelectorAll<HTMLButtonElement>('[role="tab"]') ?? [])].find((t) => text(t) === 'Privileged administrator roles');
      privileged?.click();
    }
    const role = await waitFor(radio, `the role ${request.roleName}`);
    role.scrollIntoView({ block: 'center' });
    role.click();
    (await waitFor(() => buttonIn(host()?.querySelector('.wizard-foot') ?? null, 'Next'), 'the Next button')).click();
    const access = await waitFor(
      () => [...(host()?.querySelectorAll<HTMLLabelElement>('fieldset label') ?? [])].find((l) => text(l) === ACCESS_LABEL[request.assignAccessTo])?.querySelector('input'),
      '"Assign access to"',
    );
    access.click();
    return {
      ok: true,
      message: `The portal's Add role assignment wizard is open on ${bladeName} with ${request.roleName} and "${ACCESS_LABEL[request.assignAccessTo]}" chosen. Press + Select members, pick ${request.principalName}, then Review + assign.`,
    };
  } catch (error) {
    return { ok: false, message: `Could not open the wizard: ${error instanceof Error ? error.message : String(error)}. Open ${bladeName} › Access control (IAM) › + Add role assignment yourself.` };
  }
}
