/** What a person does in the mini-portal, as reusable steps for e2e tests. */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { input } from './keyboard';

export const portal = (page: Page) => page.locator('.portal');
/** A button in the open blade (not the menus or the breadcrumb). */
export const bladeButton = (page: Page, name: string) => portal(page).locator('.blade-host').getByRole('button', { name, exact: true });
export const dialog = (page: Page, name: string) => page.getByRole('dialog', { name });

/** The newest toast's text. */
export async function latestToast(page: Page): Promise<string> {
  return (await portal(page).locator('.notifications li').first().innerText()).replace(/\s+/g, ' ');
}

export async function openVm(page: Page, name: string, section?: 'Identity' | 'Access control (IAM)') {
  await input(page).click(portal(page).getByRole('navigation', { name: 'Portal' }).getByRole('button', { name: 'Virtual machines' }));
  await input(page).click(bladeButton(page, name));
  await portal(page).getByRole('heading', { name, level: 2 }).waitFor();
  if (section) await input(page).click(portal(page).getByRole('navigation', { name: `${name} menu` }).getByRole('button', { name: section }));
}

export async function setSystemAssigned(page: Page, vm: string, on: boolean) {
  await openVm(page, vm, 'Identity');
  await input(page).check(portal(page).getByRole('radio', { name: on ? 'On' : 'Off' }));
  await input(page).click(bladeButton(page, 'Save'));
  const confirm = dialog(page, on ? 'Enable system assigned managed identity' : 'Disable system assigned managed identity');
  await confirm.waitFor();
  await input(page).click(confirm.getByRole('button', { name: 'Yes' }));
}

export async function openGroupIam(page: Page, group = 'myResourceGroup') {
  await input(page).click(portal(page).getByRole('navigation', { name: 'Portal' }).getByRole('button', { name: 'Resource groups' }));
  await input(page).click(bladeButton(page, group));
  await input(page).click(portal(page).getByRole('navigation', { name: `${group} menu` }).getByRole('button', { name: 'Access control (IAM)' }));
  await portal(page).getByRole('heading', { name: 'Access control (IAM)' }).waitFor();
}

/** All resources → the storage account or key vault → Access control (IAM). */
export async function openResourceIam(page: Page, name: string) {
  await input(page).click(portal(page).getByRole('navigation', { name: 'Portal' }).getByRole('button', { name: 'All resources' }));
  await input(page).click(bladeButton(page, name));
  await input(page).click(portal(page).getByRole('navigation', { name: `${name} menu` }).getByRole('button', { name: 'Access control (IAM)' }));
  await portal(page).getByRole('heading', { name: 'Access control (IAM)' }).waitFor();
}

/** IAM's "+ Add" menu → Add role assignment, as the tutorials say it ("Add > Add role assignment"). */
export async function openAddRoleAssignment(page: Page) {
  await input(page).click(bladeButton(page, '+ Add'));
  await input(page).click(portal(page).getByRole('menuitem', { name: 'Add role assignment' }));
}

/** Add role assignment → Reader → Managed identity → the VM → Review + assign, on myResourceGroup. */
export async function grantReaderToVm(page: Page, vm: string, shot?: (name: string) => Promise<void>) {
  await grantRoleToVm(page, vm, 'Reader', shot);
}

/**
 * Add role assignment → the role (found by searching its name) → Managed identity → the VM → Review
 * + assign, on myResourceGroup, or on the storage account or key vault named in `on`.
 */
export async function grantRoleToVm(page: Page, vm: string, role: string, shot?: (name: string) => Promise<void>, on?: string) {
  await grantRole(page, { vm }, role, shot, on);
}

/** The same for a user-assigned identity: Managed identity → User-assigned managed identity → it. */
export async function grantRoleToIdentity(page: Page, identity: string, role: string, shot?: (name: string) => Promise<void>) {
  await grantRole(page, { identity }, role, shot);
}

type Member = { vm: string } | { identity: string };

async function grantRole(page: Page, member: Member, role: string, shot?: (name: string) => Promise<void>, on?: string) {
  const [kind, name] = 'vm' in member ? ['Virtual machine', member.vm] : ['User-assigned managed identity', member.identity];
  if (on) await openResourceIam(page, on);
  else await openGroupIam(page);
  await shot?.('iam-role-assignments');
  await openAddRoleAssignment(page);
  await input(page).fill(portal(page).getByRole('searchbox', { name: /Search by role name/ }), role);
  await input(page).check(portal(page).getByRole('radio', { name: role, exact: true }));
  await shot?.('add-role-assignment-role');
  await input(page).click(bladeButton(page, 'Next'));
  await input(page).check(portal(page).getByRole('radio', { name: 'Managed identity' }));
  await input(page).click(bladeButton(page, '+ Select members'));
  const picker = dialog(page, 'Select managed identities');
  // The option reads "<kind> (<how many>)"; the count depends on the world.
  const kinds = picker.getByRole('combobox', { name: 'Managed identity' });
  let label: string | undefined;
  await expect.poll(async () => (label = (await kinds.locator('option').allInnerTexts()).find((t) => t.startsWith(`${kind} (`)))).toBeTruthy();
  await input(page).select(kinds, label!);
  await input(page).check(picker.getByRole('checkbox', { name: new RegExp(name) }));
  await shot?.('select-members');
  await input(page).click(picker.getByRole('button', { name: 'Select' }));
  await shot?.('add-role-assignment-members');
  await input(page).click(bladeButton(page, 'Review + assign'));
  await shot?.('add-role-assignment-review');
  await input(page).click(bladeButton(page, 'Review + assign'));
  await expect.poll(() => latestToast(page)).toContain(`${name} was added as ${role} for ${on ?? 'myResourceGroup'}`);
}

