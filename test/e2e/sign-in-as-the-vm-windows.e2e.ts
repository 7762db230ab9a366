// The Windows half of "Sign in as the VM" as a learner does it: Connect-AzAccount -Identity and
// Get-AzResourceGroup typed into myWindowsVM's PowerShell terminal (the no-subscription error first),
// Reader granted in the portal, then the same two commands again — on a desktop by keyboard only, and
// on a 390 px phone.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectA11yClean, sessionPerTest, SHOTS } from './harness';
import { expectNoPointer, input, keyboardOnly } from './keyboard';
import { expectStepComplete, nextStep, stepHeading, typeInTerminal } from './lesson-steps';
import { grantRoleToVm } from './portal-steps';

const open = sessionPerTest();

/** A terminal's text (textContent: a stacked phone page leaves it off screen, where innerText is empty). */
async function terminalText(page: Page, name: RegExp): Promise<string> {
  return ((await page.getByRole('group', { name }).locator('.xterm-rows').textContent()) ?? '').replace(/\u00a0/g, ' ');
}

describe('sign-in-as-the-vm-windows lesson', () => {
  for (const device of [
    { name: 'desktop', viewport: { width: 1440, height: 900 }, mobile: false },
    { name: 'phone', viewport: { width: 390, height: 844 }, mobile: true },
  ]) {
    it(`a learner signs Azure PowerShell in as the VM and reads the group (${device.name})`, async () => {
      const { page } = await open('/lessons/sign-in-as-the-vm-windows', { viewport: device.viewport, mobile: device.mobile });
      page.setDefaultTimeout(30_000);
      // On the desktop, keyboard only (no pointer event; axe on every step): the phone taps.
      if (!device.mobile) await keyboardOnly(page);
      await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/Sign in with the VM's identity/);
      await expectA11yClean(page, 'step 1');

      await typeInTerminal(page, 'myWindowsVM', ['Connect-AzAccount -Identity', 'Get-AzResourceGroup']);
      await expect.poll(() => terminalText(page, /^myWindowsVM terminal/), { timeout: 60_000 }).toContain('No subscription found in the context.');
      await expectStepComplete(page);
      await page.screenshot({ path: `${SHOTS}/lesson-signin-windows-error-${device.viewport.width}.png`, fullPage: device.mobile });
      await nextStep(page, /Let the identity read the resource group/);

      await input(page).click(page.getByRole('tab', { name: 'Portal' }));
      await grantRoleToVm(page, 'myWindowsVM', 'Reader');
      await expectStepComplete(page);
      await nextStep(page, /Sign in again and read the resource group/);

      await typeInTerminal(page, 'myWindowsVM', ['Connect-AzAccount -Identity', 'Get-AzResourceGroup']);
      await expect.poll(() => terminalText(page, /^myWindowsVM terminal/), { timeout: 60_000 }).toMatch(/ResourceGroupName\s*: myResourceGroup/);
      await expectStepComplete(page);
      await page.screenshot({ path: `${SHOTS}/lesson-signin-windows-${device.viewport.width}.png`, fullPage: device.mobile });
      if (!device.mobile) await expectNoPointer(page);
    }, 300_000);
  }

  it("step 2 by Cloud Shell (PowerShell in a PowerShell lesson): already signed in as the user, New-AzRoleAssignment completes it", async () => {
    const { page } = await open('/lessons/sign-in-as-the-vm-windows', { viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(30_000);
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/Sign in with the VM's identity/);
    await typeInTerminal(page, 'myWindowsVM', ['Connect-AzAccount -Identity']);
    await expectStepComplete(page);
    await nextStep(page, /Let the identity read the resource group/);
    await page.getByRole('tab', { name: 'Cloud Shell' }).click();
    const input = page.getByRole('textbox', { name: /^Cloud Shell terminal/ });
    await input.waitFor({ timeout: 20_000 });
    await expect.poll(() => terminalText(page, /^Cloud Shell terminal/), { timeout: 30_000 }).toContain('PS /home/');
    await input.focus();
    for (const line of ['Get-AzContext', 'New-AzRoleAssignment -ObjectId (Get-AzVM -ResourceGroupName myResourceGroup -Name myWindowsVM).Identity.PrincipalId -RoleDefinitionName Reader -ResourceGroupName myResourceGroup']) {
      await page.keyboard.type(line);
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => terminalText(page, /^Cloud Shell terminal/), { timeout: 60_000 }).toContain('RoleDefinitionName : Reader');
    await expectStepComplete(page);
    await page.screenshot({ path: `${SHOTS}/cloud-shell-powershell-1440.png` });
  }, 300_000);
});
