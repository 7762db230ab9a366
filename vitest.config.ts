import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { sharedOptimizeDeps } from './vite.shared.ts';
import { lessonMarkdown } from './build/lesson-markdown-plugin.ts';
import { lessonsPlugin } from './build/lessons-plugin.ts';
import { signingKey } from './build/signing-key-plugin.ts';

export default defineConfig({
  plugins: [lessonMarkdown(), lessonsPlugin(), signingKey(), svelte()],
  optimizeDeps: sharedOptimizeDeps,
  // msw 2.9 drags in a public-suffix list through tough-cookie; the simulated cloud sets no cookies
  // (src/cloud/msw/tough-cookie-stub.ts explains).
  resolve: { alias: { '@bundled-es-modules/tough-cookie': new URL('./src/cloud/msw/tough-cookie-stub.ts', import.meta.url).pathname } },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    // RSA keys for the simulated worlds from a pool of real keys instead of generating each (see the file).
    setupFiles: ['test/setup/rsa-key-pool.ts'],
    // Child processes, not worker threads (measured 2026-12-07 on the loaded 2-core machine, the PowerShell
    // tests and the lessons plugin side by side: forks 143 s, all green; threads over 570 s with 60 s
    // timeouts on the first tests of files and "Timeout terminating threads worker" warnings, its
    // finished workers lingering and taking CPU from the next files). A process ends when killed.
    pool: 'forks',
    // Generous: property tests and real-SDK conformance runs must not fail just because a 2-core
    // machine is busy (speed is measured by `npm run bench`, never by timeouts).
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
