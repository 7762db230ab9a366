/**
 * The mini-portal as a new user meets it on /sandbox: every step is a click (or a typed command in
 * the VM's terminal), every check reads what the page shows. Screenshots of every blade go to
 * .e2e-artifacts/portal-*.png.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectA11yClean, sessionPerTest, SHOTS, type Session } from './harness';
import {
  attachIdentity,
  bladeButton as button,
  createIdentity,
  dialog,
  grantReaderToVm,
  latestToast,
  openGroupIam,
  openVm,
  portal,
  setSystemAssigned as setIdentity,
} from './portal-steps';

const open = sessionPerTest();
let session: Session | undefined;

async function openSandbox(viewport?: { width: number; height: number }, mobile = false): Promise<Session> {
  session = await open('/sandbox', { ...(viewport ? { viewport } : {}), mobile });
  await portal(session.page).getByRole('heading', { name: 'Home', level: 2 }).waitFor({ timeout: 20_000 });
  return session;
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/portal-${name}.png`, fullPage: true });
}

const setSystemAssigned = (page: Page, on: boolean) => setIdentity(page, 'myLinuxVM', on);
const grantReaderToLinuxVm = (page: Page, screenshots = false) =>
  grantReaderToVm(page, 'myLinuxVM', screenshots ? (name) => shot(page, name) : undefined);

function roleRow(page: Page, principal: string, role: string) {
  return portal(page).getByRole('row').filter({ hasText: principal }).filter({ hasText: role });
}

/** Types commands into the connected VM's terminal and waits until `expected` shows up. */
async function runInTerminal(page: Page, vm: string, lines: string[], expected: RegExp) {
  const input = page.getByRole('textbox', { name: new RegExp(`^${vm} terminal`) });
  await input.waitFor({ timeout: 20_000 });
  const rows = page.locator('.xterm-rows');
  const before = (await rows.innerText()).length;
  await input.focus();
  for (const line of lines) {
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  }
  await expect.poll(async () => (await rows.innerText()).slice(Math.max(0, before - 200)), { timeout: 15_000 }).toMatch(expected);
}

const TOKEN_AND_GET = [
  `SUB=$(curl -s -H Metadata:true 'http://169.254.169.254/metadata/instance/compute/subscriptionId?api-version=2021-02-01&format=text')`,
  `TOKEN=$(curl -s -H Metadata:true 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fmanagement.azure.com%2F' | jq -r .access_token)`,
  `curl -s "https://management.azure.com/subscriptions/$SUB/resourceGroups/myResourceGroup?api-version=2016-09-01" -H "Authorization: Bearer $TOKEN" | jq -r '"ARM says: " + (.name // .error.code)'`,
];

