/**
 * Giving "See inside" more or less room on a lesson step at 1280×720 (a projector's size): the
 * splitter by keyboard and by pointer (mouse and touch), Maximize/Restore, the size kept across a
 * reload and apart from the sandbox's, the terminal re-fitting (its rows change) as the inspector's
 * height follows, axe clean; on a phone the stacked layout is left alone and Maximize fills the screen.
 * Screenshots: .e2e-artifacts/inspector-size-*.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectA11yClean, sessionPerTest, SHOTS } from './harness';

const open = sessionPerTest();
const STEP = '/lessons/linux-vm-arm/get-a-token';

const inspector = (page: Page) => page.getByRole('region', { name: 'See inside' });
const splitter = (page: Page) => page.getByRole('separator', { name: 'Resize See inside' });
const sizeButton = (page: Page, name: 'Maximize' | 'Restore') => inspector(page).getByRole('button', { name, exact: true });
const terminalRows = (page: Page) => page.locator('.xterm-rows > div').count();
const inspectorHeight = async (page: Page) => Math.round((await inspector(page).boundingBox())!.height);
const valueNow = async (page: Page) => Number(await splitter(page).getAttribute('aria-valuenow'));

async function openStep(page: Page) {
  // A phone draws the workspace once it is scrolled to (it is below the step's text).
  await page.locator('.lesson-work').scrollIntoViewIfNeeded();
  await page.getByRole('textbox', { name: /^myLinuxVM terminal/ }).waitFor({ timeout: 20_000 });
}

async function openInspector(page: Page) {
  await inspector(page).getByRole('button', { name: 'See inside' }).click();
  await splitter(page).waitFor();
}

/** Waits until the terminal's rows and the inspector's height have settled (fit runs on the next frame). */
async function settled(page: Page): Promise<{ rows: number; height: number; value: number }> {
  let last = '';
  let same = 0;
  for (let i = 0; i < 50 && same < 3; i++) {
    await page.waitForTimeout(60);
    const now = JSON.stringify([await terminalRows(page), await inspectorHeight(page), await valueNow(page)]);
    same = now === last ? same + 1 : 0;
    last = now;
  }
  const [rows, height, value] = JSON.parse(last) as [number, number, number];
  return { rows, height, value };
}

async function dragSplitterBy(page: Page, dy: number) {
  const box = (await splitter(page).boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(x, y + (dy * i) / 10);
  await page.mouse.up();
}

/** A finger on a touch screen, through Chromium's own touch input (pointerType "touch"). */
async function touchDragSplitterBy(page: Page, dy: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
  const box = (await splitter(page).boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  for (let i = 1; i <= 10; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y + (dy * i) / 10 }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: false });
  await cdp.detach();
}

