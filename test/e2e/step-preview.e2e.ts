// A lesson step opened on a phone shows the step's title and text while the lesson's code and its
// simulated cloud are still loading (issue 17: on a phone they took seconds, and Lighthouse's LCP
// with them), and the lesson then opens in the same place, the text where it was.
import { describe, expect, it } from 'vitest';
import { expectA11yClean, sessionPerTest, SHOTS } from './harness';

const open = sessionPerTest();

describe('a lesson step while its lesson loads', () => {
  it('on a phone: the step first, then the lesson in its place', async () => {
    const { page, baseUrl } = await open('/', { viewport: { width: 390, height: 844 }, mobile: true });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The lesson page's code waits until the test has looked at the preview.
    await page.route(/\/assets\/LessonHost-[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${baseUrl}/lessons/linux-vm-arm/get-a-token`);
    await expect.poll(() => page.locator('#step-preview-title').innerText(), { timeout: 20_000 }).toBe('4. Get an access token from IMDS');
    // The page's own title and step buttons are not there yet: nothing mistakes the preview for them.
    await expect(page.locator('#step-title, .toc-step').count()).resolves.toBe(0);
    await page.locator('.step-text').getByText('Now ask IMDS for a token').first().waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'Opening the lesson' }).count()).resolves.toBe(1);
    // Ids no world has minted yet are shown by name, never as raw placeholders.
    expect(await page.locator('.step-text').innerText()).not.toMatch(/\{\{/);
    await expectA11yClean(page, 'step preview on a phone');
    await page.screenshot({ path: `${SHOTS}/step-preview-390.png` });
    const before = (await page.locator('.step-text').boundingBox())!;

    release();
    await page.locator('.checks').waitFor({ timeout: 30_000 });
    await expect(page.locator('#step-title').innerText()).resolves.toBe('4. Get an access token from IMDS');
    await expect(page.locator('#step-preview-title').count()).resolves.toBe(0);
    await expect(page.getByRole('region', { name: 'Workspace' }).count()).resolves.toBe(1);
    const after = (await page.locator('.step-text').boundingBox())!;
    expect(Math.abs(after.y - before.y), `step text moved from y=${before.y} to y=${after.y}`).toBeLessThanOrEqual(2);
  });
});
