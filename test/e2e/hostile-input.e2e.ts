// Hostile or broken input leaves the learner in charge: a corrupted saved progress value too big to
// copy aside, a share link nested 100,000 levels deep, and a host page flooding the embed.
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectA11yClean, sessionPerTest, SHOTS } from './harness';

const open = sessionPerTest();
const PROGRESS_KEY = 'mi-sandbox.progress';

/** Fills storage with a corrupted progress value of `length` characters (about 2.7 M: over half of Chromium's quota). */
async function corruptProgress(page: Page, length: number) {
  await page.evaluate(
    ([key, n]) => {
      localStorage.clear();
      localStorage.setItem(key as string, '{"version":1,"lessons":' + 'x'.repeat((n as number) - 23));
    },
    [PROGRESS_KEY, length],
  );
}

describe('corrupted saved progress too big to set aside', () => {
  it.each([
    [390, 844, true],
    [1440, 900, false],
  ])('at %i px: offered as a download, removed once taken, and progress is saved again', async (width, height, mobile) => {
    const { page } = await open('/', { viewport: { width, height }, mobile });
    await corruptProgress(page, 2_700_000);
    await page.reload();
    const offer = page.getByRole('button', { name: 'Download the unreadable progress' });
    await offer.waitFor({ timeout: 20_000 });
    await expect(page.getByRole('alert').filter({ hasText: 'too big to set aside in this browser (2,700,000 characters)' }).count()).resolves.toBe(1);
    await expectA11yClean(page, `unreadable progress offer at ${width} px`);
    await offer.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/unreadable-progress-${width}.png` });

    const [download] = await Promise.all([page.waitForEvent('download'), offer.click()]);
    expect(download.suggestedFilename()).toBe('mi-sandbox-progress-unreadable.txt');
    await page.getByText('The unreadable progress was downloaded and removed from this browser.').waitFor();
    expect(await page.evaluate((key) => localStorage.getItem(key), PROGRESS_KEY)).toBeNull();

    // Progress works again: a lesson page saves, and a reload has nothing to complain about.
    await page.goto(`${new URL(page.url()).origin}/lessons/linux-vm-arm`);
    await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), PROGRESS_KEY), { timeout: 20_000 }).toMatch(/"linux-vm-arm"/);
    await expect(page.getByText(/Progress cannot be saved/).count()).resolves.toBe(0);
  });
});

describe('a share link built to overflow the stack', () => {
  it('is refused with the usual message instead of "Opening the shared step…" for ever', async () => {
    const depth = 100_000;
    const json = `{"version":1,"lesson":"linux-vm-arm","step":"get-a-token","editor":"","diff":[{"p":["x"],"v":${'['.repeat(depth)}1${']'.repeat(depth)}}]}`;
    const hash = '#state=' + deflateSync(json).toString('base64url');
    const { page } = await open(`/lessons/linux-vm-arm/get-a-token${hash}`);
    await page.getByRole('alert').filter({ hasText: /This share link cannot be opened: it nests deeper than 64 levels\. Nothing was changed\./ }).waitFor({ timeout: 30_000 });
    await expect(page.getByText('Opening the shared step…').count()).resolves.toBe(0);
  });
});

describe('a host page flooding the embed', () => {
  it('10,000 resets and step changes and 1,000 theme changes end where the last ones say, and the frame still answers', async () => {
    const { page } = await open('/embed-demo.html');
    const frame = page.frameLocator('iframe.embed').nth(1);
    await frame.getByRole('button', { name: 'Start this step' }).waitFor({ timeout: 20_000 });
    await page.evaluate(() => {
      const target = document.querySelectorAll('iframe.embed')[1] as HTMLIFrameElement;
      const post = (m: unknown) => target.contentWindow!.postMessage(m, location.origin);
      const themes = ['dark', 'light', 'high-contrast'];
      for (let i = 0; i < 10_000; i++) post(i % 2 ? { type: 'mi:reset' } : { type: 'mi:goto-step', step: i % 4 ? 'get-a-token' : 'connect' });
      for (let i = 0; i < 1_000; i++) post({ type: 'mi:set-theme', theme: themes[i % 3] });
      post({ type: 'mi:goto-step', step: 'connect' });
    });
    const themeOf = () => page.frames().find((f) => f.url().includes('step=get-a-token'))!.evaluate(() => document.documentElement.dataset.theme);
    await expect.poll(themeOf, { timeout: 30_000 }).toBe('dark'); // the last of the 1,000 (999 % 3 = 0)
    await expect.poll(() => frame.getByRole('heading', { level: 1 }).innerText(), { timeout: 30_000 }).toBe('3. Connect to the VM and look around');
    // Still responsive: the reader can start the step it ended on. Waits for the started step's own
    // title and terminal: a text match such as /Starting…|myLinuxVM/ raced the page (once the step is
    // up, its first match is the hidden "About this lesson" text, so waiting for it to show never ends).
    await frame.getByRole('button', { name: 'Start this step' }).click();
    await frame.locator('#step-title').filter({ hasText: 'Connect to the VM and look around' }).waitFor({ timeout: 30_000 });
    await frame.getByRole('textbox', { name: /terminal/ }).waitFor({ timeout: 30_000 });
  });
});
