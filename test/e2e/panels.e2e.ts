/**
 * The "See inside" panels on a real flow in /sandbox: the quickstart curl gets a 403, the Why?
 * panel explains it and its fix button opens the portal's Add role assignment wizard filled in on
 * Review + assign, the learner presses it, and the same curl succeeds; the timeline shows both exchanges, the
 * token inspector shows the token's claims, and advancing the simulated clock expires it.
 * Screenshots of every panel go to .e2e-artifacts/panels-*.png.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, seriousA11yViolations, type Session } from './harness';

const SHOTS = '.e2e-artifacts';
mkdirSync(SHOTS, { recursive: true });

let session: Session | undefined;
afterEach(async () => {
  const s = session;
  session = undefined;
  if (!s) return;
  try {
    s.assertClean();
  } finally {
    await s.close();
  }
});

const portal = (page: Page) => page.locator('.portal');
const bladeButton = (page: Page, name: string) => portal(page).locator('.blade-host').getByRole('button', { name, exact: true });
const inspector = (page: Page) => page.getByRole('region', { name: 'See inside' });
const body = (page: Page) => page.locator('#inspector-body');

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/panels-${name}.png`, fullPage: true });
}

/** Serious axe violations inside the inspector (the terminals' Monaco editor is another suite's concern). */
async function expectA11yClean(page: Page, where: string) {
  const all = await seriousA11yViolations(page);
  const inside = await page.evaluate(
    (vs) =>
      vs
        .map((v) => ({ ...v, nodes: v.nodes.filter((n) => n.target.some((t) => document.querySelector(t)?.closest('.inspector'))) }))
        .filter((v) => v.nodes.length > 0),
    all,
  );
  expect(inside, `${where}: ${JSON.stringify(inside, null, 2)}`).toEqual([]);
}

