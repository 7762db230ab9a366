// The Key Vault tutorial taken on a desktop as a keyboard-only learner would (no pointer event, axe
// on every step, focus never left on <body>): the Key Vault Secrets User role
// picked by name in the vault's Access control (IAM), the token and the secret read typed into myLinuxVM's
// terminal, and the four mistakes of the last step, with the grant made in the portal midway.
// Each step must be judged complete by the page itself.
import { describe, expect, it } from 'vitest';
import { expectA11yClean, sessionPerTest, SHOTS } from './harness';
import { expectNoPointer, input, keyboardOnly } from './keyboard';
import { expectStepComplete, expectTerminalShows, nextStep, stepCommands, stepHeading, typeInTerminal } from './lesson-steps';
import { grantRoleToVm, setSystemAssigned } from './portal-steps';

const open = sessionPerTest();

describe('Key Vault lesson', () => {
  // A whole lesson typed and keyed in: the walkthroughs' limit (lifecycle-plans.ts), not the default 180 s,
  // which a run of three suites at once on 2 cores reached.
  it('Linux VM reads a secret, keyboard only: a learner works the portal and types every command', async () => {
    const { page } = await open('/lessons/linux-vm-key-vault', { viewport: { width: 1280, height: 800 } });
    // Keyboard only: the portal by Enter and Space, no pointer event (checked at the end).
    await keyboardOnly(page);
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/Turn on the VM's system-assigned identity/);
    await expectA11yClean(page, 'step 1');
    await setSystemAssigned(page, 'myLinuxVM', true);
    await expectStepComplete(page);

    await nextStep(page, /Let the identity read secrets/);
    await grantRoleToVm(page, 'myLinuxVM', 'Key Vault Secrets User', undefined, 'mySandboxVault');
    await expectStepComplete(page);

    await nextStep(page, /Get a token for Key Vault/);
    await typeInTerminal(page, 'myLinuxVM', await stepCommands(page));
    await expectStepComplete(page);

    await nextStep(page, /Read the secret with the token/);
    // Uses $access_token from the previous step: the same shell session.
    await typeInTerminal(page, 'myLinuxVM', await stepCommands(page));
    await expectStepComplete(page);
    await expectTerminalShows(page, '{"value":"p@ssw0rd!"');
    await page.screenshot({ path: `${SHOTS}/lesson-keyvault-4.png` });

    await nextStep(page, /What goes wrong/);
    const blocks = await page.locator('.step-text pre[data-actions] code').allInnerTexts();
    expect(blocks).toHaveLength(4);
    const lines = (block: string) => block.split('\n').filter((l) => l.trim());
    // 1. No token: the challenge header. 2. An ARM token. 3. Reader only.
    await typeInTerminal(page, 'myLinuxVM', lines(blocks[0]!));
    await expectTerminalShows(page, 'www-authenticate: Bearer authorization="https://login.windows.net/');
    await expect.poll(() => page.locator('.rule-hint').innerText()).toMatch(/That 401 is the first/);
    await typeInTerminal(page, 'myLinuxVM', lines(blocks[1]!));
    await expect.poll(() => page.locator('.rule-hint').innerText()).toMatch(/That 401 is the second/);
    await typeInTerminal(page, 'myLinuxVM', lines(blocks[2]!));
    await expect.poll(() => page.locator('.rule-hint').innerText()).toMatch(/That 403 is the third/);
    await expectTerminalShows(page, 'ForbiddenByRbac');
    await page.screenshot({ path: `${SHOTS}/lesson-keyvault-5-forbidden.png` });
    // 4. Granted in the portal, then a misspelt name.
    await input(page).click(page.getByRole('tab', { name: 'Portal' }));
    await grantRoleToVm(page, 'myLinuxVM', 'Key Vault Secrets User', undefined, 'mySandboxVault');
    await typeInTerminal(page, 'myLinuxVM', lines(blocks[3]!));
    await expectStepComplete(page);
    await expect.poll(() => page.locator('.rule-hint').innerText()).toMatch(/That is the fourth/);
    await page.getByText('Lesson complete').waitFor();
    await expectA11yClean(page, 'Key Vault lesson complete');
    await page.getByText('Lesson complete').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/lesson-keyvault-done.png` });
    await expectNoPointer(page);
  }, 300_000);
});
