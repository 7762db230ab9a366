// Cloud Shell as a person opens it: the ">_" in the portal's header, then az typed into its terminal,
// signed in as the portal's user with no az login; what it creates shows in the portal.
import { describe, expect, it } from 'vitest';
import { sessionPerTest, SHOTS, seriousA11yViolations, type Session } from './harness';

const open = sessionPerTest();

async function screen(s: Session): Promise<string> {
  // textContent, not innerText: a phone's stacked page leaves the terminal off screen, where innerText is empty.
  return ((await s.page.getByRole('group', { name: 'Cloud Shell terminal (bash)' }).locator('.xterm-rows').textContent()) ?? '').replace(/\u00a0/g, ' ');
}

async function openCloudShell(s: Session) {
  await s.page.getByRole('button', { name: 'Cloud Shell' }).first().click();
  const terminal = s.page.getByRole('group', { name: 'Cloud Shell terminal (bash)' });
  await terminal.locator('.xterm-rows').waitFor();
  // xterm.js stops drawing while it is out of view (a phone stacks the panes): bring it into view.
  await terminal.scrollIntoViewIfNeeded();
  await expect.poll(() => screen(s)).toContain('admin [ ~ ]$');
  await s.page.getByRole('textbox', { name: /^Cloud Shell terminal/ }).focus();
}

async function type(s: Session, line: string) {
  await s.page.keyboard.type(line);
  await s.page.keyboard.press('Enter');
}

describe('Cloud Shell', () => {
  for (const viewport of [
    { name: 'desktop', width: 1440, height: 900, mobile: false },
  ]) {
    it(`opens from the portal header signed in as the portal's user (${viewport.name})`, async () => {
      const s = await open('/sandbox', { viewport: { width: viewport.width, height: viewport.height }, mobile: viewport.mobile });
      s.page.setDefaultTimeout(15_000);
      await openCloudShell(s);
      await type(s, 'az group list -o table');
      // The first az loads the CLI's chunk into the shell's worker.
      await expect.poll(() => screen(s), { timeout: 15_000 }).toMatch(/Name\s+Location\s+Status.*myResourceGroup\s+eastus\s+Succeeded/);
      // A phone's sandbox terminal takes every key slowly (its xterm grows with the stacked page), so the lines are short.
      await type(s, 'az identity create -g myResourceGroup -n csId -o none');
      await type(s, 'az account show --query user.name');
      await expect.poll(() => screen(s), { timeout: 30_000 }).toContain('"admin@');
      await s.page.getByRole('navigation', { name: 'Portal' }).getByRole('button', { name: 'Managed Identities' }).click();
      await s.page.getByRole('button', { name: 'csId', exact: true }).first().waitFor();
      await s.page.getByRole('group', { name: 'Cloud Shell terminal (bash)' }).scrollIntoViewIfNeeded();
      await s.page.screenshot({ path: `${SHOTS}/cloud-shell-${viewport.width}.png`, fullPage: viewport.mobile });
      if (viewport.mobile) expect(await s.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      expect(await seriousA11yViolations(s.page)).toEqual([]);
      await s.close();
    }, 240_000);
  }

  // Desktop only, like the bash test above: a phone's sandbox terminal takes keys too slowly for a long
  // cmdlet line (the phone path of PowerShell is covered by sign-in-as-the-vm-windows.e2e.ts).
  it('switches to PowerShell: signed in before the first prompt, Az cmdlets change the world the portal shows', async () => {
    for (const viewport of [{ width: 1440, height: 900, mobile: false }]) {
      const s = await open('/sandbox', { viewport: { width: viewport.width, height: viewport.height }, mobile: viewport.mobile });
      s.page.setDefaultTimeout(30_000);
      await openCloudShell(s);
      await s.page.getByRole('combobox', { name: 'Shell' }).selectOption('PowerShell');
      const terminal = s.page.getByRole('group', { name: 'Cloud Shell terminal (PowerShell)' });
      await terminal.locator('.xterm-rows').waitFor();
      await terminal.scrollIntoViewIfNeeded();
      const text = async () => ((await terminal.locator('.xterm-rows').textContent()) ?? '').replace(/\u00a0/g, ' ');
      await expect.poll(text, { timeout: 30_000 }).toContain('PS /home/admin>');
      await s.page.getByRole('textbox', { name: /^Cloud Shell terminal/ }).focus();
      await type(s, 'New-AzUserAssignedIdentity -ResourceGroupName myResourceGroup -Name psId -Location eastus');
      await expect.poll(text, { timeout: 60_000 }).toMatch(/eastus\s+psId\s+myResourceGroup/);
      await s.page.getByRole('navigation', { name: 'Portal' }).getByRole('button', { name: 'Managed Identities' }).click();
      await s.page.getByRole('button', { name: 'psId', exact: true }).first().waitFor();
      await terminal.scrollIntoViewIfNeeded();
      await s.page.screenshot({ path: `${SHOTS}/cloud-shell-powershell-sandbox-${viewport.width}.png`, fullPage: viewport.mobile });
      if (viewport.mobile) expect(await s.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      expect(await seriousA11yViolations(s.page)).toEqual([]);
      await s.close();
    }
  }, 300_000);
});
