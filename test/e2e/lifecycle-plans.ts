// The lifecycle, production and completed-series lessons taken as a learner would (shared by the
// lifecycle-lessons*.e2e.ts files, which each take some of the plans so the suite's two browsers
// share the work: in one file they were the suite's long pole, ~7 minutes at the end of a run).
// On a laptop (1440 × 900) by keyboard only (no pointer event; the portal worked with Enter and
// Space, each step's commands typed into the VM's terminal, axe on every step, focus never left on
// <body>), and on a phone (390 px) with the one-tap "Run this" buttons and the help ladder. Each
// step must be judged complete by the page itself. A screenshot of every step at both sizes goes to
// SHOTS. Then: each lesson's cheat sheet, embed preview and presenter mode work without code of their own.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectA11yClean, SHOTS, type sessionPerTest } from './harness';
import { expectNoPointer, input, keyboardOnly } from './keyboard';
import { completeOnPhone, expectStepComplete, expectTerminalShows, stepHeading, typeInTerminal, waitForPrompt, type PortalFirst } from './lesson-steps';
import {
  attachIdentity,
  createIdentity,
  deleteIdentity,
  deleteVm,
  grantReaderToVm,
  grantRoleToIdentity,
  grantRoleToVm,
  openGroupIam,
  portal,
  removeAssignment,
  setSystemAssigned,
} from './portal-steps';

type Open = ReturnType<typeof sessionPerTest>;
type Act = (page: Page) => Promise<void>;

export interface Plan {
  slug: string;
  vm: string;
  /** Portal-only steps: what the learner clicks. */
  portal?: Record<number, Act>;
  /** Portal actions a step needs before one of its command blocks. */
  first?: PortalFirst[];
  /** Text the terminal must show once a step is done (desktop). */
  shows?: Record<number, string[]>;
}

