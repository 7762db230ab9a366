/** What a learner does on a lesson step, as reusable steps for e2e tests. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectA11yClean } from './harness';
import { input } from './keyboard';
import { grantRoleToVm, setSystemAssigned } from './portal-steps';

export const stepHeading = (page: Page) => page.locator('#step-title');

export async function expectStepComplete(page: Page) {
  await page.getByRole('heading', { name: 'Step complete' }).waitFor({ timeout: 20_000 });
}

/** Moves on (by click or, on a keyboard-only page, by key) and checks the new step's screen with axe. */
export async function nextStep(page: Page, title: RegExp) {
  await input(page).click(page.getByRole('button', { name: 'Next step →' }));
  await expect.poll(() => stepHeading(page).innerText()).toMatch(title);
  await expectA11yClean(page, `step "${await stepHeading(page).innerText()}"`);
}

/** The commands of the step's "run" code blocks, placeholders already filled by the page. */
export async function stepCommands(page: Page): Promise<string[]> {
  const blocks = await page.locator('.step-text pre[data-actions] code').allInnerTexts();
  return blocks.flatMap((b) => b.split('\n')).filter((l) => l.trim());
}

export async function typeInTerminal(page: Page, vm: string, lines: string[]) {
  await input(page).click(page.getByRole('tab', { name: new RegExp(`^${vm}`) }));
  const terminal = page.getByRole('textbox', { name: new RegExp(`^${vm} terminal`) });
  await terminal.waitFor({ timeout: 20_000 });
  await terminal.focus();
  for (const line of lines) {
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  }
}

/**
 * Waits until the terminal's last line is a prompt again (bash `…$`, PowerShell `…>`): the command
 * has finished. Typing ahead while a command runs queues whole lines, each run on its own, so a
 * multi-line block (a function) must wait for the prompt.
 */
export async function waitForPrompt(page: Page) {
  await expect
    .poll(async () => {
      const rows = (await page.locator('.xterm-rows').first().innerText()).split('\n').map((r) => r.trimEnd()).filter(Boolean);
      return /(\$|>)$/.test(rows.at(-1) ?? '');
    }, { timeout: 30_000 })
    .toBe(true);
}

/** Waits until the VM's terminal shows `text`. Checks pass on the request log, so the terminal may still be drawing the answer. */
export async function expectTerminalShows(page: Page, text: string) {
  await expect.poll(async () => (await page.locator('.xterm-rows').first().innerText()).replace(/\n/g, '')).toContain(text);
}

/**
 * Steps 1–2 of a storage lesson, clicked in the portal: the VM's identity on, then Storage Blob Data
 * Reader on its group (Linux, as its tutorial) or on the storage account named in `on` (Windows).
 * Ends on step 3.
 */
export async function clickStorageLessonPortalSteps(page: Page, vm: string, on?: string) {
  await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/Turn on the VM's system-assigned identity/);
  await expectA11yClean(page, 'step 1');
  await setSystemAssigned(page, vm, true);
  await expectStepComplete(page);
  await nextStep(page, /Let the identity read blob data/);
  await grantRoleToVm(page, vm, 'Storage Blob Data Reader', undefined, on);
  await expectStepComplete(page);
  await nextStep(page, /Get a token for Azure Storage/);
}

/** A portal action a phone learner makes before tapping one of the step's "Run this" buttons. */
export interface PortalFirst {
  step: number;
  beforeTap: number;
  act: (page: Page) => Promise<void>;
}

/**
 * A whole lesson on a phone: each step's "Run this" buttons tapped in order (with a portal action
 * first where the step needs one), and steps without commands solved with the help ladder. Calls
 * `each` on every completed step (screenshots). Ends on "Lesson complete".
 */
export async function completeOnPhone(page: Page, portalFirst: PortalFirst[] = [], each?: (index: number) => Promise<void>) {
  await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/^1\. /);
  const total = await page.locator('.toc-step').count();
  for (let i = 0; i < total; i++) {
    const runButtons = page.locator('.step-text .code-actions button', { hasText: 'Run this' });
    const taps = await runButtons.count();
    const first = portalFirst.filter((p) => p.step === i);
    for (let b = 0; b < taps; b++) {
      for (const p of first.filter((f) => f.beforeTap === b)) {
        await page.getByRole('tab', { name: 'Portal' }).tap();
        await p.act(page);
      }
      await runButtons.nth(b).tap();
      await page.waitForTimeout(300);
    }
    if (taps === 0) {
      await page.getByRole('button', { name: "I'm stuck" }).tap();
      await page.getByRole('button', { name: 'Give me a hint' }).tap();
      await page.getByRole('button', { name: 'Show the answer' }).tap();
      await page.getByRole('button', { name: 'Solve it for me' }).tap();
    }
    await expectStepComplete(page);
    await each?.(i);
    if (i < total - 1) await page.getByRole('button', { name: 'Next step →' }).tap();
  }
  await page.getByText('Lesson complete').waitFor();
}
