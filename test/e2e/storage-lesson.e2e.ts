// The storage tutorial taken on a desktop as a keyboard-only learner would (no pointer event, axe on
// every step, focus never left on <body>): the data role picked by name in
// the portal's role list, the token and the blob read typed into myLinuxVM's terminal, and the
// three mistakes of the last step. Each step must be judged complete by the page itself.
import { describe, expect, it } from 'vitest';
import { expectA11yClean, sessionPerTest, SHOTS } from './harness';
import { expectNoPointer, keyboardOnly } from './keyboard';
import { clickStorageLessonPortalSteps, expectStepComplete, expectTerminalShows, nextStep, stepCommands, typeInTerminal } from './lesson-steps';

const open = sessionPerTest();

describe('storage lesson', () => {
  // A whole lesson typed and keyed in: the walkthroughs' limit (lifecycle-plans.ts), not the default 180 s,
  // which a run of three suites at once on 2 cores reached.
  it('Linux VM reads a blob, keyboard only: a learner works the portal and types every command', async () => {
    const { page } = await open('/lessons/linux-vm-storage', { viewport: { width: 1280, height: 800 } });
    // Keyboard only: the portal by Enter and Space, no pointer event (checked at the end).
    await keyboardOnly(page);
    await clickStorageLessonPortalSteps(page, 'myLinuxVM');

    await typeInTerminal(page, 'myLinuxVM', await stepCommands(page));
    await expectStepComplete(page);
    await nextStep(page, /Read the blob with the token/);

    // Uses $access_token from the previous step: the same shell session.
    await typeInTerminal(page, 'myLinuxVM', await stepCommands(page));
    await expectStepComplete(page);
    await expectTerminalShows(page, 'Hello world! :)');
    await page.screenshot({ path: `${SHOTS}/lesson-storage-4.png` });
    await nextStep(page, /What goes wrong/);

    await typeInTerminal(page, 'myLinuxVM', await stepCommands(page));
    await expectStepComplete(page);
    await expect.poll(() => page.locator('.rule-hint').innerText()).toMatch(/That is the third/);
    await page.getByText('Lesson complete').waitFor();
    await expectA11yClean(page, 'storage lesson complete');
    await page.screenshot({ path: `${SHOTS}/lesson-storage-done.png` });
    await expectNoPointer(page);
  }, 300_000);
});
