// The Linux quickstart typed into a VM's terminal, as a person would: keys into xterm, output read
// off the screen. The portal is used only to open the VM and press Connect.
import { describe, expect, it } from 'vitest';
import { monacoReady, sessionPerTest, SHOTS, seriousA11yViolations, type Session } from './harness';

const TOKEN_URL = 'http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://management.azure.com/';

const open = sessionPerTest();
let session: Session | undefined;

async function connectToLinuxVm(s: Session) {
  await s.page.getByRole('navigation', { name: 'Portal' }).getByRole('button', { name: 'Virtual machines' }).click();
  await s.page.getByRole('button', { name: 'myLinuxVM', exact: true }).first().click();
  await s.page.getByRole('button', { name: 'Connect' }).click();
  const terminal = s.page.getByRole('group', { name: 'myLinuxVM terminal (bash)' });
  await terminal.locator('.xterm-rows').waitFor();
  await expect.poll(() => screen(s)).toContain('azureuser@myLinuxVM:~$');
  await terminal.click();
  return terminal;
}

/** What the terminal shows, rows joined (xterm wraps long lines, so compare without newlines too). */
async function screen(s: Session): Promise<string> {
  return s.page.locator('.xterm-rows').first().innerText();
}
const flat = (text: string) => text.replace(/\n/g, '');

async function typeCommand(s: Session, command: string) {
  await s.page.keyboard.type(command);
  await s.page.keyboard.press('Enter');
}

