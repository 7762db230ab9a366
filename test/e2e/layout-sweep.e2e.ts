/**
 * Every screen at 390 (a touch phone), 768, 1280 and 1440 px, in light, dark and high contrast,
 * through the generic layout checks (layout-checks.ts), with classic visible scrollbars as on
 * Windows. Kept cheap on a 2-core machine: one browser for the whole sweep, one context per width,
 * each screen loaded once per width and re-themed in place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_FLAGS, chromiumPath, SHOTS } from './harness';
import { applyTheme, layoutProblems, type ThemeName } from './layout-checks';

const WIDTHS = [
  { width: 390, height: 844, mobile: true },
  { width: 768, height: 1024, mobile: false },
  { width: 1280, height: 800, mobile: false },
  { width: 1440, height: 900, mobile: false },
] as const;
const THEMES: ThemeName[] = ['light', 'dark', 'high-contrast'];

interface Screen {
  name: string;
  path: string;
  /** Waits until the screen has drawn what it shows, and brings up any part to check (a wizard). */
  ready(page: Page): Promise<void>;
  /** A check of what a person does there, once per width (after the theme sweep). */
  act?(page: Page): Promise<string[]>;
}

/** "Run this" on the step's first command: the newest line of output must be on screen, wherever the terminal is. */
async function runShowsOutput(page: Page): Promise<string[]> {
  await page.getByRole('button', { name: /^Run this/ }).first().click();
  const rows = page.locator('.xterm-rows').first();
  // The end of the token's JSON (its start may have scrolled past); rows wrap, so they are joined.
  await expect.poll(async () => (await rows.innerText()).replace(/\n/g, '').includes('"token_type":"Bearer"}'), { timeout: 30_000 }).toBe(true);
  // Scrolling into view is animated by nothing, but the scroll lands in the next frames.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll('.xterm-rows > div')].filter((d) => d.textContent!.trim());
    const newest = lines.at(-1);
    if (!newest) return ['no output in the terminal'];
    const r = newest.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight ? [] : [`after Run this, the newest output line is at ${Math.round(r.top)}–${Math.round(r.bottom)}px, outside the ${innerHeight}px window`];
  });
}

const SCREENS: Screen[] = [
  { name: 'start page', path: '/', ready: (p) => p.getByRole('link', { name: /Call Azure Resource Manager from a Linux VM/ }).first().waitFor({ timeout: 20_000 }) },
  { name: 'sandbox', path: '/sandbox', ready: (p) => p.locator('.portal').getByRole('heading', { name: 'Home' }).waitFor({ timeout: 30_000 }) },
  {
    name: 'lesson step with a terminal',
    path: '/lessons/linux-vm-arm/get-a-token',
    ready: async (p) => {
      // On a phone the workspace draws once it is scrolled to (below the step's text).
      await p.locator('.lesson-work').scrollIntoViewIfNeeded();
      await p.locator('.xterm-rows').waitFor({ timeout: 30_000 });
    },
    act: runShowsOutput,
  },
  {
    name: 'lesson step: the role picker',
    path: '/lessons/linux-vm-arm/grant-reader',
    ready: async (p) => {
      await p.locator('.lesson-work').scrollIntoViewIfNeeded();
      const portal = p.locator('.portal');
      await portal.getByRole('navigation', { name: 'Portal' }).getByRole('button', { name: 'Resource groups' }).click({ timeout: 30_000 });
      await portal.locator('.blade-host').getByRole('button', { name: 'myResourceGroup', exact: true }).click();
      await portal.getByRole('navigation', { name: 'myResourceGroup menu' }).getByRole('button', { name: 'Access control (IAM)' }).click();
      await portal.locator('.blade-host').getByRole('button', { name: '+ Add', exact: true }).click();
      await portal.getByRole('menuitem', { name: 'Add role assignment' }).click();
      await portal.getByRole('cell', { name: 'Reader', exact: true }).first().waitFor();
    },
  },
  {
    name: 'sandbox with Cloud Shell open',
    path: '/sandbox',
    ready: async (p) => {
      await p.locator('.portal').getByRole('button', { name: 'Cloud Shell' }).click({ timeout: 30_000 });
      await p.getByRole('textbox', { name: /^Cloud Shell terminal/ }).waitFor({ timeout: 30_000 });
      await p.getByRole('textbox', { name: /^Cloud Shell terminal/ }).scrollIntoViewIfNeeded();
    },
    // The terminal's rows are fitted to its box: a box sized by its rows grew them both without end.
    act: async (p) => {
      await p.evaluate(() => new Promise((r) => setTimeout(r, 500)));
      const height = await p.locator('.xterm').first().evaluate((t) => t.getBoundingClientRect().height);
      const window = p.viewportSize()!.height;
      return height > 0 && height <= window ? [] : [`the Cloud Shell terminal is ${Math.round(height)}px tall in a ${window}px window`];
    },
  },
  { name: 'embedding guide', path: '/docs/embedding', ready: (p) => p.getByRole('heading', { level: 2, name: 'Parameters' }).waitFor({ timeout: 20_000 }) },
  { name: 'cheat sheet', path: '/lessons/linux-vm-arm/cheat-sheet', ready: (p) => p.getByRole('heading', { level: 1, name: /^Cheat sheet/ }).waitFor({ timeout: 20_000 }) },
  { name: 'page not found', path: '/no-such-page', ready: (p) => p.getByRole('heading', { level: 1, name: 'Nothing here' }).waitFor() },
];

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: CHROMIUM_FLAGS.filter((f) => f !== '--headless'),
    // Classic scrollbars take room, as on Windows; Playwright hides them by default.
    ignoreDefaultArgs: ['--hide-scrollbars'],
  });
});
afterAll(async () => {
  await browser?.close();
});

