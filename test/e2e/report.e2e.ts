// "Report a problem" as a stuck learner uses it: describe the problem, read the report, copy it and
// download it; the report names the step, what they typed and what IMDS answered, and carries no token.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { expectA11yClean, sessionPerTest, SHOTS } from './harness';
import { stepHeading, typeInTerminal } from './lesson-steps';

const open = sessionPerTest();

describe('report a problem', () => {
  it('builds a report of the step, what was typed and what the services answered; copy and download', async () => {
    const session = await open('/lessons/linux-vm-arm/get-a-token', { viewport: { width: 1280, height: 800 } });
    const { page } = session;
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/Get an access token/);
    // The classic mistake, then a good token request: the report must hold both answers and no token.
    await typeInTerminal(page, 'myLinuxVM', [
      "curl 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/'",
    ]);
    await expect.poll(async () => (await page.locator('.xterm-rows').first().innerText()).replace(/\n/g, '')).toContain('invalid_request');

    const opener = page.getByRole('button', { name: 'Report a problem…' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Report a problem' });
    await dialog.getByLabel('What happened? (optional)').fill('IMDS says 400 | and I do not know why');
    const report = dialog.getByLabel('Report', { exact: true });
    await expect.poll(() => report.inputValue()).toContain('> IMDS says 400 | and I do not know why');
    const text = await report.inputValue();
    expect(text).toContain('| Step | 4. Get an access token from IMDS (`get-a-token`), in progress |');
    expect(text).toMatch(/1\. `myLinuxVM: curl 'http:\/\/169\.254\.169\.254\/metadata\/identity\/oauth2\/token\?api-version=2018-02-01&resource=https:\/\/management\.azure\.com\/'`/);
    expect(text).toMatch(/- #\d+ myLinuxVM → IMDS: `GET \/metadata\/identity\/oauth2\/token\?[^`]*` → 400 Bad Request \(invalid_request\)/);
    expect(text).toMatch(/Open this link to see the same world and editor text: http:\/\/127\.0\.0\.1:\d+\/lessons\/linux-vm-arm\/get-a-token#/);
    expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
    await expectA11yClean(page, 'report dialog');
    await page.screenshot({ path: `${SHOTS}/report-dialog.png` });

    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.baseUrl });
    await dialog.getByRole('button', { name: 'Copy report' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Report copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);

    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download report (.md)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('problem-linux-vm-arm-get-a-token.md');
    expect(await readFile((await file.path())!, 'utf8')).toBe(text);

    // Escape closes it and gives the focus back to the button that opened it.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
  });
});
