import { defineConfig } from 'vitest/config';

// End-to-end tests: one production build served by `vite preview`, driven in real headless Chromium.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/global-setup.ts'],
    // One browser at a time keeps a 2-core machine responsive; files still share the server.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