describe('Linux VM terminal', () => {
  it('runs the quickstart curl and shows the real IMDS errors, with history and variables', async () => {
    session = await open('/sandbox');
    await connectToLinuxVm(session);

    await typeCommand(session, `curl -s -H Metadata:true '${TOKEN_URL}'`);
    await expect.poll(async () => flat(await screen(session!))).toContain('{"error":"invalid_request","error_description":"Identity not found"}azureuser@myLinuxVM:~$');

    await typeCommand(session, `curl -s '${TOKEN_URL}'`);
    await expect.poll(async () => flat(await screen(session!))).toContain('Required metadata header not specified');

    // ↑ twice recalls the first command onto the prompt line; Enter runs it again.
    await session.page.keyboard.press('ArrowUp');
    await session.page.keyboard.press('ArrowUp');
    await expect.poll(async () => flat(await screen(session!)).trimEnd()).toMatch(/header not specified"\}azureuser@myLinuxVM:~\$ curl -s -H Metadata:true '[^']+'$/);
    await session.page.keyboard.press('Enter');
    await expect.poll(async () => flat(await screen(session!)).trimEnd()).toMatch(/"Identity not found"\}azureuser@myLinuxVM:~\$$/);

    await typeCommand(session, 'vm=$(hostname)');
    await typeCommand(session, 'echo "on $vm as $(whoami)"');
    await expect.poll(() => screen(session!)).toContain('on myLinuxVM as azureuser');

    await typeCommand(session, 'nosuchcommand');
    await expect.poll(() => screen(session!)).toContain('nosuchcommand: command not found');

    await typeCommand(session, 'curl -sS https://management.azure.example/');
    await expect.poll(async () => flat(await screen(session!))).toContain('curl: (6) Could not resolve host: management.azure.example');
    await session.page.screenshot({ path: `${SHOTS}/terminal-quickstart.png` });
  });

  it('Ctrl+C stops a running command and Ctrl+L clears the screen', async () => {
    session = await open('/sandbox');
    await connectToLinuxVm(session);
    // A loop, not `sleep 30`: a sandbox VM's sleep moves the world's simulated clock and returns at once.
    await typeCommand(session, 'while true; do :; done');
    await session.page.waitForTimeout(300);
    await session.page.keyboard.press('Control+C');
    await expect.poll(async () => flat(await screen(session!))).toMatch(/do :; done\^C.*azureuser@myLinuxVM:~\$/);
    await typeCommand(session, 'echo still here');
    await expect.poll(() => screen(session!)).toContain('still here');
    await session.page.keyboard.press('Control+L');
    await expect.poll(async () => (await screen(session!)).trim()).toBe('azureuser@myLinuxVM:~$');
  });

  it('Run sends the editor script to the same terminal session', async () => {
    session = await open('/sandbox');
    await connectToLinuxVm(session);
    await typeCommand(session, 'greeting=hello');
    const editor = session.page.getByRole('tabpanel').locator('.editor');
    await editor.locator('.monaco-editor, textarea').first().waitFor();
    await (await monacoReady(session.page, session.page.getByRole('tabpanel'))).click();
    await session.page.keyboard.press('ControlOrMeta+a');
    await session.page.keyboard.press('Delete');
    await session.page.keyboard.type('echo "$greeting from the editor"');
    await session.page.getByRole('button', { name: /Run in terminal/ }).click();
    await expect.poll(() => screen(session!)).toContain('hello from the editor');
    const violations = await seriousA11yViolations(session.page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
  });
});

// xterm.js opens at the size it will be shown at, worked out from the font's canvas metrics before
// it exists (src/ui/terminal/xterm-setup.ts); opened at 80×24 and then fitted, it built and laid out
// its rows twice. A miss is still corrected by the fit, and marked `mi:terminal-refit`. The fit
// counts rows in the box's content: @xterm/addon-fit counted its padding too, and cut the last row.
describe('a terminal opens at the size it is shown at', () => {
  it.each([
    { where: 'a laptop', path: '/lessons/linux-vm-arm/get-a-token', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
    { where: 'a small window', path: '/lessons/linux-vm-arm/get-a-token', viewport: { width: 1000, height: 700 }, deviceScaleFactor: 1 },
    { where: 'a docs page (embed)', path: '/embed?lesson=linux-vm-arm&step=get-a-token&clickToLoad=0&view=terminal', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
    { where: 'a HiDPI laptop, presenter text size', path: '/lessons/linux-vm-arm/get-a-token?fontSize=20', viewport: { width: 1440, height: 900 }, deviceScaleFactor: 2 },
    { where: 'a 125% desktop, PowerShell', path: '/lessons/windows-vm-arm/get-a-token', viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1.25 },
    { where: 'a tablet', path: '/lessons/linux-vm-arm/get-a-token', viewport: { width: 768, height: 1024 }, deviceScaleFactor: 1.5, mobile: true },
    { where: 'a phone', path: '/lessons/linux-vm-arm/get-a-token', viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, mobile: true },
  ])('on $where', async ({ path, viewport, deviceScaleFactor, mobile }) => {
    session = await open(path, { viewport, deviceScaleFactor, mobile: mobile ?? false });
    const { page } = session;
    // A narrow window puts the workspace under the step: its tab opens the terminal.
    if (viewport.width <= 900) await page.getByRole('tab', { name: /myLinuxVM|myWindowsVM/ }).click();
    await page.waitForFunction(() => performance.getEntriesByName('mi:terminal-ready').length > 0, null, { timeout: 30_000 });
    const refits = await page.evaluate(() => performance.getEntriesByName('mi:terminal-refit').map((m) => (m as PerformanceMark).detail));
    expect(refits).toEqual([]);
    // And it is the size the fit settles on once the page is drawn (the box settles when the
    // "See inside" row below it appears, and the terminal follows): as many rows as the box's
    // content holds, the last one drawn whole inside it (within the 1 px the fit allows for
    // rounding, less than the box's padding), and no room left for another.
    const fits = () =>
      page.locator('.terminal').first().evaluate((host) => {
        const style = getComputedStyle(host);
        const box = host.getBoundingClientRect();
        const top = box.top + parseFloat(style.borderTopWidth) + parseFloat(style.paddingTop);
        const bottom = box.bottom - parseFloat(style.borderBottomWidth) - parseFloat(style.paddingBottom);
        const rows = host.querySelector('.xterm-rows')!.children;
        const rowHeight = rows[0]!.getBoundingClientRect().height;
        const lastBottom = rows[rows.length - 1]!.getBoundingClientRect().bottom;
        return { lastRowInside: lastBottom <= bottom + 1, roomForAnother: top + (rows.length + 1) * rowHeight <= bottom + 1 };
      });
    await expect.poll(fits).toEqual({ lastRowInside: true, roomForAnother: false });
  });
});
