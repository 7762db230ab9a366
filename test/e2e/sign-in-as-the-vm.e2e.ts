// The "Sign in to the Azure CLI as the VM" lesson as a learner does it: az typed into myLinuxVM's
// terminal (the no-access error first), the role granted by typing az in the lesson's Cloud Shell
// tab, then az group show on the VM — on a desktop and on a 390 px phone. Lesson 4's first step is
// also done the tutorial's way, in Cloud Shell.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sessionPerTest, SHOTS } from './harness';
import { expectStepComplete, nextStep, stepHeading, typeInTerminal } from './lesson-steps';
import { grantRoleToVm } from './portal-steps';

const open = sessionPerTest();

/** A terminal's text (textContent: a stacked phone page leaves it off screen, where innerText is empty). */
async function terminalText(page: Page, name: RegExp): Promise<string> {
  return ((await page.getByRole('group', { name }).locator('.xterm-rows').textContent()) ?? '').replace(/\u00a0/g, ' ');
}

async function typeInCloudShell(page: Page, lines: string[]) {
  await page.getByRole('tab', { name: 'Cloud Shell' }).click();
  const input = page.getByRole('textbox', { name: /^Cloud Shell terminal/ });
  await input.waitFor({ timeout: 20_000 });
  // Its editor opens with something to run, as the sandbox's Cloud Shell does (it used to be empty).
  await expect.poll(() => page.locator('#panel-cloudshell .editor').first().evaluate((e) => e.querySelector('textarea')?.value ?? e.textContent ?? '')).toContain('az account show');
  await expect.poll(() => terminalText(page, /^Cloud Shell terminal/), { timeout: 20_000 }).toContain('admin [ ~ ]$');
  await input.focus();
  for (const line of lines) {
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  }
}

describe('sign-in-as-the-vm lesson', () => {
  for (const device of [
    { name: 'desktop', viewport: { width: 1440, height: 900 }, mobile: false },
    { name: 'phone', viewport: { width: 390, height: 844 }, mobile: true },
  ]) {
    it(`a learner signs az in as the VM, grants a role from Cloud Shell, reads the group (${device.name})`, async () => {
      const { page } = await open('/lessons/sign-in-as-the-vm', { viewport: device.viewport, mobile: device.mobile });
      page.setDefaultTimeout(30_000);
      await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/Sign in with the VM's identity/);

      await typeInTerminal(page, 'myLinuxVM', ['az login --identity']);
      await expect.poll(() => terminalText(page, /^myLinuxVM terminal/), { timeout: 30_000 }).toContain('No access was configured for the managed identity');
      await expectStepComplete(page);
      await nextStep(page, /Let the identity read the resource group/);

      const principalId = (await page.locator('.step-text code').filter({ hasText: /^[0-9a-f-]{36}$/ }).first().innerText()).trim();
      if (device.mobile) {
        // A phone's Cloud Shell terminal takes keys slowly (see the report): a short command there,
        // and the grant through the portal, the step's other path.
        await typeInCloudShell(page, ['az group list -o table']);
        await expect.poll(() => terminalText(page, /^Cloud Shell terminal/), { timeout: 60_000 }).toMatch(/myResourceGroup\s+eastus\s+Succeeded/);
        await page.screenshot({ path: `${SHOTS}/cloud-shell-lesson-390.png`, fullPage: true });
        await page.getByRole('tab', { name: 'Portal' }).click();
        await grantRoleToVm(page, 'myLinuxVM', 'Reader');
      } else {
        await typeInCloudShell(page, [`az role assignment create --assignee-object-id ${principalId} --assignee-principal-type ServicePrincipal --role Reader --scope "$(az group show -n myResourceGroup --query id -o tsv)" -o none`]);
      }
      await expectStepComplete(page);
      await page.screenshot({ path: `${SHOTS}/lesson-signin-cloudshell-${device.viewport.width}.png`, fullPage: device.mobile });
      await nextStep(page, /Sign in again and read the resource group/);

      await typeInTerminal(page, 'myLinuxVM', ['az login --identity -o none', 'az group show -n myResourceGroup --query properties.provisioningState -o tsv']);
      await expect.poll(() => terminalText(page, /^myLinuxVM terminal/), { timeout: 30_000 }).toContain('Succeeded');
      await expectStepComplete(page);
      await page.screenshot({ path: `${SHOTS}/lesson-signin-vm-${device.viewport.width}.png`, fullPage: device.mobile });
    }, 240_000);
  }

  it('lesson 4 step 1 the tutorial\'s way: az identity create in Cloud Shell completes it', async () => {
    const { page } = await open('/lessons/linux-vm-user-assigned', { viewport: { width: 1280, height: 800 } });
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/Create a user-assigned identity/);
    await typeInCloudShell(page, ['az identity create -g myResourceGroup -n myUserAssignedIdentity --query name -o tsv']);
    await expectStepComplete(page);
  }, 120_000);
});
