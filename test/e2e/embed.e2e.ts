// The embed as a docs author uses it: iframes on a host page of another origin (a second local
// port), and a third origin that tries to drive them. Checks the postMessage contract, that the
// frames never take the host's focus or scroll it, and that a bad address explains itself.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectA11yClean, monacoReady, sessionPerTest, SHOTS } from './harness';

const open = sessionPerTest();
const app = new URL(inject('baseUrl')).origin;

function serve(page: (origin: string, path: string) => string): Promise<{ server: Server; origin: string }> {
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      const address = server.address() as AddressInfo;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page(`http://127.0.0.1:${address.port}`, req.url ?? '/'));
    });
    server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

// The third origin's frame forwards an "attack" to its sibling embed, as a hostile ad frame could.
const thirdPage = () => `<!doctype html><html lang="en"><head><title>Third party</title></head><body><p>ad</p><script>
addEventListener('message', (e) => {
  if (e.data !== 'attack') return;
  const target = parent.frames[1];
  target.postMessage({ type: 'mi:goto-step', step: 'connect' }, '*');
  target.postMessage({ type: 'mi:set-theme', theme: 'dark' }, '*');
  target.postMessage({ type: 'mi:reset' }, '*');
  parent.postMessage('attacked', '*');
});
</script></body></html>`;

let third: { server: Server; origin: string };
let host: { server: Server; origin: string };

const listener = `<script>
  window.received = [];
  addEventListener('message', (e) => {
    if (e.origin !== '${app}') return;
    const frame = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === e.source);
    window.received.push({ frame: frame ? frame.id : null, ...e.data });
    if (e.data.type === 'mi:resize' && frame) frame.style.height = e.data.height + 'px';
  });
</script>`;

