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
    // The step's title grows with its text (1.3 em), so it still reads as a heading.
    const titleRatio = await page.locator('#step-title').evaluate((el) => parseFloat(getComputedStyle(el).fontSize) / parseFloat(getComputedStyle(el.closest('.lesson-layout')!).fontSize));
    expect(titleRatio).toBeCloseTo(1.3, 2);
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
    expect(await page.getByRole('button', { name: /Let the identity read the resource group/ }).innerText()).toMatch(/not reached/);
  });

  it('jumps to any step from the address or the step list; the jump is not saved as progress', async () => {
    const { page } = await open('/lessons/linux-vm-arm/get-a-token?presenter=1');
    await expect.poll(() => heading(page), { timeout: 20_000 }).toMatch(/^4\. Get an access token/);
    await page.getByText('You opened this step directly').waitFor();
    // The step opens at its own start world: the identity is on and Reader granted, so the token step can be done.
    await page.getByRole('button', { name: "I'm stuck" }).click();
    for (const name of ['Give me a hint', 'Show the answer', 'Solve it for me']) await page.getByRole('button', { name }).click();
    await page.getByRole('heading', { name: 'Step complete' }).waitFor({ timeout: 20_000 });
    await expectA11yClean(page, 'a step opened directly');

    // The step list is the presenter's menu: a step not reached yet opens directly, settings kept.
    await page.getByRole('button', { name: /What goes wrong/ }).click();
    await expect.poll(() => heading(page), { timeout: 20_000 }).toMatch(/^6\. What goes wrong/);
    expect(new URL(page.url()).search).toBe('?presenter=1');

    // Nothing of it was saved: the learner's own record still starts at step 1.
    await page.goto(new URL('/lessons/linux-vm-arm', page.url()).href);
    await expect.poll(() => heading(page), { timeout: 20_000 }).toMatch(/^1\. /);
    expect(await page.getByText('You opened this step directly').count()).toBe(0);
  });

  it('a learner without presenter mode can still follow a link to a later step, but not click ahead', async () => {
    const { page } = await open('/lessons/linux-vm-arm/call-arm');
    await expect.poll(() => heading(page), { timeout: 20_000 }).toMatch(/^5\. Call Azure Resource Manager/);
    expect(await page.getByRole('button', { name: /What goes wrong/ }).isDisabled()).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: /Connect to the VM/ }).isDisabled()).toBe(false);
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

describe('share links', () => {
  const ladder = async (page: Page) => {
    for (const name of ["I'm stuck", 'Give me a hint', 'Show the answer', 'Solve it for me']) await page.getByRole('button', { name }).click();
    await page.getByRole('heading', { name: 'Step complete' }).waitFor({ timeout: 20_000 });
  };

  it("open the sender's step, world and all, for someone who never got that far", async () => {
    const { page } = await open('/lessons/linux-vm-arm');
    await ladder(page);
    await page.getByRole('button', { name: 'Next step →' }).click();
    await expect.poll(() => heading(page)).toMatch(/^2\. /);
    await ladder(page);
    await page.getByRole('button', { name: 'Share this step' }).click();
    const link = await page.getByLabel('Share link').inputValue();
    expect(link).toMatch(/\/lessons\/linux-vm-arm\/grant-reader#state=[A-Za-z0-9_-]+$/);
    expect(link.length).toBeLessThan(8000);

    // The recipient: no saved progress at all, so step 2 would be locked for them.
    await page.evaluate(() => localStorage.clear());
    await page.goto('about:blank');
    await page.goto(link);
    await page.getByText('Restored from a share link').waitFor({ timeout: 30_000 });
    expect(await heading(page)).toMatch(/^2\. Let the identity read the resource group/);
    // The sender's role assignment came with the world, so the step is judged complete at once.
    await page.getByRole('heading', { name: 'Step complete' }).waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.evaluate(() => localStorage.getItem('mi-sandbox.progress'))).toBeNull();
    await page.screenshot({ path: `${SHOTS}/share-restored.png` });
  });

  it.each([
    ['#state=eJzLSM3JyVcozy_KSQEAGgsEXQ', 'This share link cannot be opened: its content is not JSON. Nothing was changed.'],
    ['#state=%3Cimg%20src%3Dx%20onerror%3D%22window.pwned%3D1%22%3E', 'This share link cannot be opened: it is not base64url text'],
  ])('a garbled or hostile link %# gives a clear error and changes nothing', async (hash, message) => {
    const { page } = await open(`/lessons/linux-vm-arm/enable-identity${hash}`);
    const alert = page.getByRole('alert').filter({ hasText: 'share link' });
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.innerText()).toContain(message);
    expect(await heading(page)).toMatch(/^1\. /);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  });
});
