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
    // expect.poll waits for the page; vitest's default gives up after 1 s, which a loaded machine
    // misses (a curl through the VM's worker took longer). A poll still fails when the page never
    // gets there; tests that know a wait is long pass their own timeout.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 180_000,
  },
});
