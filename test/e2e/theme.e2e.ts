// The header's theme choice (Auto / Light / Dark / High contrast) on a lesson step: chosen with the
// keyboard, kept across a reload, followed by the page, the portal, the terminal and the editor, axe
// clean (colour contrast included) in every theme; the OS asking for more contrast, a presenter's
// ?theme=, an embed's, and the OS forcing its own colours.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectA11yClean, monacoReady, sessionPerTest, SHOTS } from './harness';
import { expectStepComplete, stepCommands, stepHeading } from './lesson-steps';
import { openGroupIam } from './portal-steps';

const open = sessionPerTest();
const STEP = '/lessons/linux-vm-arm/get-a-token';
/** The element xterm.js gives its theme's background. */
const TERMINAL_BG = '.xterm-scrollable-element';
const themeSelect = (page: Page) => page.getByRole('combobox', { name: 'Theme' });

/** The colour an element shows: its own background, or the nearest ancestor's that is not transparent. */
const background = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el) => {
    for (let node: Element | null = el; node; node = node.parentElement) {
      const m = getComputedStyle(node).backgroundColor.match(/[\d.]+/g)?.map(Number) ?? [];
      if (m.length >= 3 && (m[3] ?? 1) > 0) return m.slice(0, 3).join(',');
    }
    return '255,255,255';
  });
const textColour = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).color.match(/[\d.]+/g)!.slice(0, 3).join(','));
const luminance = (rgb: string) => {
  const [r, g, b] = rgb.split(',').map(Number) as [number, number, number];
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
};
const rootAttributes = (page: Page) => page.evaluate(() => ({ theme: document.documentElement.dataset.theme ?? null, contrast: document.documentElement.dataset.contrast ?? null }));

/** Opens the step's VM tab once, so the terminal and Monaco are there to be measured. */
async function openVm(page: Page) {
  await page.getByRole('tab', { name: /^myLinuxVM/ }).click();
  await page.locator('.xterm-screen').waitFor({ timeout: 30_000 });
  await monacoReady(page);
  // A line of output, so the terminal's text is on screen for axe and the screenshots.
  await page.getByRole('textbox', { name: /^myLinuxVM terminal/ }).focus();
  await page.keyboard.type('ls /nope');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('.xterm-rows').first().innerText()).toContain('No such file or directory');
}