describe('resizing See inside', () => {
  it('at 1280×720: keyboard, mouse and touch resize it, the terminal follows, Maximize/Restore, and the size is kept', { timeout: 120_000 }, async () => {
    // No service worker: its "saved for offline use" notice would move the layout in the middle of a measurement.
    const { page } = await open(STEP, { viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' });
    await openStep(page);
    await page.screenshot({ path: `${SHOTS}/inspector-size-closed.png` });
    await openInspector(page);

    // A real window splitter: focusable, with its value, and controlling the inspector.
    const sep = splitter(page);
    expect(await sep.getAttribute('aria-orientation')).toBe('horizontal');
    expect(await sep.getAttribute('tabindex')).toBe('0');
    expect(await sep.getAttribute('aria-controls')).toBe('inspector');
    expect(await page.locator('#inspector').getAttribute('aria-labelledby')).toBe('inspector-title');
    const start = await settled(page);
    expect(start.value).toBe(40);
    const [min, max] = [Number(await sep.getAttribute('aria-valuemin')), Number(await sep.getAttribute('aria-valuemax'))];
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(100);
    expect(min).toBeLessThan(start.value);
    expect(max).toBeGreaterThan(start.value);
    // Both the workspace and the inspector fit in the window.
    expect((await inspector(page).boundingBox())!.y + start.height).toBeLessThanOrEqual(720);
    await page.screenshot({ path: `${SHOTS}/inspector-size-open.png` });
    await expectA11yClean(page, 'inspector open with its splitter');

    // Keyboard: Home gives the inspector its least room and the terminal more rows.
    await sep.focus();
    await page.keyboard.press('Home');
    const smallest = await settled(page);
    expect(smallest.value).toBe(min);
    expect(smallest.height).toBeLessThan(start.height);
    expect(smallest.rows).toBeGreaterThan(start.rows);
    // Arrow Up by steps: the inspector grows, the terminal loses rows.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    const stepped = await settled(page);
    expect(stepped.value).toBe(min + 10);
    expect(stepped.height).toBeGreaterThan(smallest.height);
    expect(stepped.rows).toBeLessThan(smallest.rows);
    await page.keyboard.press('ArrowDown');
    expect((await settled(page)).value).toBe(min + 5);
    await page.keyboard.press('End');
    const largest = await settled(page);
    expect(largest.value).toBe(max);
    await expect.poll(() => sizeButton(page, 'Restore').isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/inspector-size-largest.png` });
    // Enter goes back to the last size, and again to the largest.
    await page.keyboard.press('Enter');
    expect((await settled(page)).value).toBe(min + 5);
    await page.keyboard.press('Enter');
    expect((await settled(page)).value).toBe(max);
    await page.keyboard.press('Enter');
    expect((await settled(page)).value).toBe(min + 5);

    // Mouse: dragging the splitter up 120px grows the inspector by as much; the terminal shrinks.
    await page.keyboard.press('Home');
    const before = await settled(page);
    await dragSplitterBy(page, -120);
    const dragged = await settled(page);
    expect(Math.abs(dragged.height - before.height - 120)).toBeLessThanOrEqual(3);
    expect(dragged.rows).toBeLessThan(before.rows);
    expect(dragged.value).toBeGreaterThan(before.value);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('separator');
    // Dragged far past the workspace's minimum, it stops there: the workspace never vanishes.
    await dragSplitterBy(page, -2000);
    expect((await settled(page)).value).toBe(max);
    expect((await page.locator('#panel-vm').boundingBox())!.height).toBeGreaterThanOrEqual(150);
    // Dragged far down, the inspector keeps its bar and some of its panel.
    await dragSplitterBy(page, 2000);
    const floor = await settled(page);
    expect(floor.value).toBe(min);
    expect(floor.height).toBeGreaterThan(100);
    // A finger drags it the same way.
    await touchDragSplitterBy(page, -100);
    const touched = await settled(page);
    expect(Math.abs(touched.height - floor.height - 100)).toBeLessThanOrEqual(3);
    expect(touched.rows).toBeLessThan(floor.rows);

    // Maximize / Restore on the inspector's header.
    await sizeButton(page, 'Maximize').click();
    const maximized = await settled(page);
    expect(maximized.value).toBe(max);
    expect(maximized.height).toBeGreaterThan(touched.height);
    await page.screenshot({ path: `${SHOTS}/inspector-size-maximized.png` });
    await expectA11yClean(page, 'inspector maximized');
    await sizeButton(page, 'Restore').click();
    const restored = await settled(page);
    expect(restored.value).toBe(touched.value);
    expect(Math.abs(restored.height - touched.height)).toBeLessThanOrEqual(1);
    expect(restored.rows).toBe(touched.rows);

    // A reload keeps the size, saved under its versioned key.
    const saved = await page.evaluate(() => localStorage.getItem('mi-sandbox.inspector-size.v1.lesson'));
    expect(JSON.parse(saved!)).toMatchObject({ maximized: false });
    await page.reload();
    await openStep(page);
    await openInspector(page);
    const reloaded = await settled(page);
    expect(reloaded.value).toBe(restored.value);
    expect(Math.abs(reloaded.height - restored.height)).toBeLessThanOrEqual(1);
    expect(reloaded.rows).toBe(restored.rows);
    await page.screenshot({ path: `${SHOTS}/inspector-size-reloaded.png` });

    // Double-click puts back the usual size.
    await splitter(page).dblclick();
    expect((await settled(page)).value).toBe(40);
    await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('mi-sandbox.inspector-size.v1.lesson')!).share)).toBe(0.4);

    // The sandbox keeps a size of its own.
    await page.evaluate(() => localStorage.setItem('mi-sandbox.inspector-size.v1.lesson', JSON.stringify({ share: 0.2, maximized: true })));
    await page.goto(new URL('/sandbox', page.url()).href);
    await page.locator('.portal').getByRole('heading', { name: 'Home', level: 2 }).waitFor({ timeout: 20_000 });
    await openInspector(page);
    expect((await settled(page)).value).toBe(40);
    await expect.poll(() => sizeButton(page, 'Maximize').isVisible()).toBe(true);
    // Keyboard reach: the splitter is the stop before the inspector's own controls.
    await inspector(page).getByRole('button', { name: 'See inside' }).focus();
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('separator');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => valueNow(page)).toBe(45);
    await page.screenshot({ path: `${SHOTS}/inspector-size-sandbox.png` });
    await expectA11yClean(page, 'sandbox with the inspector open');
  });

  it('a saved size that is not a size gives the usual one', async () => {
    const { page } = await open('/', { viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' });
    await page.evaluate(() => localStorage.setItem('mi-sandbox.inspector-size.v1.lesson', '{"share":"huge"}'));
    await page.goto(new URL(STEP, page.url()).href);
    await openStep(page);
    await openInspector(page);
    expect((await settled(page)).value).toBe(40);
  });

  it('on a phone the stacked layout stays as it was: no splitter, and Maximize fills the screen', async () => {
    const { page } = await open(STEP, { viewport: { width: 390, height: 844 }, mobile: true, serviceWorkers: 'block' });
    await openStep(page);
    const terminalBefore = (await page.getByRole('group', { name: 'myLinuxVM terminal (bash)' }).boundingBox())!;
    await inspector(page).getByRole('button', { name: 'See inside' }).click();
    await sizeButton(page, 'Maximize').waitFor();
    // The splitter is there but hidden (stacked, there is no height to share): not visible, not in the accessibility tree.
    expect(await page.locator('[role="separator"]').count()).toBe(1);
    expect(await splitter(page).count()).toBe(0);
    // Stacked: the inspector under the workspace, as tall as its panel; the terminal unchanged.
    const terminalAfter = (await page.getByRole('group', { name: 'myLinuxVM terminal (bash)' }).boundingBox())!;
    expect(terminalAfter.height).toBe(terminalBefore.height);
    // As tall as its panel once the panel (loaded on demand) has drawn: nothing scrolls inside it.
    await expect.poll(async () => (await inspector(page).boundingBox())!.height, { timeout: 20_000 }).toBeGreaterThan(300);
    await expect.poll(() => inspector(page).locator('.body').evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
    const box = (await inspector(page).boundingBox())!;
    expect(box.y).toBeGreaterThan(terminalAfter.y + terminalAfter.height - 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/inspector-size-phone.png` });

    await sizeButton(page, 'Maximize').tap();
    await sizeButton(page, 'Restore').waitFor();
    await expect.poll(async () => Math.round((await inspector(page).boundingBox())!.y)).toBeLessThanOrEqual(8);
    const full = (await inspector(page).boundingBox())!;
    expect(Math.abs(full.height - (844 - 16))).toBeLessThanOrEqual(2);
    await page.screenshot({ path: `${SHOTS}/inspector-size-phone-maximized.png` });
    await expectA11yClean(page, 'phone, inspector maximized');
    await sizeButton(page, 'Restore').tap();
    await sizeButton(page, 'Maximize').waitFor();
    // Back in the stacked flow, as tall as its panel again (not its earlier pixel height: the
    // timeline may have grown meanwhile).
    await expect.poll(async () => (await inspector(page).boundingBox())!.height).toBeGreaterThan(300);
    await expect.poll(() => inspector(page).locator('.body').evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
  });
});
