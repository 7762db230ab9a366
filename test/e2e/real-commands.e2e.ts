/**
 * The "Real commands" panel on a real flow in /sandbox: the learner turns on myLinuxVM's
 * system-assigned identity and grants it Reader on myResourceGroup in the portal, and the panel
 * shows both changes as Azure CLI commands that name things (no ids of this sandbox), switches to
 * Azure PowerShell, copies them one at a time or all together in the chosen language, and says so
 * when the browser refuses to copy. Working on myWindowsVM, Azure PowerShell comes first.
 * Screenshots go to .e2e-artifacts/real-commands-*.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectA11yClean, sessionPerTest, SHOTS } from './harness';
import { grantReaderToVm, portal, setSystemAssigned } from './portal-steps';

const open = sessionPerTest();
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const inspector = (page: Page) => page.getByRole('region', { name: 'See inside' });
const body = (page: Page) => page.locator('#inspector-body');
const changes = (page: Page) => body(page).locator('ol.changes > li');
const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());
const languages = (page: Page) => body(page).getByRole('group', { name: 'Commands in' });
const language = (page: Page, name: 'Azure CLI' | 'Azure PowerShell') => languages(page).getByRole('radio', { name });

/** Copy all, then the grant's own Copy: the clipboard holds the two changes in that language, then the grant alone. */
async function expectCopies(page: Page, label: string, [identityCommands, grantCommands]: [string, string]) {
  await body(page).getByRole('button', { name: 'Copy all' }).click();
  await body(page).getByRole('status').filter({ hasText: `Copied 2 changes as one ${label} script.` }).waitFor();
  expect(await clipboard(page)).toBe(
    ['# On myLinuxVM, turn on the system-assigned identity.', identityCommands, '', "# Give myLinuxVM's identity Reader on myResourceGroup.", grantCommands, ''].join('\n'),
  );
  await changes(page).nth(1).getByRole('button', { name: "Copy: Give myLinuxVM's identity Reader on myResourceGroup." }).click();
  await expect.poll(() => clipboard(page)).toBe(grantCommands);
}

