import { describe, expect, it } from 'vitest';
import { monacoReady as editorReady, sessionPerTest, SHOTS, seriousA11yViolations, type Session } from './harness';


const open = sessionPerTest();
let session: Session | undefined;

async function monacoReady(s: Session) {
  await editorReady(s.page);
}

async function typeInMonaco(s: Session, text: string) {
  await monacoReady(s);
  await s.page.locator('.monaco-editor').click();
  await s.page.keyboard.press('ControlOrMeta+a');
  await s.page.keyboard.press('Delete');
  await s.page.keyboard.type(text);
}

function output(s: Session) {
  return s.page.getByRole('log', { name: 'Script output' });
}

describe('walking skeleton', () => {
  it('runs `echo hello` typed into the editor and shows its output', async () => {
    session = await open('/');
    await typeInMonaco(session, 'echo hello');
    await session.page.getByRole('button', { name: /^Run/ }).click();
    await expect.poll(() => output(session!).innerText()).toContain('hello');
    expect(await output(session).innerText()).toContain('exit code 0');
    await session.page.screenshot({ path: `${SHOTS}/skeleton-run.png` });
  });

  it('runs with Ctrl+Enter and reports stderr and a non-zero exit code', async () => {
    session = await open('/');
    await typeInMonaco(session, 'echo out; echo err >&2; exit 3');
    await session.page.keyboard.press('Control+Enter');
    await expect.poll(() => output(session!).innerText()).toContain('exit code 3');
    const text = await output(session).innerText();
    expect(text).toContain('out');
    expect(text).toContain('err');
  });

  it('keeps Monaco out of the first load and shows the Tab-trap escape', async () => {
    session = await open('/');
    const entryScripts = await session.page.evaluate(() =>
      [...document.querySelectorAll('script[src]')].map((s) => (s as HTMLScriptElement).src),
    );
    expect(entryScripts.every((src) => !/monaco/.test(src))).toBe(true);
    await monacoReady(session);
    // Monaco 0.57 edits through a native EditContext element, which carries the label.
    const labels = await session.page
      .locator('.monaco-editor [aria-label]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    expect(labels.some((l) => /Script editor.*Ctrl\+M/.test(l))).toBe(true);
    await expect.poll(() => session!.page.getByText(/Ctrl\+M .*toggles whether Tab moves focus/).count()).toBe(1);
  });

  it('stops an endless loop within two seconds, stays responsive and keeps the script', async () => {
    session = await open('/');
    const script = 'while true; do :; done';
    await typeInMonaco(session, script);
    const started = Date.now();
    await session.page.getByRole('button', { name: /^Run/ }).click();
    await expect.poll(() => output(session!).innerText(), { timeout: 5000 }).toMatch(/exit code [1-9]/);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(await output(session).innerText()).toMatch(/limit|stopped|too many commands/i);
    // The page answers input and the script is still there to fix.
    expect(await session.page.evaluate(() => 1 + 1)).toBe(2);
    const shown = (await session.page.locator('.monaco-editor .view-lines').innerText()).replace(/\u00a0/g, ' ');
    expect(shown).toContain(script);
    // A second run works after the limit.
    await typeInMonaco(session, 'echo again');
    await session.page.getByRole('button', { name: /^Run/ }).click();
    await expect.poll(() => output(session!).innerText()).toContain('again');
  });

  it('explains an empty buffer, a syntax error and a flood of output', async () => {
    session = await open('/');
    await typeInMonaco(session, '   ');
    await session.page.getByRole('button', { name: /^Run/ }).click();
    await expect.poll(() => output(session!).innerText()).toContain('Nothing to run');

    await typeInMonaco(session, 'if true; then echo x');
    await session.page.getByRole('button', { name: /^Run/ }).click();
    await expect.poll(() => output(session!).innerText()).toMatch(/syntax error|unexpected/);
    expect(await output(session).innerText()).toMatch(/exit code 2/);

    await typeInMonaco(session, 'for i in $(seq 1 90000); do echo "line $i of a very long output that goes on"; done');
    await session.page.getByRole('button', { name: /^Run/ }).click();
    await expect.poll(() => output(session!).innerText(), { timeout: 10_000 }).toMatch(/output truncated|exit code/);
  });

  it('has no serious or critical accessibility violations', async () => {
    session = await open('/');
    await monacoReady(session);
    const violations = await seriousA11yViolations(session.page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await session.page.screenshot({ path: `${SHOTS}/skeleton-desktop.png` });
  });

  it('uses a plain textarea on a touch phone and still runs scripts', async () => {
    session = await open('/', { viewport: { width: 390, height: 844 }, mobile: true });
    const editor = session.page.getByRole('textbox', { name: /Bash script editor/ });
    await editor.fill('echo from a phone');
    await session.page.getByRole('button', { name: /^Run/ }).tap();
    await expect.poll(() => output(session!).innerText()).toContain('from a phone');
    expect(await session.page.locator('.monaco-editor').count()).toBe(0);
    const violations = await seriousA11yViolations(session.page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await session.page.screenshot({ path: `${SHOTS}/skeleton-phone.png`, fullPage: true });
  });
});
