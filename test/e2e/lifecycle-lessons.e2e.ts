// The lifecycle, production and completed-series lessons taken as a learner would: on a laptop
// (1440 × 900) by clicking the portal and typing each step's commands into the VM's terminal, and on
// a phone (390 px) with the one-tap "Run this" buttons and the help ladder. Each step must be judged
// complete by the page itself. A screenshot of every step at both sizes goes to SHOTS.
// Then: each new lesson's cheat sheet, embed preview and presenter mode work without code of their own.
// (The lessons are shared out over lifecycle-lessons*.e2e.ts: lifecycle-plans.ts.)
import { describe, expect, it } from 'vitest';
import { expectA11yClean, sessionPerTest, SHOTS } from './harness';
import { lessonRuns, PLANS } from './lifecycle-plans';

const open = sessionPerTest();
lessonRuns(open, PLANS.slice(0, 3));

describe('the start page lists every new lesson', () => {
  it('start page: the groups, each lesson with its progress and the lessons to take first, all above the fold on a laptop', async () => {
    const { page } = await open('/', { viewport: { width: 1440, height: 900 } });
    const list = page.locator('.lessons');
    await list.getByRole('heading', { name: 'In production' }).waitFor({ timeout: 20_000 });
    expect(await list.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual(['START HERE', 'REACH A SERVICE', 'LIFECYCLE', 'IN PRODUCTION']);
    const rows = list.locator('li');
    const count = await rows.count();
    expect(count).toBeGreaterThanOrEqual(12);
    // Every row and the sandbox link fit in the window: nothing to scroll to on a laptop.
    for (let i = 0; i < count; i++) {
      const box = (await rows.nth(i).boundingBox())!;
      expect(box.y + box.height, `row ${i + 1}`).toBeLessThanOrEqual(900);
    }
    expect(((await page.getByRole('link', { name: 'Open the free sandbox' }).boundingBox())!).y).toBeLessThan(900);
    const exportButton = (await page.getByRole('button', { name: 'Export progress' }).boundingBox())!;
    expect(exportButton.y + exportButton.height, 'the progress buttons').toBeLessThanOrEqual(900);
    // (innerText includes the words only screen readers get: ", bash", "(not done yet)".)
    await expect.poll(() => list.innerText()).toMatch(/Turn it off and clean up[^]*20 min · 0\/7 steps done · after\s*Linux VM → ARM[^]*not done yet[^]*Linux VM → ARM, user-assigned/);
    await expectA11yClean(page, 'start page');
    await page.screenshot({ path: `${SHOTS}/start-page-1440.png` });

    // A lesson taken first shows as done where another lists it.
    await page.evaluate(() => {
      const steps = Object.fromEntries(['enable-identity', 'grant-reader', 'connect', 'get-a-token', 'call-arm', 'what-goes-wrong'].map((s) => [s, { status: 'done', help: 'none', completedWith: 'none' }]));
      const updatedAt = new Date().toISOString();
      localStorage.setItem('mi-sandbox.progress', JSON.stringify({ version: 1, last: null, lessons: { 'linux-vm-arm': { current: 'what-goes-wrong', updatedAt, steps } } }));
    });
    await page.reload();
    await expect.poll(() => list.innerText(), { timeout: 20_000 }).toMatch(/^Linux VM → ARM[^]*?15 min · 6\/6 steps done ✓/m);
    await expect.poll(() => list.innerText()).toMatch(/Retries with backoff \(bash\)[^]*after\s*Linux VM → ARM ✓\s*\(done\)/);
  });

  it('start page on a phone: one column, summaries shown, touch-sized links', async () => {
    const { page } = await open('/', { viewport: { width: 390, height: 844 }, mobile: true });
    const list = page.locator('.lessons');
    await list.getByRole('heading', { name: 'Lifecycle' }).waitFor({ timeout: 20_000 });
    expect(await list.locator('.summary').first().isVisible()).toBe(true);
    const after = list.locator('a.after').first();
    expect(((await after.boundingBox())!).height).toBeGreaterThanOrEqual(24);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await list.getByRole('heading', { name: 'Lifecycle' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${SHOTS}/start-page-390.png` });
    await expectA11yClean(page, 'start page on a phone');
  });
});
