// The Windows storage tutorial taken on a desktop as a keyboard-only learner would (no pointer
// event, axe on every step, focus never left on <body>): identity and data role set in the portal, the tutorial's PowerShell typed into myWindowsVM's terminal — with the
// classic slip of an unquoted x-ms-version key first — and the three mistakes of the last step.
// Each step must be judged complete by the page itself.
import { describe, expect, it } from 'vitest';
import { expectA11yClean, sessionPerTest, SHOTS } from './harness';
import { expectNoPointer, keyboardOnly } from './keyboard';
import { clickStorageLessonPortalSteps, expectStepComplete, expectTerminalShows, nextStep, stepCommands, typeInTerminal } from './lesson-steps';

const open = sessionPerTest();
const UNQUOTED_KEY =
  'Invoke-WebRequest -Uri https://mysandboxstorage.blob.core.windows.net/mycontainer/hello.txt -Headers @{Authorization="Bearer $AccessToken"; x-ms-version="2017-11-09"}';

describe('Windows storage lesson', () => {
  // A whole lesson typed and keyed in: the walkthroughs' limit (lifecycle-plans.ts), not the default 180 s,
  // which a run of three suites at once on 2 cores reached.
  it('Windows VM reads a blob, keyboard only: a learner works the portal and types every PowerShell command', async () => {
    const { page } = await open('/lessons/windows-vm-storage', { viewport: { width: 1280, height: 800 } });
    // Keyboard only: the portal by Enter and Space, no pointer event (checked at the end).
    await keyboardOnly(page);
    await clickStorageLessonPortalSteps(page, 'myWindowsVM', 'mysandboxstorage');

    await typeInTerminal(page, 'myWindowsVM', await stepCommands(page));
    await expectStepComplete(page);
    await expectTerminalShows(page, 'https://storage.azure.com/');
    await page.screenshot({ path: `${SHOTS}/lesson-win-storage-3.png` });
    await nextStep(page, /Read the blob with the token/);

    // Without quotes the key ends at the first dash: 5.1 refuses to parse, nothing is sent, a hint says why.
    await typeInTerminal(page, 'myWindowsVM', [UNQUOTED_KEY]);
    await expectTerminalShows(page, "Missing '=' operator after key in hash literal.");
    await expect.poll(() => page.locator('.rule-hint').innerText()).toMatch(/Quote the key/);
    await page.screenshot({ path: `${SHOTS}/lesson-win-storage-4-unquoted.png` });
    await page.locator('.rule-hint').screenshot({ path: `${SHOTS}/lesson-win-storage-4-unquoted-hint.png` });
    // Uses $AccessToken from the previous step: the same PowerShell session.
    await typeInTerminal(page, 'myWindowsVM', await stepCommands(page));
    await expectStepComplete(page);
    await expectTerminalShows(page, 'Hello world! :)');
    await page.screenshot({ path: `${SHOTS}/lesson-win-storage-4.png` });
    await nextStep(page, /What goes wrong/);

    await typeInTerminal(page, 'myWindowsVM', await stepCommands(page));
    await expectStepComplete(page);
    await expectTerminalShows(page, 'AuthorizationPermissionMismatch');
    await expect.poll(() => page.locator('.rule-hint').innerText()).toMatch(/That is the third/);
    await page.getByText('Lesson complete').waitFor();
    await expectA11yClean(page, 'Windows storage lesson complete');
    await page.screenshot({ path: `${SHOTS}/lesson-win-storage-done.png` });
    await expectNoPointer(page);
  }, 300_000);
});
