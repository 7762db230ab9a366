// Presenter mode on a lesson page: text size (buttons, Ctrl +/−, ?fontSize=), the step panel hidden,
// PageDown/PageUp between steps, a ?script= demo typed into the terminal, and the reset between attendees.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectA11yClean, sessionPerTest, SHOTS } from './harness';

const open = sessionPerTest();
const script = encodeURIComponent('hostname\ndelay 200\nwhoami');
const heading = (page: Page) => page.locator('#step-title').innerText();
// Text scales with the terminal: 14 px in the terminal is the page's normal 16 px text.
const layoutFont = (page: Page) => page.locator('.lesson-layout').evaluate((el) => Math.round((parseFloat(getComputedStyle(el).fontSize) / 16) * 14));

describe('presenter mode', () => {
  it('scales text, hides the step panel, plays the demo, steps with the clicker keys and resets', async () => {
    const { page } = await open(`/lessons/linux-vm-arm?fontSize=20&script=${script}`);
    const bar = page.getByRole('region', { name: 'Presenter controls' });
    await bar.waitFor();
    await expect.poll(() => heading(page)).toMatch(/^1\. /);
    expect(await bar.getByText('20px').isVisible()).toBe(true);
    expect(await layoutFont(page)).toBe(20);
    await page.keyboard.press('Control+Equal');
    await expect.poll(() => layoutFont(page)).toBe(22);
    await page.keyboard.press('Control+Minus');
    await page.keyboard.press('Control+Minus');
    await expect.poll(() => layoutFont(page)).toBe(18);
    await expectA11yClean(page, 'presenter mode');

    // The demo types into the VM's terminal, visibly, and each command runs.
    await bar.getByRole('button', { name: '▶ Play demo' }).click();
    await bar.getByText('Demo finished: 2 commands run.').waitFor({ timeout: 30_000 });
    const screen = await page.locator('.xterm-rows').first().innerText();
    expect(screen).toMatch(/\$ hostname\s+myLinuxVM/);
    expect(screen).toMatch(/\$ whoami\s+azureuser/);

    // PageDown is the clicker's "next"; it waits until the step is done.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('PageDown');
    expect(await heading(page)).toMatch(/^1\. /);
    for (const name of ["I'm stuck", 'Give me a hint', 'Show the answer', 'Solve it for me']) await page.getByRole('button', { name }).click();
    await page.getByRole('heading', { name: 'Step complete' }).waitFor({ timeout: 20_000 });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('PageDown');
    await expect.poll(() => heading(page)).toMatch(/^2\. /);
    expect(new URL(page.url()).search).toContain('fontSize=20');
    await page.keyboard.press('PageUp');
    await expect.poll(() => heading(page)).toMatch(/^1\. /);

    await bar.getByRole('button', { name: 'Hide step panel' }).click();
    expect(await page.getByRole('complementary', { name: 'Lesson' }).isVisible()).toBe(false);
    await page.screenshot({ path: `${SHOTS}/presenter-mode.png` });
    await bar.getByRole('button', { name: 'Show step panel' }).click();

    // Reset for the next attendee: step 1 again, not done, step 2 locked.
    await bar.getByRole('button', { name: 'Reset for the next attendee' }).click();
    await bar.getByText('Reset: the lesson starts fresh').waitFor();
    await expect.poll(() => page.getByRole('heading', { name: 'To finish this step' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: /Let the identity read the resource group/ }).isDisabled()).toBe(true);
  });

  it('lists bad presenter parameters and keeps the rest working', async () => {
    const { page } = await open('/lessons/linux-vm-arm?presenter=1&fontSize=99&script=delay%20x');
    const alert = page.getByRole('region', { name: 'Presenter controls' }).getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('"fontSize" must be a whole number of pixels from 10 to 40, not "99"');
    expect(await alert.innerText()).toContain('"delay" takes a whole number of milliseconds');
    expect(await page.getByRole('button', { name: '▶ Play demo' }).count()).toBe(0);
    expect(await layoutFont(page)).toBe(14);
  });
});