// The lesson's last step, read-only, terminal only: typing is off, and finishing it finishes the lesson.
const lastStepPage = (origin: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Docs host</title></head><body>
<iframe id="last" title="Embedded step: what goes wrong" style="width:100%;height:300px" src="${app}/embed?lesson=linux-vm-arm&step=what-goes-wrong&clickToLoad=0&readonly=1&view=terminal&parentOrigin=${encodeURIComponent(origin)}"></iframe>
${listener}</body></html>`;

const hostPage = (origin: string, path: string) => path === '/last' ? lastStepPage(origin) : `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Docs host</title>
<style>body{font-family:sans-serif;margin:1rem} .filler{height:900px} iframe{display:block;width:100%;height:150px;border:1px solid #ccc}</style></head>
<body><h1>A docs page</h1><label>Search the docs <input id="search"></label><div class="filler"></div>
<iframe id="a" title="Embedded step: enable the identity" src="${app}/embed?lesson=linux-vm-arm&step=enable-identity&clickToLoad=0&panels=step,portal&hideNav=1&parentOrigin=${encodeURIComponent(origin)}"></iframe>
<iframe id="b" title="Embedded step: get a token" src="${app}/embed?lesson=linux-vm-arm&step=get-a-token&theme=light&parentOrigin=${encodeURIComponent(origin)}"></iframe>
<iframe id="third" title="Third party" src="${third.origin}/"></iframe>
<div class="filler"></div>
<script>
  window.received = [];
  window.attacked = false;
  document.getElementById('search').focus();
  scrollTo(0, 300);
  addEventListener('message', (e) => {
    if (e.data === 'attacked' && e.origin === '${third.origin}') window.attacked = true;
    if (e.origin !== '${app}') return;
    const frame = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === e.source);
    window.received.push({ frame: frame ? frame.id : null, ...e.data });
    if (e.data.type === 'mi:resize' && frame) frame.style.height = e.data.height + 'px';
  });
</script></body></html>`;

beforeAll(async () => {
  third = await serve(thirdPage);
  host = await serve(hostPage);
});
afterAll(() => {
  host.server.close();
  third.server.close();
});

type Received = { frame: string | null; type: string; [key: string]: unknown };
const received = (page: Page) => page.evaluate(() => (window as unknown as { received: Received[] }).received);

function frameOf(page: Page, step: string): Frame {
  const frame = page.frames().find((f) => f.url().includes(`step=${step}`));
  if (!frame) throw new Error(`no frame for ${step}`);
  return frame;
}

describe('embed on another origin', () => {
  it('read-only: typing into the terminal is ignored; the last step done sends step and lesson completion', async () => {
    const { page } = await open(`${host.origin}/last`, { alsoAllow: [host.origin, third.origin] });
    const frame = page.frameLocator('#last');
    await frame.locator('#step-title').filter({ hasText: 'What goes wrong' }).waitFor({ timeout: 30_000 });
    await frame.getByText('Read-only: use the step').waitFor();
    const terminal = frame.getByRole('group', { name: /terminal/ });
    await terminal.locator('.xterm-rows').waitFor({ timeout: 30_000 });
    expect(await frame.locator('.editor-area').isVisible()).toBe(false);
    await terminal.click();
    await page.keyboard.type('echo typed-by-reader');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    expect(await terminal.locator('.xterm-rows').innerText()).not.toContain('typed-by-reader');
    for (const name of ["I'm stuck", 'Give me a hint', 'Show the answer', 'Solve it for me']) await frame.getByRole('button', { name }).click();
    await expect
      .poll(async () => (await received(page)).filter((m) => m.type === 'mi:step-complete' || m.type === 'mi:lesson-complete'), { timeout: 40_000 })
      .toEqual([
        { frame: 'last', type: 'mi:step-complete', lesson: 'linux-vm-arm', step: 'what-goes-wrong', index: 5 },
        { frame: 'last', type: 'mi:lesson-complete', lesson: 'linux-vm-arm' },
      ]);
  });

  it('loads, resizes, keeps the host focus and scroll, reports completion, obeys its host only', async () => {
    const { page } = await open(`${host.origin}/`, { alsoAllow: [host.origin, third.origin] });
    const a = page.frameLocator('#a');
    const b = page.frameLocator('#b');

    // Both frames say they are ready; A (no click-to-load) opens the whole step, B shows its text and Start.
    await expect.poll(async () => (await received(page)).filter((m) => m.type === 'mi:ready').map((m) => m.frame).sort(), { timeout: 20_000 }).toEqual(['a', 'b']);
    await a.locator('#step-title').filter({ hasText: "Turn on the VM's system-assigned identity" }).waitFor({ timeout: 30_000 });
    await b.getByRole('button', { name: 'Start this step' }).waitFor();
    await expect(b.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('4. Get an access token from IMDS');

    // Sized by its content through mi:resize; the host applied the last height it was told.
    await expect
      .poll(async () => {
        const heights = (await received(page)).filter((m) => m.frame === 'a' && m.type === 'mi:resize').map((m) => m.height as number);
        const applied = await page.locator('#a').evaluate((f) => (f as HTMLIFrameElement).getBoundingClientRect().height);
        return heights.length > 0 && heights.at(-1)! > 400 && Math.abs(applied - heights.at(-1)!) <= 2;
      })
      .toBe(true);

    // Nothing the frames did moved the reader's focus or scrolled the page.
    expect(await page.evaluate(() => [document.activeElement?.id, scrollY])).toEqual(['search', 300]);

    // A third origin cannot drive B; the host can.
    const frameB = frameOf(page, 'get-a-token');
    await page.locator('#third').evaluate((f) => (f as HTMLIFrameElement).contentWindow!.postMessage('attack', '*'));
    await expect.poll(() => page.evaluate(() => (window as unknown as { attacked: boolean }).attacked)).toBe(true);
    await page.waitForTimeout(300);
    expect(await frameB.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await expect(b.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('4. Get an access token from IMDS');

    await page.locator('#b').evaluate((f, origin) => (f as HTMLIFrameElement).contentWindow!.postMessage({ type: 'mi:set-theme', theme: 'dark' }, origin), app);
    await expect.poll(() => frameB.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.locator('#b').evaluate((f, origin) => (f as HTMLIFrameElement).contentWindow!.postMessage({ type: 'mi:goto-step', step: 'connect' }, origin), app);
    await expect.poll(() => b.getByRole('heading', { level: 1 }).innerText()).toBe('3. Connect to the VM and look around');
    // A message for another window never arrived here: the host saw nothing from the third origin's attack.
    expect((await received(page)).some((m) => m.frame === 'third')).toBe(false);
    await page.screenshot({ path: `${SHOTS}/embed-host.png`, fullPage: true });

    // Completing A's step tells the host (solved through the help ladder, as a reader could).
    for (const name of ["I'm stuck", 'Give me a hint', 'Show the answer', 'Solve it for me']) await a.getByRole('button', { name }).click();
    await expect
      .poll(async () => (await received(page)).find((m) => m.frame === 'a' && m.type === 'mi:step-complete'), { timeout: 30_000 })
      .toEqual({ frame: 'a', type: 'mi:step-complete', lesson: 'linux-vm-arm', step: 'enable-identity', index: 0 });
    // B is still on its preview: nothing outside the frame the reader used went anywhere else.
    expect((await received(page)).filter((m) => m.type === 'mi:step-complete').map((m) => m.frame)).toEqual(['a']);
  });
});

describe('an embed started by its reader', () => {
  it('never tells its host a height below the preview it started from', async () => {
    const { page } = await open(`${host.origin}/`, { alsoAllow: [host.origin, third.origin] });
    const b = page.frameLocator('#b');
    await b.getByRole('button', { name: 'Start this step' }).waitFor({ timeout: 30_000 });
    const heightsOfB = async () => (await received(page)).filter((m) => m.frame === 'b' && m.type === 'mi:resize').map((m) => m.height as number);
    await expect.poll(async () => (await heightsOfB()).length).toBeGreaterThan(0);
    const preview = (await heightsOfB()).at(-1)!;
    const before = (await heightsOfB()).length;
    await b.getByRole('button', { name: 'Start this step' }).click();
    await b.locator('#step-title').filter({ hasText: 'Get an access token from IMDS' }).waitFor({ timeout: 30_000 });
    await b.getByRole('textbox', { name: /terminal/ }).waitFor({ timeout: 30_000 });
    const after = (await heightsOfB()).slice(before);
    expect(after.filter((h) => h < preview), `heights after Start, preview ${preview}`).toEqual([]);
  });
});

describe('the embedding demo page', () => {
  it('embeds two steps that size themselves and follow the page theme', async () => {
    const { page } = await open('/embed-demo.html');
    const frames = page.locator('iframe.embed');
    await expect.poll(() => frames.count()).toBe(2);
    for (const i of [0, 1]) await page.frameLocator('iframe.embed').nth(i).getByRole('button', { name: 'Start this step' }).waitFor({ timeout: 20_000 });
    // 24rem (384 px) is the stylesheet's height; mi:resize replaced it with the content's.
    await expect.poll(() => frames.evaluateAll((fs) => fs.map((f) => f.style.height !== ''))).toEqual([true, true]);
    await page.getByLabel('Theme for both frames').selectOption('dark');
    const themed = () => Promise.all(page.frames().filter((f) => f.url().includes('/embed?')).map((f) => f.evaluate(() => document.documentElement.dataset.theme)));
    await expect.poll(themed).toEqual(['dark', 'dark']);
    await page.screenshot({ path: `${SHOTS}/embed-demo.png`, fullPage: true });
  });
});

describe('embed page on its own', () => {
  it('shows the step text and a Start button, loads the step on Start, and is accessible', async () => {
    const { page } = await open('/embed?lesson=linux-vm-arm&step=grant-reader&view=terminal&theme=dark&fontSize=18');
    await page.getByRole('button', { name: 'Start this step' }).waitFor();
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    // Before Start: no simulator, shells or editor code was fetched.
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.js')));
    expect(scripts.filter((s) => /LessonPage|EmbedLesson|VmPane|monaco|worker/i.test(s))).toEqual([]);
    // Only the step's own text is fetched: no lesson's checks, hints or worlds, no other step.
    const lessonChunk = (s: string) => /\/(linux|windows)-vm-[\w-]*?-[\w-]{8}\.js$/.test(s) && !s.includes('--');
    expect(scripts.filter((s) => s.includes('--'))).toEqual([expect.stringMatching(/\/linux-vm-arm--grant-reader-[\w-]+\.js$/)]);
    expect(scripts.filter(lessonChunk)).toEqual([]);
    // Names as the step will show them; nothing left in braces.
    const text = await page.locator('.step-text').innerText();
    expect(text).toMatch(/Reader role on myResourceGroup[^]*select myLinuxVM/);
    expect(text).not.toMatch(/\{\{|<resourceGroup>/);
    await expectA11yClean(page, 'embed preview');
    await page.screenshot({ path: `${SHOTS}/embed-preview-dark.png` });
    await page.getByRole('button', { name: 'Start this step' }).click();
    await page.locator('#step-title').filter({ hasText: 'Let the identity read the resource group' }).waitFor({ timeout: 30_000 });
    // Start brings this lesson, and only it.
    const after = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.js')));
    expect(after.filter(lessonChunk)).toEqual([expect.stringMatching(/\/linux-vm-arm-[\w-]{8}\.js$/)]);
    // view=terminal: the terminal without the script editor.
    await page.getByRole('group', { name: /terminal/ }).waitFor({ timeout: 30_000 });
    expect(await page.locator('.editor-area').isVisible()).toBe(false);
    await page.screenshot({ path: `${SHOTS}/embed-started.png` });
  });

  it('a pinned dark theme on a light OS reaches the portal, the panels and the editor', async () => {
    const { page } = await open('/embed?lesson=linux-vm-arm&step=get-a-token&view=split&panels=step,portal&theme=dark&clickToLoad=0', { colorScheme: 'light' });
    await page.locator('#step-title').waitFor({ timeout: 30_000 });
    const luminance = (selector: string) =>
      page.locator(selector).first().evaluate((el) => {
        let node: Element | null = el;
        while (node) {
          const m = getComputedStyle(node).backgroundColor.match(/\d+(\.\d+)?/g)?.map(Number) ?? [];
          if (m.length >= 3 && (m[3] ?? 1) > 0) return (0.2126 * m[0]! + 0.7152 * m[1]! + 0.0722 * m[2]!) / 255;
          node = node.parentElement;
        }
        return 1;
      });
    await page.getByRole('tab', { name: 'Portal' }).click();
    await page.locator('.portal').waitFor();
    expect(await luminance('.portal')).toBeLessThan(0.2);
    await page.getByRole('tab', { name: /^myLinuxVM/ }).click();
    await monacoReady(page);
    expect(await luminance('.monaco-editor .monaco-editor-background')).toBeLessThan(0.2);
    await expectA11yClean(page, 'embed pinned dark');
    await page.screenshot({ path: `${SHOTS}/embed-pinned-dark.png` });
  });

  it('keeps progress in memory, and says so, when the browser blocks storage in frames', async () => {
    const { page } = await open('/embed?lesson=linux-vm-arm&clickToLoad=0');
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    await page.reload();
    await page.getByText('This browser blocks storage in embedded frames').waitFor();
    await page.locator('#step-title').filter({ hasText: "Turn on the VM's system-assigned identity" }).waitFor({ timeout: 30_000 });
    for (const name of ["I'm stuck", 'Give me a hint', 'Show the answer', 'Solve it for me']) await page.getByRole('button', { name }).click();
    await page.getByRole('heading', { name: 'Step complete' }).waitFor({ timeout: 20_000 });
  });

  it.each([
    ['/embed?lesson=linux-vm-arm&view=full&fontSize=99', ['"view" must be one of', '"fontSize" must be a whole number']],
    ['/embed?lesson=no-such-lesson', ['There is no lesson "no-such-lesson"']],
    ['/embed?lesson=linux-vm-arm&step=nope', ['has no step "nope"']],
    ['/embed?lesson=linux-vm-arm&parentOrigin=*', ['"parentOrigin" must be an http(s) origin']],
  ])('%s explains what is wrong inside the frame', async (path, messages) => {
    const { page } = await open(path);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    for (const message of messages) expect(await alert.innerText()).toContain(message);
  });

  it('links its error page to the embedding guide, which opens at the parameters in a new tab', async () => {
    const { page, context } = await open('/embed?lesson=linux-vm-arm&view=full', { viewport: { width: 390, height: 844 }, mobile: true });
    const guide = page.getByRole('alert').getByRole('link', { name: 'embedding guide' });
    await guide.waitFor();
    expect(await guide.getAttribute('target')).toBe('_blank');
    await expectA11yClean(page, 'embed error page');
    await page.screenshot({ path: `${SHOTS}/embed-error-390.png` });
    const [tab] = await Promise.all([context.waitForEvent('page'), guide.click()]);
    await tab!.getByRole('heading', { name: 'Parameters', level: 2 }).waitFor({ timeout: 20_000 });
    expect(new URL(tab!.url()).pathname).toBe('/docs/embedding');
    expect(await tab!.getByRole('cell', { name: 'parentOrigin' }).count()).toBe(1);
    // The frame itself stayed on its error page.
    expect(new URL(page.url()).pathname).toBe('/embed');
  });
});

describe('Content-Security-Policy', () => {
  it.each(['/', '/embed?lesson=linux-vm-arm'])('%s allows only its own connections and refuses inline script and handlers', async (path) => {
    const session = await open(path);
    const { page } = session;
    await page.locator('#app > *').first().waitFor();
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("connect-src 'self'");
    const violations = await page.evaluate(async () => {
      const seen: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = 1';
      document.body.append(script);
      const img = document.createElement('img');
      img.setAttribute('onerror', 'window.handlerRan = 1');
      img.src = 'data:,';
      document.body.append(img);
      const reached = await fetch('https://management.azure.com/subscriptions?api-version=2022-12-01').then(
        () => true,
        () => false,
      );
      await new Promise((r) => setTimeout(r, 200));
      const w = window as unknown as { inlineRan?: number; handlerRan?: number };
      return { seen, reached, ran: [w.inlineRan, w.handlerRan] };
    });
    expect(violations.ran).toEqual([undefined, undefined]);
    expect(violations.reached).toBe(false);
    expect(violations.seen).toEqual(expect.arrayContaining(['script-src-elem', 'connect-src']));
    // The refusals are the browser doing its job; any other console error still fails the test.
    session.consoleErrors.splice(0, session.consoleErrors.length, ...session.consoleErrors.filter((e) => !/Content Security Policy/.test(e)));
  });
});
