// The two quickstart lessons taken as a new learner would: portal steps by clicking, shell steps by
// typing the step's commands into the VM's terminal (desktop), or with the help ladder and the
// one-tap "Run this" buttons (phone). Each step must be judged complete by the page itself.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectA11yClean, monacoReady, sessionPerTest, SHOTS, type Session } from './harness';
import { grantReaderToVm, grantRoleToVm, setSystemAssigned } from './portal-steps';
import { completeOnPhone, expectStepComplete, nextStep, stepCommands, stepHeading, typeInTerminal, type PortalFirst } from './lesson-steps';

const open = sessionPerTest();
let session: Session | undefined;

describe('quickstart lessons', () => {
  it('Linux VM: a learner completes every step by clicking the portal and typing in the terminal', async () => {
    session = await open('/lessons/linux-vm-arm', { viewport: { width: 1280, height: 800 } });
    const { page } = session;
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/Turn on the VM's system-assigned identity/);
    await expectA11yClean(page, 'step 1');
    await page.screenshot({ path: `${SHOTS}/lesson-linux-1.png` });

    await setSystemAssigned(page, 'myLinuxVM', true);
    await expectStepComplete(page);
    await nextStep(page, /Let the identity read the resource group/);

    await grantReaderToVm(page, 'myLinuxVM');
    await expectStepComplete(page);
    await nextStep(page, /Connect to the VM/);

    await typeInTerminal(page, 'myLinuxVM', await stepCommands(page));
    await expectStepComplete(page);
    await nextStep(page, /Get an access token/);

    await typeInTerminal(page, 'myLinuxVM', await stepCommands(page));
    await expectStepComplete(page);
    await nextStep(page, /Call Azure Resource Manager/);

    const armCommands = await stepCommands(page);
    expect(armCommands.join('\n')).toMatch(/\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/myResourceGroup/);
    // The copy button copies the command with the world's real ids filled in.
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.baseUrl });
    const armBlock = page.locator('.step-text pre', { hasText: 'management.azure.com/subscriptions/' }).first();
    const blockText = (await armBlock.locator('code').innerText()).replace(/\n$/, '');
    expect(blockText).toMatch(/\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/myResourceGroup/);
    await armBlock.locator('xpath=following-sibling::div[1]').getByRole('button', { name: /^Copy/ }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(blockText);
    await typeInTerminal(page, 'myLinuxVM', armCommands);
    await expectStepComplete(page);
    await page.screenshot({ path: `${SHOTS}/lesson-linux-5.png` });
    await expectA11yClean(page, 'step 5');
    await nextStep(page, /What goes wrong/);

    await typeInTerminal(page, 'myLinuxVM', await stepCommands(page));
    await expectStepComplete(page);
    await page.getByText('Lesson complete').waitFor();
    await page.screenshot({ path: `${SHOTS}/lesson-linux-done.png` });

    // Progress is saved: the start page shows every step done.
    await page.getByRole('link', { name: 'Lessons', exact: true }).first().click();
    await expect.poll(() => page.locator('.lessons').innerText()).toMatch(/6\/6 steps done/);
  });

  it.each([
    // Its last step (the tutorial's Disable) switches the identity off before asking IMDS again.
    ['windows-vm-arm', 'Windows', [{ step: 6, beforeTap: 0, act: (page: Page) => setSystemAssigned(page, 'myWindowsVM', false) }]],
    ['linux-vm-arm', 'Linux'],
    ['linux-vm-storage', 'Storage'],
    ['linux-vm-user-assigned', 'User-assigned'],
    ['windows-vm-storage', 'Windows-storage'],
    // Its last step grants a role in the portal before its last command.
    ['linux-vm-key-vault', 'Key-vault', [{ step: 4, beforeTap: 3, act: (page: Page) => grantRoleToVm(page, 'myLinuxVM', 'Key Vault Secrets User', undefined, 'mySandboxVault') }]],
  ])('%s on a phone: the help ladder solves portal steps and one tap runs each command', async (slug, os, portalFirst?: PortalFirst[]) => {
    session = await open(`/lessons/${slug}`, { viewport: { width: 390, height: 844 }, mobile: true });
    const { page } = session;
    await completeOnPhone(page, portalFirst, async (i) => {
      if (i === 0) await page.screenshot({ path: `${SHOTS}/lesson-${os.toLowerCase()}-phone-1.png`, fullPage: true });
    });
    await page.getByText('Lesson complete').waitFor();
    await expectA11yClean(page, `${slug} on a phone`);
    await page.screenshot({ path: `${SHOTS}/lesson-${os.toLowerCase()}-phone-done.png`, fullPage: true });
  });

  it("fills the hint's placeholders with the learner's own ids", async () => {
    session = await open('/lessons/linux-vm-arm/call-arm', { viewport: { width: 1280, height: 800 } });
    const { page } = session;
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/Call Azure Resource Manager/);
    await page.getByRole('button', { name: "I'm stuck" }).click();
    await page.getByRole('button', { name: 'Give me a hint' }).click();
    const hint = page.locator('.hint', { hasText: 'Hint:' });
    await expect.poll(() => hint.innerText()).toMatch(/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/myResourceGroup\?api-version/);
    expect(await page.locator('.hint').allInnerTexts()).not.toContainEqual(expect.stringContaining('{{'));
  });

  it('"Solve it for me" runs in the new terminal after a step opens its own start world', async () => {
    session = await open('/lessons/linux-vm-arm/call-arm', { viewport: { width: 1280, height: 800 } });
    const { page } = session;
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/Call Azure Resource Manager/);
    // Use the terminal in this step, then move to the last step, which starts from its own world.
    await typeInTerminal(page, 'myLinuxVM', await stepCommands(page));
    await expectStepComplete(page);
    await nextStep(page, /What goes wrong/);
    for (const name of ["I'm stuck", 'Give me a hint', 'Show the answer', 'Solve it for me']) await page.getByRole('button', { name }).click();
    await expectStepComplete(page);
    await expect.poll(async () => (await page.locator('.xterm-rows').first().innerText()).replace(/\n/g, ''), { timeout: 20_000 }).toContain('AuthorizationFailed');
  });

  it("keeps the learner's own edits in the editor when Undo puts the world back", async () => {
    session = await open('/lessons/linux-vm-arm/get-a-token', { viewport: { width: 1280, height: 800 } });
    const { page } = session;
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/Get an access token/);
    for (const name of ["I'm stuck", 'Give me a hint', 'Show the answer']) await page.getByRole('button', { name }).click();
    // Monaco draws spaces as no-break spaces.
    await monacoReady(page);
    const editorText = async () => (await page.locator('.monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
    await expect.poll(editorText, { timeout: 20_000 }).toContain('169.254.169.254');
    // The learner edits the answer, runs something, then undoes that run.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('echo mine');
    await expect.poll(editorText).toContain('echo mine');
    await typeInTerminal(page, 'myLinuxVM', ['hostname']);
    await page.getByRole('button', { name: 'Undo last action' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Undo last action' }).isDisabled()).toBe(true);
    await expect.poll(editorText, { timeout: 20_000 }).toContain('echo mine');
    expect(await editorText()).toContain('169.254.169.254');
  });

  it('Windows VM: a learner types the PowerShell quickstart into the terminal', async () => {
    session = await open('/lessons/windows-vm-arm', { viewport: { width: 1280, height: 800 } });
    const { page } = session;
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/system-assigned/i);
    await setSystemAssigned(page, 'myWindowsVM', true);
    await expectStepComplete(page);
    await page.getByRole('button', { name: 'Next step →' }).click();
    await grantReaderToVm(page, 'myWindowsVM');
    await expectStepComplete(page);
    for (let step = 3; step <= 6; step++) {
      await page.getByRole('button', { name: 'Next step →' }).click();
      await expect.poll(() => stepHeading(page).innerText()).toMatch(new RegExp(`^${step}\\.`));
      await typeInTerminal(page, 'myWindowsVM', await stepCommands(page));
      await expectStepComplete(page);
      if (step === 5) {
        // The check passes on the request log; the terminal may still be drawing the answer.
        await expect.poll(async () => (await page.locator('.xterm-rows').first().innerText()).replace(/\n/g, '')).toContain('"name":"myResourceGroup"');
        await page.screenshot({ path: `${SHOTS}/lesson-windows-5.png` });
      }
    }
    // The tutorial's closing Disable section: identity Off in the portal, then IMDS says so.
    await page.getByRole('button', { name: 'Next step →' }).click();
    await expect.poll(() => stepHeading(page).innerText()).toMatch(/^7\. Disable/);
    await page.getByRole('tab', { name: 'Portal' }).click();
    await setSystemAssigned(page, 'myWindowsVM', false);
    await typeInTerminal(page, 'myWindowsVM', await stepCommands(page));
    await expectStepComplete(page);
    await page.getByText('Lesson complete').waitFor();
  });

  it('exports progress to a file and imports it back; a garbled file changes nothing', async () => {
    session = await open('/');
    const { page } = session;
    await page.getByRole('button', { name: 'Import progress…' }).waitFor();
    const input = page.getByLabel('Progress file to import');
    await input.setInputFiles({ name: 'garbled.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1, "lessons": 42') });
    // Monaco (the sandbox editor, loading in the background) adds its own empty live regions with role=alert.
    await expect.poll(() => page.getByRole('alert').filter({ hasText: /unchanged/ }).count()).toBe(1);
    await expect.poll(() => page.locator('.lessons').innerText()).toMatch(/0\/6 steps done/);
    // What Export writes, Import takes back.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export progress' }).click();
    const file = await (await download).path();
    await input.setInputFiles(file);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Progress imported' }).count()).toBe(1);
  });

  it("shows the step's goal over the identity view, missing until the learner meets it", async () => {
    session = await open('/lessons/linux-vm-arm', { viewport: { width: 1280, height: 800 } });
    const { page } = session;
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/system-assigned identity/);
    const inspector = page.getByRole('region', { name: 'See inside' });
    await inspector.getByRole('button', { name: 'See inside' }).click();
    await inspector.getByRole('tab', { name: 'Identities' }).click();
    const goal = inspector.getByRole('region', { name: "This step's goal" });
    await expect.poll(() => goal.innerText(), { timeout: 20_000 }).toMatch(/system-assigned identity is on[^]*\(missing\)/);
    await setSystemAssigned(page, 'myLinuxVM', true);
    await expect.poll(() => goal.innerText()).toMatch(/system-assigned identity is on[^]*\(met\)/);
    await expectA11yClean(page, 'lesson with the identity view open');
    await page.screenshot({ path: `${SHOTS}/lesson-identity-goal.png` });
  });
});
