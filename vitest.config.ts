import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { sharedOptimizeDeps } from './vite.shared';

export default defineConfig({
  plugins: [svelte()],
  optimizeDeps: sharedOptimizeDeps,
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    pool: 'threads',
    testTimeout: 20_000,
  },
});
