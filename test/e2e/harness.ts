/**
 * Real headless Chromium (Debian's, via playwright-core) with two guards on every page:
 * any console error fails the test, and so does any request that leaves the app's own origin —
 * this is how the suite proves the app never calls a real Azure host or a CDN.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, expect, inject } from 'vitest';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export interface Session {
  context: BrowserContext;
  page: Page;
  baseUrl: string;
  /** Console errors and page errors seen so far. */
  consoleErrors: string[];
  /** Requests that tried to leave the app's origin (they were blocked). */
  offOrigin: string[];
  /** Throws if either guard caught something. Call at the end of every test (close() does). */
  assertClean(): void;
  close(): Promise<void>;
}

export interface OpenOptions {
  viewport?: { width: number; height: number };
  /** Emulate a touch-first phone (coarse pointer). */
  mobile?: boolean;
  /** Device pixels per CSS pixel (1 unless given). */
  deviceScaleFactor?: number;
  colorScheme?: 'light' | 'dark';
  /**
   * Further origins the off-origin guard lets through, for tests that put the app in an iframe on
   * a host page of their own (test/e2e/embed.e2e.ts). Everything else stays blocked.
   */
  alsoAllow?: string[];
  /** Ignore the page's Content-Security-Policy (only the guards' own test: CSP would stop a request before the guard sees it). */
  bypassCSP?: boolean;
  /** 'block' stops the app shell's service worker from registering (the offline test's control case). */
  serviceWorkers?: 'allow' | 'block';
}

/**
 * One Chromium per test file, started on first use and closed after the file's last test. Each
 * session is a new browser context in it — its own cookies, storage, cache, permissions and service
 * workers, as separate as a fresh profile — which opens in a fraction of the time a browser takes
 * to start (the suite opens about eighty).
 */
let browser: Promise<Browser> | undefined;
function sharedBrowser(): Promise<Browser> {
  browser ??= chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS, headless: true });
  return browser;
}
afterAll(async () => {
  const running = browser;
  browser = undefined;
  if (running) await (await running).close();
});

export async function openApp(path = '/', options: OpenOptions = {}): Promise<Session> {
  const baseUrl = inject('baseUrl');
  const origins = new Set([new URL(baseUrl).origin, ...(options.alsoAllow ?? [])]);
  // A fresh context per session: no cache, storage or service worker carries over between tests.
  const context = await (await sharedBrowser()).newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    isMobile: options.mobile ?? false,
    hasTouch: options.mobile ?? false,
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    colorScheme: options.colorScheme ?? 'light',
    bypassCSP: options.bypassCSP ?? false,
    serviceWorkers: options.serviceWorkers ?? 'allow',
  });
  const consoleErrors: string[] = [];
  const offOrigin: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    const allowed = url.startsWith('data:') || url.startsWith('blob:') || origins.has(new URL(url).origin);
    if (allowed) return route.continue();
    if (!offOrigin.includes(url)) offOrigin.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('request', (request) => {
    const url = request.url();
    if (!(url.startsWith('data:') || url.startsWith('blob:') || origins.has(new URL(url).origin)) && !offOrigin.includes(url)) {
      offOrigin.push(url);
    }
  });
  context.on('weberror', (error) => consoleErrors.push(`page error: ${error.error().message}`));
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`console.error: ${message.text()}`);
  });
  // An absolute URL opens a page on one of the `alsoAllow` origins.
  await page.goto(/^https?:\/\//.test(path) ? path : baseUrl + path);
  const session: Session = {
    context,
    page,
    baseUrl,
    consoleErrors,
    offOrigin,
    assertClean() {
      if (offOrigin.length) throw new Error(`requests left the app's origin:\n${offOrigin.join('\n')}`);
      if (consoleErrors.length) throw new Error(`console errors:\n${consoleErrors.join('\n')}`);
    },
    async close() {
      await context.close();
    },
  };
  return session;
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page; returns serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated rather than injected as a <script> tag, so a strict Content-Security-Policy cannot block it.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Where e2e screenshots go (looked at by people, not compared by tests). */
export const SHOTS = '.e2e-artifacts';
mkdirSync(SHOTS, { recursive: true });

/**
 * Registers an afterEach that checks the guards and closes the test's browser, and returns the
 * function that opens it: every test gets a fresh browser and is failed by a stray request or a
 * console error even when its own assertions pass.
 */
export function sessionPerTest(): (path?: string, options?: OpenOptions) => Promise<Session> {
  let current: Session | undefined;
  afterEach(async () => {
    const s = current;
    current = undefined;
    if (!s) return;
    try {
      s.assertClean();
    } finally {
      await s.close();
    }
  });
  return async (path = '/', options = {}) => (current = await openApp(path, options));
}

/** Fails with the violations listed when axe finds anything serious or critical on the page. */
export async function expectA11yClean(page: Page, where: string): Promise<void> {
  const violations = await seriousA11yViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

/**
 * Monaco loads when the learner shows an intent to edit (the pointer over the editor, or focus):
 * hovers the first editor in `scope` and waits for Monaco to take over from the plain textarea.
 */
export async function monacoReady(page: Page, scope: Page | Locator = page): Promise<Locator> {
  const editor = scope.locator('.editor').first();
  await editor.hover();
  const monaco = scope.locator('.editor[data-mode="monaco"] .monaco-editor').first();
  await monaco.waitFor({ timeout: 30_000 });
  return monaco;
}