async function openPanel(page: Page) {
  await portal(page).getByRole('heading', { name: 'Home', level: 2 }).waitFor({ timeout: 20_000 });
  await inspector(page).getByRole('button', { name: 'See inside' }).click();
  await inspector(page).getByRole('tab', { name: 'Real commands' }).click();
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/real-commands-${name}.png` });
}

describe('Real commands panel', () => {
  it('shows the portal’s changes as az commands by name, and copies them', async () => {
    const session = await open('/sandbox', { viewport: { width: 1280, height: 900 } });
    const { page } = session;
    await openPanel(page);
    await body(page).getByText('Do something in the portal, and the same change as Azure CLI commands appears here.').waitFor();
    // Nothing done on a Windows VM yet: the Azure CLI comes first.
    expect(await language(page, 'Azure CLI').isChecked()).toBe(true);
    expect(await body(page).getByRole('button', { name: 'Copy all' }).isDisabled()).toBe(true);
    await expectA11yClean(page, 'Real commands, empty');
    await shot(page, 'empty');

    // The panel stays open and follows the portal as the learner works.
    await setSystemAssigned(page, 'myLinuxVM', true);
    await grantReaderToVm(page, 'myLinuxVM');
    await expect.poll(() => changes(page).count()).toBe(2);
    const [identity, grant] = [changes(page).nth(0), changes(page).nth(1)];
    expect(await identity.locator('p').innerText()).toBe('On myLinuxVM, turn on the system-assigned identity.');
    expect(await identity.locator('pre').innerText()).toBe('az vm identity assign -g myResourceGroup -n myLinuxVM');
    expect(await grant.locator('p').innerText()).toBe("Give myLinuxVM's identity Reader on myResourceGroup.");
    const grantCommand = await grant.locator('pre').innerText();
    expect(grantCommand).toBe(
      [
        'az role assignment create \\',
        '  --assignee-object-id "$(az vm show -g myResourceGroup -n myLinuxVM --query identity.principalId -o tsv)" \\',
        '  --assignee-principal-type ServicePrincipal \\',
        '  --role Reader \\',
        '  --scope "$(az group show -n myResourceGroup --query id -o tsv)"',
      ].join('\n'),
    );
    // Nothing of this sandbox's ids (subscription, principal, assignment name) is shown.
    expect(await body(page).innerText()).not.toMatch(GUID);
    await body(page).getByText(/run unchanged on a real Azure VM/).waitFor();

    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.baseUrl });
    await expectCopies(page, 'Azure CLI', ['az vm identity assign -g myResourceGroup -n myLinuxVM', grantCommand]);
    await expectA11yClean(page, 'Real commands, two changes');
    await inspector(page).scrollIntoViewIfNeeded();
    await shot(page, 'two-changes');

    // The same two changes in Azure PowerShell, chosen with the keyboard (one radio group, arrow keys).
    await language(page, 'Azure CLI').focus();
    await page.keyboard.press('ArrowRight');
    expect(await language(page, 'Azure PowerShell').isChecked()).toBe(true);
    expect(await identity.locator('p').innerText()).toBe('On myLinuxVM, turn on the system-assigned identity.');
    expect(await identity.locator('pre').innerText()).toBe(
      ["$vm = Get-AzVM -ResourceGroupName 'myResourceGroup' -Name 'myLinuxVM'", "Update-AzVM -ResourceGroupName 'myResourceGroup' -VM $vm -IdentityType SystemAssigned"].join('\n'),
    );
    // Splatted (its exact text is in the unit tests): the VM's principal looked up by name.
    const grantPowerShell = await grant.locator('pre').innerText();
    expect(grantPowerShell).toMatch(/^\$params = @\{\n[^]*\n\}\nNew-AzRoleAssignment @params$/);
    expect(grantPowerShell).toContain("ObjectId           = (Get-AzVM -ResourceGroupName 'myResourceGroup' -Name 'myLinuxVM').Identity.PrincipalId");
    await body(page).getByText(/Connect-AzAccount/).waitFor();
    expect(await body(page).innerText()).not.toMatch(GUID);
    await expectCopies(page, 'Azure PowerShell', [await identity.locator('pre').innerText(), grantPowerShell]);
    await expectA11yClean(page, 'Real commands, Azure PowerShell');
    await shot(page, 'powershell');

    // The choice stays when the learner looks at another panel and comes back.
    await inspector(page).getByRole('tab', { name: 'Request timeline' }).click();
    await inspector(page).getByRole('tab', { name: 'Real commands' }).click();
    expect(await language(page, 'Azure PowerShell').isChecked()).toBe(true);

    // A browser that refuses the clipboard gets told to copy by hand.
    await page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    });
    await identity.getByRole('button', { name: /^Copy: / }).click();
    await body(page).getByRole('status').filter({ hasText: 'The browser did not allow copying; select the commands and copy them yourself.' }).waitFor();
  });

  it('puts Azure PowerShell first when the learner works on the Windows VM', async () => {
    const session = await open('/sandbox', { viewport: { width: 1280, height: 900 } });
    const { page } = session;
    await openPanel(page);
    await setSystemAssigned(page, 'myWindowsVM', true);
    await expect.poll(() => changes(page).count()).toBe(1);
    expect(await language(page, 'Azure PowerShell').isChecked()).toBe(true);
    expect(await changes(page).nth(0).locator('pre').innerText()).toBe(
      ["$vm = Get-AzVM -ResourceGroupName 'myResourceGroup' -Name 'myWindowsVM'", "Update-AzVM -ResourceGroupName 'myResourceGroup' -VM $vm -IdentityType SystemAssigned"].join('\n'),
    );
    await body(page).getByText('Run them in Azure Cloud Shell (PowerShell)', { exact: false }).waitFor();
    await inspector(page).scrollIntoViewIfNeeded();
    await shot(page, 'windows-default');
    await language(page, 'Azure CLI').check();
    expect(await changes(page).nth(0).locator('pre').innerText()).toBe('az vm identity assign -g myResourceGroup -n myWindowsVM');
  });
});