/** Tabs from the top of the page to the theme choice: it is reachable without a mouse. */
async function tabToTheme(page: Page) {
  await page.locator('body').click({ position: { x: 600, y: 5 } });
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    if (await themeSelect(page).evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error('Tab never reached the theme choice');
}

interface Expected {
  attributes: { theme: string | null; contrast: string | null };
  /** Page and portal: light or dark, or exactly black/white in high contrast. */
  page: 'light' | 'dark' | string;
  terminal: string;
  editorClass: string;
}

const THEMES: [string, string, Expected][] = [
  ['Light', 'light', { attributes: { theme: 'light', contrast: null }, page: 'light', terminal: '11,18,32', editorClass: 'vs' }],
  ['Dark', 'dark', { attributes: { theme: 'dark', contrast: null }, page: 'dark', terminal: '11,18,32', editorClass: 'vs-dark' }],
  ['High contrast', 'high-contrast', { attributes: { theme: null, contrast: 'more' }, page: '255,255,255', terminal: '0,0,0', editorClass: 'hc-light' }],
  ['Auto (system)', 'auto', { attributes: { theme: null, contrast: null }, page: 'light', terminal: '11,18,32', editorClass: 'vs' }],
];

async function expectColours(page: Page, expected: Expected, where: string) {
  expect(await rootAttributes(page), where).toEqual(expected.attributes);
  for (const selector of ['.lesson-side', '.portal']) {
    const bg = await background(page, selector);
    if (expected.page === 'light') expect(luminance(bg), `${where}: ${selector}`).toBeGreaterThan(0.9);
    else if (expected.page === 'dark') expect(luminance(bg), `${where}: ${selector}`).toBeLessThan(0.15);
    else expect(bg, `${where}: ${selector}`).toBe(expected.page);
  }
  // xterm.js paints its own background from its theme (xterm-setup.ts).
  await expect.poll(() => background(page, TERMINAL_BG), { message: `${where}: terminal` }).toBe(expected.terminal);
  await expect.poll(() => page.locator('.monaco-editor').first().getAttribute('class'), { message: `${where}: editor` }).toMatch(new RegExp(`(^| )${expected.editorClass}( |$)`));
}

describe('theme choice', () => {
  it('each theme is chosen with the keyboard, kept across a reload, followed everywhere and axe clean', async () => {
    const { page } = await open(STEP, { colorScheme: 'light' });
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/Get an access token/);
    expect(await themeSelect(page).inputValue()).toBe('auto');
    await page.getByRole('tab', { name: 'Portal' }).click();
    await page.locator('.portal').waitFor();
    await openVm(page);

    await tabToTheme(page);
    // The options' order: Auto, Light, Dark, High contrast; arrow keys change a closed select.
    for (const [label, value, expected] of THEMES) {
      const current = await themeSelect(page).inputValue();
      const order = ['auto', 'light', 'dark', 'high-contrast'];
      const steps = order.indexOf(value) - order.indexOf(current);
      for (let i = 0; i < Math.abs(steps); i++) await page.keyboard.press(steps > 0 ? 'ArrowDown' : 'ArrowUp');
      await expect.poll(() => themeSelect(page).inputValue()).toBe(value);
      expect(await themeSelect(page).evaluate((el) => el === document.activeElement)).toBe(true);
      await expectColours(page, expected, label);
      await expectA11yClean(page, `${label} theme, terminal and editor`);
      await page.screenshot({ path: `${SHOTS}/theme-${value}-terminal.png` });
      await page.getByRole('tab', { name: 'Portal' }).click();
      await expectA11yClean(page, `${label} theme, portal`);
      await page.screenshot({ path: `${SHOTS}/theme-${value}-portal.png` });
      await page.getByRole('tab', { name: /^myLinuxVM/ }).click();
      await themeSelect(page).focus();
    }
    // High contrast text is black on white: 21:1.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => themeSelect(page).inputValue()).toBe('high-contrast');
    expect(await textColour(page, '#step-title')).toBe('0,0,0');

    // Saved: a reload opens in high contrast before anything is chosen.
    expect(await page.evaluate(() => localStorage.getItem('mi-sandbox.theme.v1'))).toBe('high-contrast');
    await page.reload();
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/Get an access token/);
    expect(await themeSelect(page).inputValue()).toBe('high-contrast');
    expect(await rootAttributes(page)).toEqual({ theme: null, contrast: 'more' });
  });

  it.each([
    ['light', '255,255,255', '0,0,0', 'hc-light'],
    ['dark', '0,0,0', '255,255,255', 'hc-black'],
  ] as const)('high contrast on a %s OS: page, editor, terminal, portal tables and inspector panels', async (scheme, bg, fg, editorClass) => {
    const { page } = await open(STEP, { colorScheme: scheme });
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/Get an access token/);
    await themeSelect(page).selectOption('high-contrast');
    await openVm(page);
    expect(await background(page, '.lesson-side')).toBe(bg);
    expect(await textColour(page, '#step-title')).toBe(fg);
    expect(await background(page, TERMINAL_BG)).toBe('0,0,0');
    await expect.poll(() => page.locator('.monaco-editor').first().getAttribute('class')).toMatch(new RegExp(`(^| )${editorClass}( |$)`));
    // A token, so the inspector has a request, a decoded token and an identity to show.
    await page.getByRole('textbox', { name: /^myLinuxVM terminal/ }).focus();
    for (const line of await stepCommands(page)) {
      await page.keyboard.type(line);
      await page.keyboard.press('Enter');
    }
    await expectStepComplete(page);
    await expectA11yClean(page, `high contrast, ${scheme} OS, terminal`);
    await page.screenshot({ path: `${SHOTS}/theme-high-contrast-${scheme}-os.png` });
    const inspector = page.getByRole('region', { name: 'See inside' });
    await inspector.getByRole('button', { name: 'See inside' }).click();
    for (const tab of ['Request timeline', 'Token inspector', 'Identities']) {
      await inspector.getByRole('tab', { name: tab }).click();
      await expectA11yClean(page, `high contrast, ${scheme} OS, ${tab}`);
    }
    await page.screenshot({ path: `${SHOTS}/theme-high-contrast-${scheme}-os-inspector.png` });
    await page.getByRole('tab', { name: 'Portal' }).click();
    await openGroupIam(page);
    await expectA11yClean(page, `high contrast, ${scheme} OS, IAM blade`);
    await page.screenshot({ path: `${SHOTS}/theme-high-contrast-${scheme}-os-iam.png` });
  });

  it('Auto follows the OS asking for more contrast; a chosen theme does not', async () => {
    const { page } = await open('/');
    await page.emulateMedia({ contrast: 'more' });
    await expect.poll(() => rootAttributes(page)).toEqual({ theme: null, contrast: 'more' });
    await expectA11yClean(page, 'home page, OS asks for more contrast');
    await themeSelect(page).selectOption('light');
    expect(await rootAttributes(page)).toEqual({ theme: 'light', contrast: null });
    await page.emulateMedia({ contrast: 'no-preference' });
    await themeSelect(page).selectOption('auto');
    expect(await rootAttributes(page)).toEqual({ theme: null, contrast: null });
  });

  it('a presenter pins high contrast in the address: applied, shown, not saved; a bad value is listed in the bar', async () => {
    const { page } = await open(`${STEP}?presenter=1&theme=high-contrast`);
    await page.getByRole('region', { name: 'Presenter controls' }).waitFor();
    expect(await rootAttributes(page)).toEqual({ theme: null, contrast: 'more' });
    expect(await themeSelect(page).inputValue()).toBe('high-contrast');
    expect(await page.evaluate(() => localStorage.getItem('mi-sandbox.theme.v1'))).toBeNull();
    await expectA11yClean(page, 'presenter, high contrast');
    await page.screenshot({ path: `${SHOTS}/theme-presenter-high-contrast.png` });

    await page.goto(new URL(`${STEP}?presenter=1&theme=projector`, page.url()).href);
    const bar = page.getByRole('region', { name: 'Presenter controls' });
    await bar.getByRole('alert').filter({ hasText: '"theme" must be one of "auto", "light", "dark", "high-contrast", not "projector".' }).waitFor();
    expect(await rootAttributes(page)).toEqual({ theme: null, contrast: null });
  });

  it('an embed takes ?theme=high-contrast and ignores the app’s saved choice', async () => {
    const { page } = await open('/');
    await themeSelect(page).selectOption('dark');
    await page.goto(new URL('/embed?lesson=linux-vm-arm&step=get-a-token&theme=high-contrast', page.url()).href);
    await page.getByRole('button', { name: 'Start this step' }).waitFor();
    expect(await rootAttributes(page)).toEqual({ theme: null, contrast: 'more' });
    expect(await background(page, '.embed')).toBe('255,255,255');
    await expectA11yClean(page, 'embed, high contrast');
    await page.goto(new URL('/embed?lesson=linux-vm-arm&step=get-a-token', page.url()).href);
    await page.getByRole('button', { name: 'Start this step' }).waitFor();
    expect(await rootAttributes(page)).toEqual({ theme: null, contrast: null });
  });

  it('with the OS forcing its colours the lesson stays usable: borders, terminal, a step done', async () => {
    const { page } = await open('/lessons/linux-vm-arm');
    await page.emulateMedia({ forcedColors: 'active' });
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/Turn on the VM's system-assigned identity/);
    // Controls keep a visible border (the OS paints it); the theme choice is still there.
    for (const name of ["I'm stuck", 'Reset step']) {
      const border = await page.getByRole('button', { name }).evaluate((el) => {
        const s = getComputedStyle(el);
        return { style: s.borderTopStyle, width: parseFloat(s.borderTopWidth) };
      });
      expect(border.style, name).not.toBe('none');
      expect(border.width, name).toBeGreaterThan(0);
    }
    expect(await themeSelect(page).isVisible()).toBe(true);
    for (const name of ["I'm stuck", 'Give me a hint', 'Show the answer', 'Solve it for me']) await page.getByRole('button', { name }).click();
    await expectStepComplete(page);
    // The terminal keeps its own black and white (its cursor and selection are backgrounds the OS would blank).
    await openVm(page);
    expect(await background(page, TERMINAL_BG)).toBe('0,0,0');
    await expectA11yClean(page, 'forced colours');
    await page.screenshot({ path: `${SHOTS}/theme-forced-colors.png` });
  });
});
