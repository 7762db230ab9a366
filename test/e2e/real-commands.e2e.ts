/**
 * The "Real commands" panel on a real flow in /sandbox: the learner turns on myLinuxVM's
 * system-assigned identity and grants it Reader on myResourceGroup in the portal, and the panel
 * shows both changes as Azure CLI commands that name things (no ids of this sandbox), copies them
 * one at a time or all together, and says so when the browser refuses to copy.
 * Screenshots go to .e2e-artifacts/real-commands-*.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectA11yClean, sessionPerTest, SHOTS } from './harness';
import { grantReaderToVm, portal, setSystemAssigned } from './portal-steps';

const open = sessionPerTest();
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const inspector = (page: Page) => page.getByRole('region', { name: 'See inside' });
const body = (page: Page) => page.locator('#inspector-body');
const changes = (page: Page) => body(page).locator('ol.changes > li');
const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/real-commands-${name}.png` });
}

describe('Real commands panel', () => {
  it('shows the portal’s changes as az commands by name, and copies them', async () => {
    const session = await open('/sandbox', { viewport: { width: 1280, height: 900 } });
    const { page } = session;
    await portal(page).getByRole('heading', { name: 'Home', level: 1 }).waitFor({ timeout: 20_000 });

    await inspector(page).getByRole('button', { name: 'See inside' }).click();
    await inspector(page).getByRole('tab', { name: 'Real commands' }).click();
    await body(page).getByText('Do something in the portal, and the same change as Azure CLI commands appears here.').waitFor();
    expect(await body(page).getByRole('button', { name: 'Copy all' }).isDisabled()).toBe(true);
    await expectA11yClean(page, 'Real commands, empty');
    await shot(page, 'empty');

    // The panel stays open and follows the portal as the learner works.
    await setSystemAssigned(page, 'myLinuxVM', true);
    await grantReaderToVm(page, 'myLinuxVM');
    await expect.poll(() => changes(page).count()).toBe(2);
    const [identity, grant] = [changes(page).nth(0), changes(page).nth(1)];
    expect(await identity.locator('p').innerText()).toBe('On myLinuxVM, turn on the system-assigned identity.');
    expect(await identity.locator('pre').innerText()).toBe('az vm identity assign -g myResourceGroup -n myLinuxVM');
    expect(await grant.locator('p').innerText()).toBe("Give myLinuxVM's identity Reader on myResourceGroup.");
    const grantCommand = await grant.locator('pre').innerText();
    expect(grantCommand).toBe(
      [
        'az role assignment create \\',
        '  --assignee-object-id "$(az vm show -g myResourceGroup -n myLinuxVM --query identity.principalId -o tsv)" \\',
        '  --assignee-principal-type ServicePrincipal \\',
        '  --role Reader \\',
        '  --scope "$(az group show -n myResourceGroup --query id -o tsv)"',
      ].join('\n'),
    );
    // Nothing of this sandbox's ids (subscription, principal, assignment name) is shown.
    expect(await body(page).innerText()).not.toMatch(GUID);
    await body(page).getByText(/run unchanged on a real Azure VM/).waitFor();

    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.baseUrl });
    await body(page).getByRole('button', { name: 'Copy all' }).click();
    await body(page).getByRole('status').filter({ hasText: 'Copied 2 changes as one script.' }).waitFor();
    expect(await clipboard(page)).toBe(
      [
        '# On myLinuxVM, turn on the system-assigned identity.',
        'az vm identity assign -g myResourceGroup -n myLinuxVM',
        '',
        "# Give myLinuxVM's identity Reader on myResourceGroup.",
        grantCommand,
        '',
      ].join('\n'),
    );
    await grant.getByRole('button', { name: "Copy: Give myLinuxVM's identity Reader on myResourceGroup." }).click();
    await expect.poll(() => clipboard(page)).toBe(grantCommand);
    await expectA11yClean(page, 'Real commands, two changes');
    await inspector(page).scrollIntoViewIfNeeded();
    await shot(page, 'two-changes');

    // A browser that refuses the clipboard gets told to copy by hand.
    await page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    });
    await identity.getByRole('button', { name: /^Copy: / }).click();
    await body(page).getByRole('status').filter({ hasText: 'The browser did not allow copying; select the commands and copy them yourself.' }).waitFor();
  });
});
