/**
 * How a person drives the page, for the e2e helpers: by pointer (Playwright's clicks), or by keyboard
 * only (issue 17: "a keyboard-only run of every lesson, no pointer events, focus never on <body> after
 * an action"). The portal and lesson helpers act through `input(page)`, so one walkthrough serves both:
 * `keyboardOnly(page)` switches a page to keys and makes any pointer event fail the run.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** What has focus, said the way a test failure should read. */
export const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '<body>';
    return `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 60)}"`;
  });

/** A keyboard user's action: focus comes by keyboard (Tab order is the page's), the key does the rest; focus must land somewhere. */
export async function press(page: Page, target: Locator, key = 'Enter') {
  // A click waits for its target to be there and enabled; a key press on a control that is not yet
  // enabled does nothing, so wait as a person would before pressing.
  await target.waitFor({ state: 'visible' });
  await expect.poll(() => target.isEnabled(), { message: 'the control to press is enabled' }).toBe(true);
  const what = (await target.evaluate((e) => e.textContent?.trim().slice(0, 40))) ?? '';
  await target.focus();
  await page.keyboard.press(key);
  // Let the page redraw before looking where focus went. The focus keeper acts the frame after the
  // focused control goes away, and that may come later than two frames: "Review + assign" closes the
  // wizard when the simulated cloud answers its PUT (a moment on an idle machine, longer under load,
  // when two frames' look found <body> between the wizard going and the keeper's frame). So wait for
  // focus to land; focus left on <body> still fails.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await expect.poll(() => focused(page), { message: `focus after ${key} on ${what}` }).not.toBe('<body>');
}

/** Records any pointer event that reaches the page; `expectNoPointer` fails the test if one did. */
export async function forbidPointer(page: Page) {
  await page.evaluate(() => {
    for (const type of ['pointerdown', 'mousedown', 'click']) {
      addEventListener(type, (e) => {
        if ((e as MouseEvent).detail > 0 || (e instanceof PointerEvent && e.pointerType)) (window as unknown as { pointerUsed: boolean }).pointerUsed = true;
      }, true);
    }
  });
}
export const pointerUsed = (page: Page) => page.evaluate(() => (window as unknown as { pointerUsed?: boolean }).pointerUsed ?? false);
export async function expectNoPointer(page: Page) {
  expect(await pointerUsed(page), 'a pointer event reached the page').toBe(false);
}

const keyboardPages = new WeakSet<Page>();

/** From now on the helpers drive `page` by keys only, and a pointer event on it is a failure. */
export async function keyboardOnly(page: Page) {
  keyboardPages.add(page);
  await forbidPointer(page);
}

export const isKeyboardOnly = (page: Page) => keyboardPages.has(page);

/** The page's controls operated the way this page's person does: clicks, or focus and keys. */
export function input(page: Page) {
  const keys = keyboardPages.has(page);
  return {
    click: (target: Locator) => (keys ? press(page, target) : target.click()),
    /** Ticks a checkbox or picks a radio (Space, as a keyboard user does). */
    check: async (target: Locator) => {
      if (!keys) return target.check();
      if (!(await target.isChecked())) await press(page, target, 'Space');
      await expect.poll(() => target.isChecked()).toBe(true);
    },
    /** Replaces a text box's text by typing. */
    fill: async (target: Locator, text: string) => {
      if (!keys) return target.fill(text);
      await target.focus();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(text);
    },
    /** A native select: focused, then the option chosen (as the arrow keys would). */
    select: async (target: Locator, label: string) => {
      if (keys) await target.focus();
      await target.selectOption({ label });
    },
  };
}
