// A lesson step opened on a phone shows the step's title and text while the lesson's code and its
// simulated cloud are still loading (issue 17: on a phone they took seconds, and Lighthouse's LCP
// with them), and the lesson then opens in the same place, the text where it was.
import { describe, expect, it } from 'vitest';
import { expectA11yClean, sessionPerTest, SHOTS } from './harness';

const open = sessionPerTest();

/** Saved progress as the app writes it: the first `done` steps of Linux VM → ARM done. */
const progressWithDone = (done: number) => {
  const slugs = ['enable-identity', 'grant-reader', 'connect', 'get-a-token', 'call-arm', 'what-goes-wrong'];
  const steps = Object.fromEntries(slugs.slice(0, done).map((s) => [s, { status: 'done', help: 'none', completedWith: 'none' }]));
  return JSON.stringify({ version: 1, last: null, lessons: { 'linux-vm-arm': { current: slugs[done], updatedAt: new Date().toISOString(), steps } } });
};

describe('a lesson step while its lesson loads', () => {
  it.each([
    { device: 'a phone', step: 'get-a-token', title: '4. Get an access token from IMDS', text: 'Now ask IMDS for a token', done: 0, viewport: { width: 390, height: 844 }, mobile: true },
    // Step 1 opens "About this lesson" (the preview must too), and with three steps done the page's
    // pills read ✓ where the preview's read ○: they must wrap alike.
    { device: 'a laptop', step: 'enable-identity', title: "1. Turn on the VM's system-assigned identity", text: 'is created for one resource', done: 3, viewport: { width: 1440, height: 900 }, mobile: false },
  ])('on $device: the step first, then the lesson in its place', async ({ device, step, title, text, done, viewport, mobile }) => {
    const { page, baseUrl } = await open('/', { viewport, mobile });
    if (done) await page.evaluate((value) => localStorage.setItem('mi-sandbox.progress', value), progressWithDone(done));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The lesson page's code waits until the test has looked at the preview.
    await page.route(/\/assets\/LessonHost-[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${baseUrl}/lessons/linux-vm-arm/${step}`);
    await expect.poll(() => page.locator('#step-preview-title').innerText(), { timeout: 20_000 }).toBe(title);
    // The page's own title and step buttons are not there yet: nothing mistakes the preview for them.
    await expect(page.locator('#step-title, .toc-step').count()).resolves.toBe(0);
    await page.locator('.step-text').getByText(text).first().waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'Opening the lesson' }).count()).resolves.toBe(1);
    // Ids no world has minted yet are shown by name, never as raw placeholders.
    expect(await page.locator('.step-text').innerText()).not.toMatch(/\{\{/);
    expect(await page.locator('details.about').evaluate((d) => (d as HTMLDetailsElement).open), 'About this lesson open on step 1 only').toBe(step === 'enable-identity');
    await expectA11yClean(page, `step preview on ${device}`);
    await page.screenshot({ path: `${SHOTS}/step-preview-${viewport.width}.png` });
    const before = (await page.locator('.step-text').boundingBox())!;
    // Every title the page shows from here on: it must open at the addressed step, never pass through
    // another (with saved progress at step 4 it opened there, then went to step 1).
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { titles: string[] }).titles = []);
      new MutationObserver(() => {
        const shown = document.getElementById('step-title')?.textContent;
        if (shown && seen.at(-1) !== shown) seen.push(shown);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });

    release();
    await page.locator('.checks').waitFor({ timeout: 30_000 });
    await expect(page.locator('#step-title').innerText()).resolves.toBe(title);
    // A moment for a step change that would follow (the old goto came once the first step's world was built).
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { titles: string[] }).titles)).toEqual([title]);
    await expect(page.locator('#step-preview-title').count()).resolves.toBe(0);
    await expect(page.getByRole('region', { name: 'Workspace' }).count()).resolves.toBe(1);
    if (done) expect(await page.locator('.toc-step').first().innerText()).toMatch(/^✓/);
    const after = (await page.locator('.step-text').boundingBox())!;
    expect(Math.abs(after.y - before.y), `step text moved from y=${before.y} to y=${after.y}`).toBeLessThanOrEqual(2);
  });
});