export const PLANS: Plan[] = [
  {
    slug: 'turn-it-off',
    vm: 'myLinuxVM',
    portal: {
      1: async (page) => {
        await setSystemAssigned(page, 'myLinuxVM', false);
        await openGroupIam(page);
        await portal(page).getByText('Identity not found').first().waitFor();
      },
      4: (page) => removeAssignment(page, 'Reader', 'Identity not found'),
    },
    first: [
      { step: 5, beforeTap: 0, act: (page) => setSystemAssigned(page, 'myLinuxVM', true) },
      { step: 6, beforeTap: 1, act: (page) => deleteIdentity(page, 'myUserAssignedIdentity') },
    ],
    shows: { 2: ['"error_description":"Identity not found"', '"name":"myResourceGroup"'], 3: ['ExpiredAuthenticationToken'], 5: ['AuthorizationFailed'] },
  },
  {
    slug: 'system-or-user-assigned',
    vm: 'myLinuxVM',
    portal: {
      0: async (page) => {
        await setSystemAssigned(page, 'myLinuxVM', true);
        await setSystemAssigned(page, 'myWindowsVM', true);
      },
      1: async (page) => {
        await grantReaderToVm(page, 'myLinuxVM');
        await grantReaderToVm(page, 'myWindowsVM');
      },
      2: async (page) => {
        await createIdentity(page, 'myWorkloadIdentity');
        await attachIdentity(page, 'myLinuxVM', 'myWorkloadIdentity');
        await attachIdentity(page, 'myWindowsVM', 'myWorkloadIdentity');
        await grantRoleToIdentity(page, 'myWorkloadIdentity', 'Reader');
      },
      4: (page) => deleteVm(page, 'myWindowsVM'),
      5: (page) => removeAssignment(page, 'Reader', 'Identity not found'),
    },
    shows: { 3: ['/providers/Microsoft.ManagedIdentity/userAssignedIdentities/myWorkloadIdentity'] },
  },
  {
    slug: 'tokens-and-caching',
    vm: 'myLinuxVM',
    first: [{ step: 4, beforeTap: 1, act: (page) => removeAssignment(page, 'Reader', 'myLinuxVM') }],
    shows: { 1: ['the same token', '"86310"'], 3: ['200 429'], 4: ['AuthorizationFailed'] },
  },
  {
    slug: 'imds-retries',
    vm: 'myLinuxVM',
    shows: { 0: ['HTTP/1.1 410 Gone'], 1: ['attempt 4: 410, retrying in 16s', 'got a token: eyJ'], 2: ['attempt 2: 429', 'attempt 3: 500'], 3: ['not retrying'] },
  },
  {
    slug: 'imds-retries-powershell',
    vm: 'myWindowsVM',
    shows: { 0: ['(410) Gone.'], 1: ['got a token: eyJ'], 2: ['attempt 3: 500', 'got a token'], 3: ['not retrying'] },
  },
  {
    slug: 'linux-vm-storage-sas',
    vm: 'myLinuxVM',
    portal: {
      0: (page) => setSystemAssigned(page, 'myLinuxVM', true),
      1: (page) => grantRoleToVm(page, 'myLinuxVM', 'Storage Account Contributor'),
    },
    first: [{ step: 5, beforeTap: 1, act: (page) => grantRoleToVm(page, 'myLinuxVM', 'Storage Account Contributor') }],
    shows: {
      3: ['"serviceSasToken":"sv=2015-04-05&sr=c&spr=https&se='],
      4: ['This is a test file.'],
      5: ['Signature not valid in the specified time frame'],
    },
  },
  {
    slug: 'windows-vm-storage-sas',
    vm: 'myWindowsVM',
    portal: {
      0: (page) => setSystemAssigned(page, 'myWindowsVM', true),
      1: (page) => grantRoleToVm(page, 'myWindowsVM', 'Storage Account Contributor', undefined, 'mysandboxstorage'),
    },
    shows: { 3: ['sv=2015-04-05&sr=c&spr=https&se='], 4: ['AccountName: mysandboxstorage, ContainerName: mycontainer'] },
  },
  {
    slug: 'windows-vm-key-vault',
    vm: 'myWindowsVM',
    portal: {
      0: (page) => setSystemAssigned(page, 'myWindowsVM', true),
      1: (page) => grantRoleToVm(page, 'myWindowsVM', 'Key Vault Secrets User', undefined, 'mySandboxVault'),
    },
    first: [{ step: 4, beforeTap: 2, act: (page) => grantRoleToVm(page, 'myWindowsVM', 'Key Vault Secrets User', undefined, 'mySandboxVault') }],
    shows: { 3: ['p@ssw0rd!'], 4: ['SecretNotFound'] },
  },
  {
    slug: 'windows-vm-user-assigned',
    vm: 'myWindowsVM',
    portal: {
      0: (page) => createIdentity(page, 'ID1'),
      1: (page) => attachIdentity(page, 'myWindowsVM', 'ID1'),
      2: (page) => grantRoleToIdentity(page, 'ID1', 'Reader'),
    },
    shows: { 4: ['"name":"myResourceGroup"'], 5: ['properties : @{provisioningState=Succeeded}'] },
  },
];

const lines = (block: string) => block.split('\n').filter((l) => l.trim());

