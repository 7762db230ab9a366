// The cheat sheet (/lessons/<lesson>/cheat-sheet): a finished lesson's steps and commands as a
// reference to repeat on a real VM — reached from the lesson list and from "Lesson complete",
// copyable, printable, usable on a phone.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectA11yClean, sessionPerTest, SHOTS } from './harness';
import { expectStepComplete, stepHeading } from './lesson-steps';

const open = sessionPerTest();
const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());
const LINUX = 'Call Azure Resource Manager from a Linux VM with its managed identity';
const TOKEN_COMMAND = "curl 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/' -H Metadata:true";

/** A step's section on the sheet, by its heading. */
const stepSection = (page: Page, heading: RegExp) => page.locator('section.step').filter({ has: page.getByRole('heading', { level: 2, name: heading }) });

describe('cheat sheet', () => {
  it('opens from the lesson list, copies a command and all of them, prints without chrome, links to a step and back', async () => {
    const session = await open('/', { viewport: { width: 1280, height: 900 } });
    const { page } = session;
    await page.getByRole('link', { name: `Cheat sheet for ${LINUX}` }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/lessons/linux-vm-arm/cheat-sheet');
    await page.getByRole('heading', { level: 1, name: `Cheat sheet: ${LINUX}` }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual([
      "1. Turn on the VM's system-assigned identity",
      '2. Let the identity read the resource group',
      '3. Connect to the VM and look around',
      '4. Get an access token from IMDS',
      '5. Call Azure Resource Manager with the token',
      '6. What goes wrong, and what the errors mean',
    ]);

    // Portal steps in words; commands exactly as typed, names filled and the subscription id by name.
    const step1 = stepSection(page, /^1\. /);
    await expect.poll(() => step1.innerText()).toMatch(/Portal: open myLinuxVM → Security → Identity → System assigned, set Status to On/);
    const tokenCode = stepSection(page, /^4\. /).locator('pre code');
    expect(await tokenCode.innerText()).toBe(TOKEN_COMMAND);
    const armCode = stepSection(page, /^5\. /).locator('pre code');
    expect(await armCode.innerText()).toContain("curl 'https://management.azure.com/subscriptions/<subscriptionId>/resourceGroups/myResourceGroup?api-version=2016-09-01'");
    await expect.poll(() => stepSection(page, /^5\. /).innerText()).toMatch(/Replace before running:\s*<subscriptionId> — your subscription ID/);
    await expectA11yClean(page, 'cheat sheet');
    await page.screenshot({ path: `${SHOTS}/cheat-sheet-desktop.png`, fullPage: true });

    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.baseUrl });
    await stepSection(page, /^4\. /).getByRole('button', { name: /^Copy: curl/ }).click();
    await expect.poll(() => clipboard(page)).toBe(TOKEN_COMMAND);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Copied to the clipboard.' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Copy all commands (bash)' }).click();
    await expect.poll(() => clipboard(page)).toContain('# 4. Get an access token from IMDS\n' + TOKEN_COMMAND + '\n');
    const all = await clipboard(page);
    expect(all).toContain('# Replace <subscriptionId> with your own value before running.');
    expect(all).toContain('# Portal: open resource group myResourceGroup → Access control (IAM)');

    // On paper: the sheet alone — no app header, no buttons, no links to other pages.
    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => page.locator('header.top').isVisible()).toBe(false);
    expect(await page.getByRole('button').filter({ visible: true }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /^Open step/ }).filter({ visible: true }).count()).toBe(0);
    expect(await tokenCode.isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/cheat-sheet-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // A step link opens that step in the lesson (ahead of saved progress: directly, in memory).
    await page.getByRole('link', { name: 'Open step 6 in the lesson' }).click();
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/^6\. What goes wrong/);
    expect(new URL(page.url()).pathname).toBe('/lessons/linux-vm-arm/what-goes-wrong');
    // Finishing the last step offers the cheat sheet.
    await page.getByRole('button', { name: "I'm stuck" }).click();
    await page.getByRole('button', { name: 'Give me a hint' }).click();
    await page.getByRole('button', { name: 'Show the answer' }).click();
    await page.getByRole('button', { name: 'Solve it for me' }).click();
    await expectStepComplete(page);
    await page.getByText('Lesson complete').waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: "see the lesson's cheat sheet" }).click();
    await page.getByRole('heading', { level: 1, name: `Cheat sheet: ${LINUX}` }).waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe('/lessons/linux-vm-arm/cheat-sheet');
    await page.getByRole('link', { name: 'Back to the lesson' }).click();
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/^\d\. /);
  });

  it('fits a 390px phone: no sideways scrolling, PowerShell commands wrap, copy by tap', async () => {
    const session = await open('/lessons/windows-vm-arm/cheat-sheet', { viewport: { width: 390, height: 844 }, mobile: true });
    const { page } = session;
    await page.getByRole('heading', { level: 1, name: /^Cheat sheet: Call Azure Resource Manager from a Windows VM/ }).waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expect.poll(() => stepSection(page, /^4\. /).locator('pre code').innerText()).toContain('$ArmToken = $content.access_token');
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.baseUrl });
    await page.getByRole('button', { name: 'Copy all commands (PowerShell)' }).tap();
    await expect.poll(() => clipboard(page)).toMatch(/^# Call Azure Resource Manager from a Windows VM/);
    expect(await clipboard(page)).toContain('Invoke-RestMethod -Uri \'https://management.azure.com/subscriptions/<subscriptionId>/resourceGroups/myResourceGroup?api-version=2016-06-01\'');
    await expectA11yClean(page, 'cheat sheet on a phone');
    await page.screenshot({ path: `${SHOTS}/cheat-sheet-phone.png`, fullPage: true });
  });

  it('opens offline after one visit to the app, never having been opened before', async () => {
    const { page, context, baseUrl } = await open('/');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.getByText('Saved for offline use').waitFor({ timeout: 30_000 });
    await context.setOffline(true);
    await page.goto(`${baseUrl}/lessons/linux-vm-user-assigned/cheat-sheet`);
    await page.getByRole('heading', { level: 1, name: /^Cheat sheet: .*user-assigned/ }).waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('section.step pre code').first().innerText()).toContain('client_id=<clientId of myUserAssignedIdentity>');
  });

  it('says so, and lists the real ones, for a lesson that does not exist', async () => {
    const { page } = await open('/lessons/no-such-lesson/cheat-sheet');
    await page.getByRole('heading', { level: 1, name: 'No such lesson' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('main').innerText()).toContain('There is no lesson called no-such-lesson, so there is no cheat sheet for it.');
    await page.getByRole('link', { name: LINUX }).click();
    await page.getByRole('heading', { level: 1, name: `Cheat sheet: ${LINUX}` }).waitFor({ timeout: 20_000 });
    await expectA11yClean(page, 'cheat sheet of a lesson that does not exist');
  });
});
