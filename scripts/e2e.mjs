#!/usr/bin/env node
// End-to-end tests in real headless Chromium. Fails early, with the fix, when Chromium is missing.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(
    `e2e: Chromium not found at ${chromium}.\n` +
      '  Debian/Ubuntu: apt-get install chromium   (or set CHROMIUM_PATH to a Chromium/Chrome binary)',
  );
  process.exit(1);
}
const run = spawnSync('npx', ['vitest', 'run', '--config', 'test/e2e/vitest.e2e.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