/** A context with the harness's two guards: no request off the app's origin, no console error. */
async function guardedContext(viewport: (typeof WIDTHS)[number], baseUrl: string): Promise<{ context: BrowserContext; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, isMobile: viewport.mobile, hasTouch: viewport.mobile });
  const errors: string[] = [];
  const origin = new URL(baseUrl).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin) return route.continue();
    errors.push(`request left the app's origin: ${url}`);
    return route.abort('blockedbyclient');
  });
  context.on('weberror', (e) => errors.push(`page error: ${e.error().message}`));
  context.on('page', (page) => page.on('console', (m) => m.type() === 'error' && errors.push(`console.error: ${m.text()}`)));
  return { context, errors };
}

describe('the layout checks themselves', () => {
  it('find a word broken inside, small text, a small control and a scrolling document', async () => {
    const page = await browser.newPage({ viewport: { width: 400, height: 300 } });
    try {
      await page.setContent(
        '<div style="width:40px;overflow-wrap:anywhere">Administrator</div>' +
          '<p style="font-size:10px">tiny</p><button style="height:12px;padding:0">x</button>' +
          '<code style="display:block;width:40px;overflow-wrap:anywhere">0123456789abcdef</code><div style="height:900px"></div>',
      );
      const problems = await layoutProblems(page);
      expect(problems).toEqual([
        'the document scrolls: 1104px tall in a 300px window'.replace('1104', String(problems[0]?.match(/(\d+)px tall/)?.[1])),
        expect.stringMatching(/^<button> "x" is \d+×12px/),
        expect.stringMatching(/^<p> "tiny" has 10px text/),
        'word broken inside: "Administrator" in <div> "Administrator"',
      ]);
    } finally {
      await page.close();
    }
  });
});

describe('every screen holds its layout at every width and theme', () => {
  for (const viewport of WIDTHS) {
    it(`${viewport.width}px${viewport.mobile ? ' (touch)' : ''}`, { timeout: 240_000 }, async () => {
      const baseUrl = inject('baseUrl');
      const { context, errors } = await guardedContext(viewport, baseUrl);
      const problems: string[] = [];
      try {
        const page = await context.newPage();
        for (const screen of SCREENS) {
          await page.goto(baseUrl + screen.path);
          await screen.ready(page);
          for (const theme of THEMES) {
            await applyTheme(page, theme);
            for (const p of await layoutProblems(page)) problems.push(`${screen.name}, ${theme}: ${p}`);
          }
          await applyTheme(page, 'light');
          if (screen.act) for (const p of await screen.act(page)) problems.push(`${screen.name}: ${p}`);
          if (viewport.width === 390 || viewport.width === 1440) {
            await page.screenshot({ path: `${SHOTS}/layout-${screen.name.replace(/\W+/g, '-')}-${viewport.width}.png` });
          }
        }
      } finally {
        await context.close();
      }
      expect(errors).toEqual([]);
      expect(problems).toEqual([]);
    });
  }
});