async function openTab(page: Page, name: string) {
  const toggle = inspector(page).getByRole('button', { name: 'See inside' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await inspector(page).getByRole('tab', { name }).click();
}

async function enableIdentityAndConnect(page: Page) {
  await portal(page).getByRole('navigation', { name: 'Portal' }).getByRole('button', { name: 'Virtual machines' }).click();
  await bladeButton(page, 'myLinuxVM').click();
  await portal(page).getByRole('navigation', { name: 'myLinuxVM menu' }).getByRole('button', { name: 'Identity' }).click();
  await portal(page).getByRole('radio', { name: 'On' }).check();
  await bladeButton(page, 'Save').click();
  await page.getByRole('dialog', { name: 'Enable system assigned managed identity' }).getByRole('button', { name: 'Yes' }).click();
  await portal(page).locator('.field', { hasText: 'Object (principal) ID' }).locator('code').waitFor();
  await portal(page).getByRole('navigation', { name: 'myLinuxVM menu' }).getByRole('button', { name: 'Overview' }).click();
  await bladeButton(page, 'Connect').click();
}

const QUICKSTART = [
  `SUB=$(curl -s -H Metadata:true 'http://169.254.169.254/metadata/instance/compute/subscriptionId?api-version=2021-02-01&format=text')`,
  `TOKEN=$(curl -s -H Metadata:true 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/' | jq -r .access_token)`,
  `curl -s "https://management.azure.com/subscriptions/$SUB/resourceGroups/myResourceGroup?api-version=2016-09-01" -H "Authorization: Bearer $TOKEN" | jq -r '"ARM says: " + (.name // .error.code)'`,
];

async function runInTerminal(page: Page, lines: string[], expected: RegExp) {
  const input = page.getByRole('textbox', { name: /^myLinuxVM terminal/ });
  await input.waitFor({ timeout: 20_000 });
  const rows = page.locator('.xterm-rows');
  const before = (await rows.innerText()).length;
  await input.focus();
  for (const line of lines) {
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  }
  await expect.poll(async () => (await rows.innerText()).slice(Math.max(0, before - 200)), { timeout: 15_000 }).toMatch(expected);
}

describe('See inside panels', () => {
  it('explain a 403, fix it from the Why? panel, and show the exchange, the token and its expiry', async () => {
    session = await openApp('/sandbox', { viewport: { width: 1280, height: 720 } });
    const { page } = session;
    await portal(page).getByRole('heading', { name: 'Home', level: 2 }).waitFor({ timeout: 20_000 });
    // Collapsed, the inspector is one bar and the portal and terminals keep the screen.
    const barHeight = (await inspector(page).boundingBox())!.height;
    expect(barHeight).toBeLessThan(80);

    await enableIdentityAndConnect(page);
    await runInTerminal(page, QUICKSTART, /ARM says: AuthorizationFailed/);

    // Timeline: the IMDS token and the ARM 403, as a list and as a sequence.
    await openTab(page, 'Request timeline');
    const timeline = body(page).locator('table.timeline');
    await timeline.waitFor();
    const denied = timeline.getByRole('row').filter({ hasText: '403 Forbidden' });
    await expect.poll(() => denied.count()).toBe(1);
    expect(await denied.innerText()).toMatch(/myLinuxVM → ARM\s+GET \/subscriptions\/.*\/resourceGroups\/myResourceGroup/);
    expect(await timeline.getByRole('row').filter({ hasText: '/metadata/identity/oauth2/token' }).filter({ hasText: '200' }).count()).toBe(1);
    await denied.getByRole('button', { name: /GET \/subscriptions/ }).click();
    await body(page).getByText('"code": "AuthorizationFailed"').waitFor();
    await shot(page, 'timeline-list');
    // The portal's own ARM calls are in the log too; the VM's ARM calls are just the 403.
    await body(page).getByRole('combobox', { name: 'Caller' }).selectOption({ label: 'myLinuxVM' });
    await body(page).getByRole('combobox', { name: 'Service' }).selectOption({ label: 'ARM' });
    await expect.poll(() => timeline.locator(':scope > tbody > tr').count()).toBe(2); // the 403 and its open details
    await body(page).getByRole('combobox', { name: 'Service' }).selectOption({ label: 'All services' });
    await body(page).getByRole('combobox', { name: 'Caller' }).selectOption({ label: 'All callers' });
    await body(page).getByRole('button', { name: 'Sequence' }).click();
    await body(page).getByText(/myLinuxVM sent GET \/subscriptions\/.* to ARM, with the token from #\d+; answer 403 Forbidden\./).waitFor();
    await shot(page, 'timeline-sequence');
    await body(page).getByRole('button', { name: 'List' }).click();

    // Why? — from the 403 row's link.
    await denied.getByRole('button', { name: 'Why denied?' }).click();
    await body(page).getByText("Denied: no role assigned to myLinuxVM's identity on myResourceGroup or any scope above it includes Microsoft.Resources/subscriptions/resourcegroups/read.").waitFor();
    await body(page).getByText("Assign Reader on myResourceGroup to myLinuxVM's identity.").waitFor();
    await body(page).getByRole('heading', { name: 'Role assignments considered' }).scrollIntoViewIfNeeded();
    expect(await body(page).getByRole('heading', { name: 'Scopes walked (top down)' }).count()).toBe(1);
    await shot(page, 'why-denied');
    await expectA11yClean(page, 'Why? panel');

    // The fix button asks the portal for its wizard: open on Review + assign with Reader for
    // myLinuxVM's identity ("Managed identity"), and nothing assigned until the learner presses it.
    await body(page).getByRole('button', { name: 'Open “Add role assignment” in the portal' }).click();
    await body(page).getByText("Sent to the portal: Add role assignment on myResourceGroup, filled in with Reader for myLinuxVM's identity.", { exact: false }).waitFor();
    const wizard = portal(page).getByRole('region', { name: 'Add role assignment' });
    const reviewTab = wizard.getByRole('tab', { name: 'Review + assign' });
    await expect.poll(() => reviewTab.getAttribute('aria-selected'), { timeout: 10_000 }).toBe('true');
    const essentials = (await wizard.locator('.essentials').innerText()).replace(/\s+/g, ' ');
    expect(essentials).toContain('Role Reader');
    expect(essentials).toContain('Members myLinuxVM');
    expect(essentials).toMatch(/Scope \/subscriptions\/[^ ]+\/resourceGroups\/myResourceGroup /);
    await shot(page, 'why-fix-wizard');
    await wizard.getByRole('tab', { name: 'Members' }).click();
    expect(await portal(page).getByRole('radio', { name: 'Managed identity' }).isChecked()).toBe(true);
    await reviewTab.click();
    expect(await portal(page).locator('.notifications li', { hasText: 'added as Reader' }).count()).toBe(0);
    await bladeButton(page, 'Review + assign').click();
    await expect.poll(async () => (await portal(page).locator('.notifications li').first().innerText()).replace(/\s+/g, ' ')).toContain('myLinuxVM was added as Reader for myResourceGroup');

    // The same curl now succeeds, and the timeline shows it.
    await runInTerminal(page, [QUICKSTART[2]!], /ARM says: myResourceGroup/);
    await openTab(page, 'Request timeline');
    const ok = body(page).locator('table.timeline').getByRole('row').filter({ hasText: /GET \/subscriptions\/.*\/resourceGroups\/myResourceGroup\?api-version=2016-09-01/ }).filter({ hasText: '200 OK' });
    await expect.poll(() => ok.count()).toBe(1);
    await ok.getByRole('button', { name: 'Why allowed?' }).click();
    await body(page).getByText(/Allowed: myLinuxVM's identity holds a role/).waitFor();

    // Token inspector: the token that ARM call carried.
    await openTab(page, 'Request timeline');
    await ok.getByRole('button', { name: 'Token', exact: true }).click();
    const claims = body(page).getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Claim' }) });
    await claims.waitFor();
    for (const claim of ['aud', 'iss', 'oid', 'appid', 'tid', 'xms_mirid', 'idtyp', 'uti', 'exp']) {
      expect(await claims.getByRole('rowheader', { name: claim, exact: true }).count(), claim).toBe(1);
    }
    expect(await claims.getByRole('row').filter({ hasText: 'xms_mirid' }).innerText()).toContain('/resourcegroups/myResourceGroup/providers/Microsoft.Compute/virtualMachines/myLinuxVM');
    await body(page).getByText(/^valid$/).first().waitFor();
    await body(page).getByText(/expires in (23 h|1 d)/).waitFor();
    await shot(page, 'token');

    // A pasted real-looking token is refused, not decoded.
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const real = `${b64({ typ: 'JWT', alg: 'RS256' })}.${b64({ iss: 'https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/', aud: 'https://real.example/' })}.c2ln`;
    await body(page).getByRole('textbox', { name: /Paste a token/ }).fill(real);
    const warning = body(page).getByRole('alert').filter({ hasText: 'This looks like a real access token, so it was not decoded.' });
    await warning.waitFor();
    await warning.scrollIntoViewIfNeeded();
    expect(await body(page).getByText('https://real.example/').count()).toBe(0);
    await shot(page, 'token-pasted-real');
    await body(page).getByRole('button', { name: 'Clear the box' }).click();
    await expectA11yClean(page, 'Token inspector');

    // Identities: the VM → identity → Reader on myResourceGroup.
    await openTab(page, 'Identities');
    const row = body(page).getByRole('row').filter({ hasText: 'System assigned' }).filter({ hasText: 'myLinuxVM' });
    await expect.poll(async () => row.innerText()).toContain('Reader on myResourceGroup (Effective)');
    await shot(page, 'identities');
    await expectA11yClean(page, 'Identities');

    // Time: a day later the token has expired, and the token inspector says so.
    await openTab(page, 'Time and faults');
    await body(page).getByRole('button', { name: 'Freeze clock' }).click();
    await body(page).getByRole('button', { name: 'Advance +24 h' }).click();
    await page.getByRole('status').filter({ hasText: /Simulated time moved forward 1 d/ }).waitFor({ state: 'attached' });
    await body(page).getByRole('checkbox', { name: /429 Too Many Requests/ }).check();
    await body(page).getByText(/On until/).waitFor();
    await shot(page, 'time-faults');
    await expectA11yClean(page, 'Time and faults');
    await runInTerminal(page, [`curl -s -o /dev/null -w '%{http_code}\\n' -H Metadata:true 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/'`], /429/);
    await body(page).getByRole('checkbox', { name: /429 Too Many Requests/ }).uncheck();
    await openTab(page, 'Token inspector');
    await body(page).getByText(/expired \d+ (s|min)/).waitFor();
    await shot(page, 'token-expired');
  });

  it('stacks under the terminals on a 390-pixel phone, readable and axe clean', async () => {
    session = await openApp('/sandbox', { viewport: { width: 390, height: 844 }, mobile: true });
    const { page } = session;
    await portal(page).getByRole('heading', { name: 'Home', level: 2 }).waitFor({ timeout: 20_000 });
    await openTab(page, 'Identities');
    await body(page).getByRole('table').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await inspector(page).scrollIntoViewIfNeeded();
    await shot(page, 'phone-identities');
    await openTab(page, 'Time and faults');
    await expectA11yClean(page, 'phone, time and faults');
  });
});
