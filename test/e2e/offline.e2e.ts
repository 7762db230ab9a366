// Offline use for workshops: after one visit, the built app reloads and works with the network gone
// (the app shell's service worker, build/pwa.ts). The control case proves the test can fail: with
// service workers blocked, the same reload finds nothing.
import type { Page } from 'playwright-core';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, inject, it, onTestFinished } from 'vitest';
import { expectA11yClean, sessionPerTest, SHOTS } from './harness';
import { setSystemAssigned } from './portal-steps';
import { expectStepComplete, stepCommands, stepHeading, typeInTerminal } from './lesson-steps';

const open = sessionPerTest();

/** Forwards everything to the built app; from `version` 2 on, `/sw.js` has different bytes. */
async function redeployableApp(app: string) {
  const deployment = { version: 1, server: undefined as unknown as Server, origin: '' };
  deployment.server = createServer(async (req, res) => {
    const upstream = await fetch(new URL(req.url ?? '/', app));
    const body = Buffer.from(await upstream.arrayBuffer());
    const headers = Object.fromEntries([...upstream.headers].filter(([k]) => !['content-length', 'content-encoding', 'transfer-encoding'].includes(k)));
    res.writeHead(upstream.status, headers);
    res.end(req.url === '/sw.js' && deployment.version > 1 ? Buffer.concat([body, Buffer.from(`\n// deployment ${deployment.version}\n`)]) : body);
  });
  await new Promise<void>((resolve) => deployment.server.listen(0, '127.0.0.1', resolve));
  deployment.origin = `http://127.0.0.1:${(deployment.server.address() as AddressInfo).port}`;
  return deployment;
}

/** Resolves once the service worker has finished precaching and is active. */
async function savedForOffline(page: Page) {
  await page.getByText('Saved for offline use').waitFor({ timeout: 30_000 });
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

describe('offline use', () => {
  it('loads once, goes offline, reloads, and completes steps in both shells', async () => {
    const session = await open('/lessons/linux-vm-arm');
    const { page, context } = session;
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/system-assigned identity/);
    await savedForOffline(page);
    // The note makes the header taller; the lesson still fits the window below it.
    await expect
      .poll(() => page.evaluate(() => document.querySelector('.lesson-layout')!.getBoundingClientRect().bottom - innerHeight))
      .toBeLessThanOrEqual(1);
    await expectA11yClean(page, 'offline note');
    await page.screenshot({ path: `${SHOTS}/offline-saved.png` });

    // The worker answers app routes only: a real page beside the app is still that page.
    await page.reload();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await page.goto(`${session.baseUrl}/embed-demo.html`);
    await page.getByRole('heading', { name: 'Managed identities in five minutes' }).waitFor();
    await page.goto(`${session.baseUrl}/lessons/linux-vm-arm`);
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/system-assigned identity/);

    await context.setOffline(true);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    await page.reload();
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/system-assigned identity/);
    await page.locator('.offline-mark').waitFor();
    await setSystemAssigned(page, 'myLinuxVM', true);
    await expectStepComplete(page);
    await page.screenshot({ path: `${SHOTS}/offline-step-complete.png` });

    // A page never opened before, whose terminal, editor and bash worker load lazily.
    await page.goto(`${session.baseUrl}/lessons/linux-vm-arm/get-a-token`);
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/Get an access token/);
    await typeInTerminal(page, 'myLinuxVM', await stepCommands(page));
    await expectStepComplete(page);

    // PowerShell needs its worker and the tree-sitter grammar's WebAssembly.
    await page.goto(`${session.baseUrl}/lessons/windows-vm-arm/get-a-token`);
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/access token/i);
    await typeInTerminal(page, 'myWindowsVM', await stepCommands(page));
    await expectStepComplete(page);

    await page.goto(`${session.baseUrl}/sandbox`);
    await page.locator('.portal').waitFor({ timeout: 20_000 });
  });

  it('asks before a newer version takes over, and keeps progress across the switch', async () => {
    // Its own origin in front of the built app, so the worker script can change as a redeploy would
    // (the browser fetches worker updates itself, out of Playwright's reach).
    const deployment = await redeployableApp(inject('baseUrl'));
    onTestFinished(() => void deployment.server.close());
    const { page } = await open(`${deployment.origin}/lessons/linux-vm-arm`, { alsoAllow: [deployment.origin] });
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/system-assigned identity/);
    await savedForOffline(page);
    await setSystemAssigned(page, 'myLinuxVM', true);
    await expectStepComplete(page);
    // The next visit is the one the worker controls.
    await page.reload();
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/system-assigned identity/);
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    // A new deployment: the same worker with different bytes, as a rebuild would give.
    deployment.version = 2;
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    const note = page.getByText('A new version of the sandbox is ready');
    await note.waitFor({ timeout: 30_000 });
    await expectA11yClean(page, 'update note');
    await page.screenshot({ path: `${SHOTS}/offline-update.png` });
    // Nothing happens by itself: the running version stays until the learner says so.
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting !== null))).toBe(true);

    const reloaded = page.waitForEvent('framenavigated', { timeout: 20_000 });
    await page.getByRole('button', { name: 'Reload now' }).click();
    await reloaded;
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/system-assigned identity/);
    expect(await page.locator('.toc-step').first().innerText()).toMatch(/\(done/);
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.waiting ?? null))).toBeNull();
    expect(await note.count()).toBe(0);
  });

  it('without the service worker, the same offline reload fails (control)', async () => {
    const session = await open('/lessons/linux-vm-arm', { serviceWorkers: 'block' });
    const { page, context } = session;
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/system-assigned identity/);
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0);
    await context.setOffline(true);
    await expect(page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
    // The browser reports the failed loads on the console; here they are the expected outcome.
    const expected = /Failed to load resource: net::ERR_INTERNET_DISCONNECTED/;
    session.consoleErrors.splice(0, session.consoleErrors.length, ...session.consoleErrors.filter((e) => !expected.test(e)));
  });

  it('offline before the worker registers: no error, and it registers once the network is back', async () => {
    // A file of the app's origin that is no page of it, so nothing registers before the route is set.
    const session = await open('/favicon.svg');
    const { page, context } = session;
    // The registration helper is a lazy chunk, loaded once the page is idle; it fails to arrive, as
    // it does when the learner goes offline (or the network drops) before then.
    const helper = /\/assets\/virtual_pwa-register-[^/]*\.js$/;
    await page.route(helper, (route) => route.abort('internetdisconnected'));
    const failed = page.waitForEvent('requestfailed', { predicate: (r) => helper.test(r.url()), timeout: 30_000 });
    await page.goto(`${session.baseUrl}/lessons/linux-vm-arm`);
    await expect.poll(() => stepHeading(page).innerText(), { timeout: 20_000 }).toMatch(/system-assigned identity/);
    await failed;
    await page.unroute(helper);
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0);
    // The lesson goes on meanwhile.
    await setSystemAssigned(page, 'myLinuxVM', true);
    await expectStepComplete(page);
    // Back online: the browser says so, and the app registers and saves itself for offline use.
    await context.setOffline(true);
    await context.setOffline(false);
    await savedForOffline(page);
    const expected = /Failed to load resource: net::ERR_INTERNET_DISCONNECTED/;
    session.consoleErrors.splice(0, session.consoleErrors.length, ...session.consoleErrors.filter((e) => !expected.test(e)));
  });

  it('is not registered by an embed', async () => {
    const { page } = await open('/embed.html?lesson=linux-vm-arm&step=get-a-token');
    await page.getByRole('button', { name: /Start/ }).waitFor();
    await page.waitForLoadState('load');
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0);
  });
});
