import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: one production build served by `vite preview`, driven in real headless Chromium
 * (one browser per test file, a fresh context per test: test/e2e/harness.ts).
 * Files run two at a time by default: most of an e2e test is waiting on the page, so two browsers
 * fill a 2-core machine's idle time. E2E_WORKERS=1 runs one file at a time (the old behaviour,
 * e.g. on a machine busy with other work); a bigger machine can raise it.
 */
const workers = Math.max(1, Number.parseInt(process.env.E2E_WORKERS ?? '', 10) || 2);

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/global-setup.ts'],
    fileParallelism: workers > 1,
    maxWorkers: workers,
    // A hang guard, not a speed check: a whole-lesson walkthrough takes ~15 s on an idle machine and
    // 50–70 s on one loaded five times over, and every wait inside a test has its own timeout.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