describe('mini-portal', () => {
  it('enables the identity and grants Reader by clicking; the VM’s curl then gets 200, and 403 once the assignment is removed', async () => {
    const s = await openSandbox({ width: 1280, height: 720 });
    const { page } = s;
    await shot(page, 'home');

    await openVm(page, 'myLinuxVM');
    await shot(page, 'vm-overview');
    await openVm(page, 'myLinuxVM', 'Identity');
    await shot(page, 'vm-identity-off');
    await setSystemAssigned(page, true);
    await expect.poll(() => latestToast(page)).toContain("Successfully saved system assigned managed identity for 'myLinuxVM'");
    const principalId = (await portal(page).locator('.field', { hasText: 'Object (principal) ID' }).locator('code').innerText()).trim();
    expect(principalId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await shot(page, 'vm-identity-on');
    await button(page, 'Azure role assignments').click();
    await portal(page).getByText('This identity has no role assignments in this subscription.').waitFor();
    await shot(page, 'identity-role-assignments-empty');

    await grantReaderToLinuxVm(page, true);
    await roleRow(page, 'myLinuxVM', 'Reader').filter({ hasText: 'This resource' }).waitFor();
    expect(await roleRow(page, 'Sandbox Admin', 'Owner').innerText()).toContain('Subscription (Inherited)');
    await shot(page, 'iam-after-grant');

    await openVm(page, 'myLinuxVM');
    await button(page, 'Connect').click();
    await runInTerminal(page, 'myLinuxVM', TOKEN_AND_GET, /ARM says: myResourceGroup/);
    await shot(page, 'terminal-200');

    await openGroupIam(page);
    await portal(page).getByRole('checkbox', { name: 'Select Reader for myLinuxVM' }).check();
    await button(page, 'Remove').click();
    await dialog(page, 'Remove role assignments').getByRole('button', { name: 'Yes' }).click();
    await expect.poll(() => latestToast(page)).toContain('Successfully removed Reader for myLinuxVM');
    await expect.poll(() => roleRow(page, 'myLinuxVM', 'Reader').count()).toBe(0);
    await runInTerminal(page, 'myLinuxVM', [TOKEN_AND_GET[2]!], /ARM says: AuthorizationFailed/);
    await shot(page, 'terminal-403');

    // Every portal action was an ARM call: the identity PATCH and the role assignment PUT/DELETE
    // are in the request log the other panels read.
  });

  it('turning the identity off leaves its role assignment as "Identity not found"', async () => {
    const { page } = await openSandbox({ width: 1280, height: 720 });
    await setSystemAssigned(page, true);
    await expect.poll(() => latestToast(page)).toContain('Successfully saved');
    await grantReaderToLinuxVm(page);
    await setSystemAssigned(page, false);
    await expect.poll(() => latestToast(page)).toContain('status Off');
    await openGroupIam(page);
    const orphan = roleRow(page, 'Identity not found', 'Reader');
    await orphan.waitFor();
    expect(await orphan.innerText()).toContain('Unknown');
    await shot(page, 'iam-identity-not-found');
    await expectA11yClean(page, 'IAM with an orphan');
  });

  it('shows a user without rights the AuthorizationFailed message, and a bad import changes nothing', async () => {
    const { page } = await openSandbox({ width: 1280, height: 720 });
    // Build a world where the portal's admin holds only Reader: export, edit, import.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export world' }).click()]);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as { data?: unknown } & Record<string, unknown>;
    const text = JSON.stringify(exported).replaceAll('8e3af657-a8ff-443c-a75c-2fe8c4bcb635', 'acdd72a7-3385-48ef-bd42-f606fba81ae7');
    const dir = tmpdir();
    const readerWorld = join(dir, `mi-reader-world-${Date.now()}.json`);
    writeFileSync(readerWorld, text);
    const broken = join(dir, `mi-broken-world-${Date.now()}.json`);
    writeFileSync(broken, '{"schemaVersion": 1, "this is": "not a world"');

    const fileInput = page.getByLabel('World JSON file to import');
    await fileInput.setInputFiles(broken);
    await page.getByText(/Import failed: .* Nothing was changed\./).waitFor();
    await shot(page, 'sandbox-import-error');

    await fileInput.setInputFiles(readerWorld);
    await page.getByText(/Imported '/).waitFor();
    await portal(page).getByRole('heading', { name: 'Home', level: 2 }).waitFor();
    await setSystemAssigned(page, true);
    await expect.poll(() => latestToast(page)).toMatch(
      /Failed to update system assigned managed identity for 'myLinuxVM'.*The client 'admin@[^']+' with object id '[0-9a-f-]+' does not have authorization to perform action 'Microsoft\.Compute\/virtualMachines\/write' over scope '[^']*\/resourcegroups\/myResourceGroup\/providers\/Microsoft\.Compute\/virtualMachines\/myLinuxVM' or the scope is invalid\./,
    );
    expect(await latestToast(page)).toContain('Error code: AuthorizationFailed');
    await shot(page, 'authorization-failed');
  });

  it('creates a user-assigned identity, attaches it, shows its properties, and deletes it with the orphan warning', async () => {
    const { page } = await openSandbox({ width: 1280, height: 720 });
    await createIdentity(page, 'myUserAssignedIdentity', (name) => shot(page, name), async (create) => {
      await create.getByRole('textbox', { name: 'Name' }).fill('my id');
      await create.getByText("The name cannot contain ' '").waitFor();
    });
    await button(page, 'myUserAssignedIdentity').click();
    for (const label of ['Client ID', 'Object (principal) ID', 'Resource ID']) {
      await portal(page).getByRole('button', { name: `Copy ${label} to clipboard` }).waitFor();
    }
    await shot(page, 'managed-identity-properties');

    await attachIdentity(page, 'myWindowsVM', 'myUserAssignedIdentity', (name) => shot(page, name));

    await button(page, 'myUserAssignedIdentity').click();
    await button(page, 'Delete').click();
    const del = dialog(page, 'Delete managed identity');
    expect(await del.innerText()).toContain('Role assignments granted to it are not deleted');
    await shot(page, 'managed-identity-delete');
    await del.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => latestToast(page)).toContain("Successfully deleted managed identity 'myUserAssignedIdentity'");
    // Back where the identity was opened from; the identity list no longer has it.
    await portal(page).getByRole('heading', { name: 'myWindowsVM', level: 2 }).waitFor();
    await portal(page).getByRole('navigation', { name: 'Portal' }).getByRole('button', { name: 'Managed Identities' }).click();
    await portal(page).getByText('No user assigned managed identities to display.').waitFor();
  });

  it('explains access in plain language, lists roles with their permissions, and traps and restores dialog focus', async () => {
    const { page } = await openSandbox({ width: 1280, height: 720 });
    await openGroupIam(page);
    await portal(page).getByRole('tab', { name: 'Check access' }).click();
    await button(page, 'View my access').click();
    await portal(page).getByText('✓ Allowed').waitFor();
    await portal(page).locator('.trace').scrollIntoViewIfNeeded();
    expect(await portal(page).locator('.trace').innerText()).toMatch(/Owner at \/subscriptions\/[^ ]+ grants '\*'/);
    await shot(page, 'iam-check-access');
    await expectA11yClean(page, 'Check access');

    await portal(page).getByRole('tab', { name: 'Roles' }).click();
    await portal(page).getByRole('searchbox', { name: /Search by role name/ }).fill('Managed Identity Operator');
    const view = button(page, 'View permissions of Managed Identity Operator');
    await view.focus();
    await page.keyboard.press('Enter');
    const perms = dialog(page, 'Managed Identity Operator — permissions');
    expect(await perms.innerText()).toContain('Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action');
    await shot(page, 'iam-roles-permissions');
    await expectA11yClean(page, 'Role permissions dialog');
    // Focus stays inside the modal dialog while tabbing, and comes back to the opener on Escape.
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('dialog[open]'))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('View permissions of Managed Identity Operator');
  });

  it('has no serious accessibility violations on the blades', async () => {
    const { page } = await openSandbox({ width: 1280, height: 720 });
    await expectA11yClean(page, 'Home');
    await openVm(page, 'myLinuxVM');
    await expectA11yClean(page, 'VM overview');
    await openVm(page, 'myLinuxVM', 'Identity');
    await expectA11yClean(page, 'VM identity');
    await openVm(page, 'myLinuxVM', 'Access control (IAM)');
    await shot(page, 'vm-iam');
    await expectA11yClean(page, 'VM IAM');
    await button(page, '+ Add').click();
    await expectA11yClean(page, 'IAM Add menu open');
    await portal(page).getByRole('menuitem', { name: 'Add role assignment' }).click();
    await expectA11yClean(page, 'Add role assignment');
    await portal(page).getByRole('navigation', { name: 'Portal' }).getByRole('button', { name: 'All resources' }).click();
    await shot(page, 'all-resources');
    await expectA11yClean(page, 'All resources');
    await portal(page).getByRole('navigation', { name: 'Portal' }).getByRole('button', { name: 'Managed Identities' }).click();
    await button(page, '+ Create').click();
    await expectA11yClean(page, 'Create identity dialog');
  });

  it('enables the identity and adds a role assignment with the keyboard alone', async () => {
    const { page } = await openSandbox({ width: 1280, height: 720 });
    const press = async (locator: ReturnType<Page['locator']>, key: string) => {
      await locator.focus();
      await page.keyboard.press(key);
    };
    await openVm(page, 'myLinuxVM', 'Identity');
    await press(portal(page).getByRole('radio', { name: 'On' }), 'Space');
    await press(button(page, 'Save'), 'Enter');
    // The dialog takes focus itself; Tab stays inside it, and Enter on "Yes" confirms.
    const confirm = dialog(page, 'Enable system assigned managed identity');
    await confirm.waitFor();
    await press(confirm.getByRole('button', { name: 'Yes' }), 'Enter');
    await expect.poll(() => latestToast(page)).toContain('Successfully saved');

    // Tabs follow the ARIA pattern: arrow keys move between them.
    await press(portal(page).getByRole('tab', { name: 'System assigned' }), 'ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('User assigned');
    await portal(page).getByText('No user assigned managed identities found on this resource.').waitFor();

    await press(portal(page).getByRole('navigation', { name: 'myLinuxVM menu' }).getByRole('button', { name: 'Access control (IAM)' }), 'Enter');
    // "+ Add" is a menu button: Enter opens it on its first item, Enter chooses it.
    await press(button(page, '+ Add'), 'Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Add role assignment');
    await page.keyboard.press('Enter');
    await portal(page).getByRole('searchbox', { name: /Search by role name/ }).focus();
    await page.keyboard.type('Virtual Machine Contributor');
    await press(portal(page).getByRole('radio', { name: 'Virtual Machine Contributor' }), 'Space');
    await press(button(page, 'Next'), 'Enter');
    await press(portal(page).getByRole('radio', { name: 'Managed identity' }), 'Space');
    await press(button(page, '+ Select members'), 'Enter');
    const picker = dialog(page, 'Select managed identities');
    await picker.getByRole('checkbox', { name: /myLinuxVM/ }).waitFor();
    await press(picker.getByRole('checkbox', { name: /myLinuxVM/ }), 'Space');
    await press(picker.getByRole('button', { name: 'Select' }), 'Enter');
    await press(button(page, 'Review + assign'), 'Enter');
    await press(button(page, 'Review + assign'), 'Enter');
    await expect.poll(() => latestToast(page)).toContain('myLinuxVM was added as Virtual Machine Contributor for myLinuxVM');
    await roleRow(page, 'myLinuxVM', 'Virtual Machine Contributor').filter({ hasText: 'This resource' }).waitFor();
  });

  it('stacks the blades on a 390-pixel phone and still works by tapping', async () => {
    const { page } = await openSandbox({ width: 390, height: 844 }, true);
    await shot(page, 'phone-home');
    await expectA11yClean(page, 'phone home');
    await openVm(page, 'myLinuxVM', 'Identity');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await portal(page).getByRole('radio', { name: 'On' }).tap();
    await button(page, 'Save').tap();
    await dialog(page, 'Enable system assigned managed identity').getByRole('button', { name: 'Yes' }).tap();
    await expect.poll(() => latestToast(page)).toContain('Successfully saved');
    await shot(page, 'phone-identity');
    await expectA11yClean(page, 'phone identity');
  });
});
