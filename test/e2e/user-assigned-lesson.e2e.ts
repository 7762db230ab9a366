// The user-assigned tutorial taken on a desktop as a keyboard-only learner would (no pointer event,
// axe on every step, focus never left on <body>): the identity created, attached and granted Reader
// in the portal, the token (named by the client id the step
// shows) and the ARM call typed into myLinuxVM's terminal, then the three mistakes on a VM with two
// identities. Each step must be judged complete by the page itself.
import { describe, expect, it } from 'vitest';
import { expectA11yClean, sessionPerTest, SHOTS } from './harness';
import { expectNoPointer, keyboardOnly } from './keyboard';
import { attachIdentity, createIdentity, grantRoleToIdentity } from './portal-steps';
import { expectStepComplete, nextStep, stepCommands, stepHeading, typeInTerminal } from './lesson-steps';

const open = sessionPerTest();
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('user-assigned lesson', () => {
  // A whole lesson typed and keyed in: the walkthroughs' limit (lifecycle-plans.ts), not the default 180 s,
  // which a run of three suites at once on 2 cores reached.
  it('Linux VM calls ARM as a user-assigned identity, keyboard only: a learner works the portal and types every command', async () => {
    const { page } = await open('/lessons/linux-vm-user-assigned', { viewport: { width: 1280, height: 800 } });
    // Keyboard only: the portal by Enter and Space, no pointer event (checked at the end).
    await keyboardOnly(page);
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/Create a user-assigned identity/);
    await expectA11yClean(page, 'step 1');

    await createIdentity(page, 'myUserAssignedIdentity');
    await expectStepComplete(page);
    await page.screenshot({ path: `${SHOTS}/lesson-ua-1.png` });
    await nextStep(page, /Attach the identity to the VM/);

    await attachIdentity(page, 'myLinuxVM', 'myUserAssignedIdentity');
    await expectStepComplete(page);
    await page.screenshot({ path: `${SHOTS}/lesson-ua-2.png` });
    await nextStep(page, /Let the identity read the resource group/);

    await grantRoleToIdentity(page, 'myUserAssignedIdentity', 'Reader');
    await expectStepComplete(page);
    await nextStep(page, /Get a token for the user-assigned identity/);

    // The step shows the identity's real client id, where the docs write <UAMI CLIENT ID>.
    const clientId = (await page.locator('.step-text code').filter({ hasText: GUID }).first().innerText()).trim();
    expect(clientId).toMatch(GUID);
    const commands = await stepCommands(page);
    expect(commands.join('\n')).toContain(`client_id=${clientId}`);
    await page.screenshot({ path: `${SHOTS}/lesson-ua-4.png` });
    await typeInTerminal(page, 'myLinuxVM', commands);
    await expectStepComplete(page);
    await expect.poll(async () => (await page.locator('.xterm-rows').first().innerText()).replace(/\n/g, '')).toContain(`"client_id":"${clientId}"`);
    await nextStep(page, /Call Azure Resource Manager with the token/);

    await typeInTerminal(page, 'myLinuxVM', await stepCommands(page));
    await expectStepComplete(page);
    await expect.poll(async () => (await page.locator('.xterm-rows').first().innerText()).replace(/\n/g, '')).toContain('"name":"myResourceGroup"');
    await page.screenshot({ path: `${SHOTS}/lesson-ua-5.png` });
    await nextStep(page, /What goes wrong with two identities on one VM/);

    // A world of its own: the first request, without client_id, gets the real 400 and a hint.
    const [noClientId, ...rest] = await stepCommands(page);
    await typeInTerminal(page, 'myLinuxVM', [noClientId!]);
    await expect.poll(async () => (await page.locator('.xterm-rows').first().innerText()).replace(/\n/g, '')).toContain('Multiple user assigned identities exist');
    await expect.poll(() => page.locator('.rule-hint').innerText()).toMatch(/means the VM has more than one identity and you named none/);
    await page.screenshot({ path: `${SHOTS}/lesson-ua-6-multiple.png` });
    await typeInTerminal(page, 'myLinuxVM', rest);
    await expectStepComplete(page);
    await expect.poll(() => page.locator('.rule-hint').innerText()).toMatch(/That 403 is the third mistake/);
    await page.getByText('Lesson complete').waitFor();
    await expectA11yClean(page, 'user-assigned lesson complete');
    await page.screenshot({ path: `${SHOTS}/lesson-ua-done.png` });
    await expectNoPointer(page);
  }, 300_000);
});
