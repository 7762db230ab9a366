// The guards themselves: if these stopped catching anything, every other e2e test would prove nothing.
import { describe, expect, it } from 'vitest';
import { openApp } from './harness';

describe('e2e guards', () => {
  it('catch and block a request to a real Azure host, and a console error', async () => {
    // The app's CSP (connect-src 'self') refuses the request before the network; the guard must
    // still catch it if the CSP were ever loosened, so this test looks past the CSP.
    const session = await openApp('/', { bypassCSP: true });
    try {
      const outcome = await session.page.evaluate(async () => {
        try {
          await fetch('https://management.azure.com/subscriptions?api-version=2022-12-01');
          return 'reached';
        } catch {
          return 'blocked';
        }
      });
      expect(outcome).toBe('blocked');
      expect(session.offOrigin).toEqual(['https://management.azure.com/subscriptions?api-version=2022-12-01']);
      await session.page.evaluate(() => console.error('deliberate'));
      await expect.poll(() => session.consoleErrors.some((e) => e.includes('deliberate'))).toBe(true);
      expect(() => session.assertClean()).toThrow(/left the app's origin/);
      session.offOrigin.length = 0;
      expect(() => session.assertClean()).toThrow(/console errors:\n[^]*deliberate/);
    } finally {
      await session.close();
    }
  });
});