/**
 * Managed Identities → + Create → the name (group and region left at their defaults) → Review +
 * create. `first` runs on the open form before the name is typed (to try a bad name, say).
 */
export async function createIdentity(page: Page, name: string, shot?: (name: string) => Promise<void>, first?: (form: Locator) => Promise<void>) {
  await input(page).click(portal(page).getByRole('navigation', { name: 'Portal' }).getByRole('button', { name: 'Managed Identities' }));
  await shot?.('managed-identities-empty');
  await input(page).click(bladeButton(page, '+ Create'));
  const create = dialog(page, 'Create User Assigned Managed Identity');
  await first?.(create);
  await input(page).fill(create.getByRole('textbox', { name: 'Name' }), name);
  await shot?.('managed-identity-create');
  await input(page).click(create.getByRole('button', { name: 'Review + create' }));
  await expect.poll(() => latestToast(page)).toContain(`Successfully created user assigned managed identity '${name}'`);
}

/** VM → Identity → User assigned → + Add → tick the identity → Add. */
export async function attachIdentity(page: Page, vm: string, identity: string, shot?: (name: string) => Promise<void>) {
  await openVm(page, vm, 'Identity');
  await input(page).click(portal(page).getByRole('tab', { name: 'User assigned' }));
  await input(page).click(bladeButton(page, '+ Add'));
  const add = dialog(page, 'Add user assigned managed identity');
  await input(page).check(add.getByRole('checkbox', { name: new RegExp(identity) }));
  await input(page).click(add.getByRole('button', { name: 'Add' }));
  await expect.poll(() => latestToast(page)).toContain(`Successfully added '${identity}' to '${vm}'`);
  await portal(page).getByRole('checkbox', { name: `Select ${identity}` }).waitFor();
  await shot?.('vm-identity-user-assigned');
}

/** Resource group → Access control (IAM) → Role assignments: tick the row of `role` for `principal`, Remove, Yes. */
export async function removeAssignment(page: Page, role: string, principal: string, shot?: (name: string) => Promise<void>) {
  await openGroupIam(page);
  const row = portal(page).getByRole('checkbox', { name: `Select ${role} for ${principal}` });
  await row.waitFor();
  await shot?.('iam-before-remove');
  await input(page).check(row);
  await input(page).click(bladeButton(page, 'Remove'));
  const confirm = dialog(page, 'Remove role assignments');
  await input(page).click(confirm.getByRole('button', { name: 'Yes' }));
  await expect.poll(() => latestToast(page)).toContain(`Successfully removed ${role} for ${principal}`);
}

/** Managed Identities → the identity → Delete → confirm. */
export async function deleteIdentity(page: Page, name: string) {
  await input(page).click(portal(page).getByRole('navigation', { name: 'Portal' }).getByRole('button', { name: 'Managed Identities' }));
  await input(page).click(bladeButton(page, name));
  await portal(page).getByRole('heading', { name, level: 2 }).waitFor();
  await input(page).click(bladeButton(page, 'Delete'));
  await input(page).click(dialog(page, 'Delete managed identity').getByRole('button', { name: 'Delete' }));
  await expect.poll(() => latestToast(page)).toContain(`Successfully deleted managed identity '${name}'`);
}

/** Virtual machines → the VM → Overview → Delete → tick the acknowledgement → Delete. */
export async function deleteVm(page: Page, name: string, shot?: (name: string) => Promise<void>) {
  await openVm(page, name);
  await input(page).click(bladeButton(page, 'Delete'));
  const pane = dialog(page, 'Delete virtual machine');
  const remove = pane.getByRole('button', { name: 'Delete' });
  expect(await remove.isDisabled()).toBe(true);
  await input(page).check(pane.getByRole('checkbox', { name: /I have read and understand/ }));
  await shot?.('delete-vm');
  await input(page).click(remove);
  await expect.poll(() => latestToast(page)).toContain(`Successfully deleted virtual machine '${name}'`);
}