/** The step as the learner sees it: on a phone the page scrolls, so bring the step's title to the top. */
async function shotStep(page: Page, name: string, phone = false) {
  if (phone) await stepHeading(page).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

/** The lessons of `plans`, each on a laptop and a phone, and in its cheat sheet, embed and presenter mode. */
export function lessonRuns(open: Open, plans: Plan[]): void {
  describe('lifecycle and completed-series lessons', () => {
    it.each(plans.map((p) => [p.slug, p] as const))('%s on a laptop, keyboard only: the portal and typed commands complete every step, axe clean on each', async (_, plan) => {
      const { page } = await open(`/lessons/${plan.slug}`, { viewport: { width: 1440, height: 900 } });
      await keyboardOnly(page);
      await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/^1\. /);
      // The introduction names the tutorial, as a link to Microsoft Learn that the page itself never fetches.
      const tutorial = page.locator('.about .tutorial a');
      expect(await tutorial.getAttribute('href')).toMatch(/^https:\/\/learn\.microsoft\.com\//);
      expect(await tutorial.getAttribute('target')).toBe('_blank');
      await expectA11yClean(page, `${plan.slug} step 1`);
      const total = await page.locator('.toc-step').count();
      for (let i = 0; i < total; i++) {
        const blocks = await page.locator('.step-text pre[data-actions] code').allInnerTexts();
        if (blocks.length === 0) {
          const act = plan.portal?.[i];
          if (!act) throw new Error(`${plan.slug}: step ${i + 1} has no commands and the plan no portal clicks`);
          await input(page).click(page.getByRole('tab', { name: 'Portal' }));
          await act(page);
        }
        for (const [b, block] of blocks.entries()) {
          for (const f of (plan.first ?? []).filter((x) => x.step === i && x.beforeTap === b)) {
            await input(page).click(page.getByRole('tab', { name: 'Portal' }));
            await f.act(page);
          }
          await typeInTerminal(page, plan.vm, lines(block));
          await waitForPrompt(page);
        }
        await expectStepComplete(page).catch(async (error: unknown) => {
          // What the page says it is waiting for is the whole diagnosis: keep it with the failure.
          await page.screenshot({ path: `${SHOTS}/${plan.slug}-1440-${i + 1}-failed.png` });
          throw new Error(`${plan.slug} step ${i + 1} did not complete: ${await page.locator('.checks').innerText()}`, { cause: error });
        });
        for (const text of plan.shows?.[i] ?? []) await expectTerminalShows(page, text);
        await shotStep(page, `${plan.slug}-1440-${i + 1}`);
        if (i < total - 1) {
          await input(page).click(page.getByRole('button', { name: 'Next step →' }));
          await expect.poll(() => stepHeading(page).innerText()).toMatch(new RegExp(`^${i + 2}\\. `));
          await expectA11yClean(page, `${plan.slug} step ${i + 2}`);
        }
      }
      await page.getByText('Lesson complete').waitFor();
      await expectA11yClean(page, `${plan.slug} complete`);
      await expectNoPointer(page);
    }, 300_000);

    it.each(plans.map((p) => [p.slug, p] as const))('%s on a phone: one tap per command, the help ladder for the portal', async (_, plan) => {
      const { page } = await open(`/lessons/${plan.slug}`, { viewport: { width: 390, height: 844 }, mobile: true });
      await completeOnPhone(page, plan.first, (i) => shotStep(page, `${plan.slug}-390-${i + 1}`, true));
      await expectA11yClean(page, `${plan.slug} on a phone`);
    }, 300_000);
  });

  describe('each lesson in the cheat sheet, the embed and presenter mode', () => {
    it.each(plans.map((p) => [p.slug] as const))('%s: cheat sheet, embed preview and presenter mode', async (slug) => {
      const { page } = await open(`/lessons/${slug}/cheat-sheet`, { viewport: { width: 1280, height: 900 } });
      await page.getByRole('heading', { level: 1, name: /^Cheat sheet: / }).waitFor({ timeout: 20_000 });
      const sheetSteps = await page.getByRole('heading', { level: 2 }).allInnerTexts();
      expect(sheetSteps.length).toBeGreaterThanOrEqual(4);
      expect(await page.locator('pre code').count()).toBeGreaterThan(0);

      // The embed's preview: the first step's text, ids by name, nothing left in braces.
      const first = await page.getByRole('link', { name: 'Open step 1 in the lesson' }).getAttribute('href');
      const stepSlug = first?.split('/').pop() ?? '';
      await page.goto(new URL(`/embed?lesson=${slug}&step=${stepSlug}`, page.url()).href);
      await page.getByRole('button', { name: 'Start this step' }).waitFor({ timeout: 20_000 });
      expect(await page.locator('.step-text').innerText()).not.toMatch(/\{\{/);
      await page.getByRole('button', { name: 'Start this step' }).click();
      await page.locator('#step-title').waitFor({ timeout: 30_000 });

      // Presenter mode opens the lesson's last step directly, at its own start world.
      const last = sheetSteps.length;
      await page.goto(new URL(`/lessons/${slug}?presenter=1`, page.url()).href);
      await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/^1\. /);
      await page.locator('.toc-step').nth(last - 1).click();
      await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(new RegExp(`^${last}\\. `));
      await page.getByRole('button', { name: "I'm stuck" }).click();
      for (const name of ['Give me a hint', 'Show the answer', 'Solve it for me']) await page.getByRole('button', { name }).click();
      await page.getByRole('heading', { name: 'Step complete' }).waitFor({ timeout: 30_000 });
    });
  });
}
