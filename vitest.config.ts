import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { sharedOptimizeDeps } from './vite.shared.ts';
import { lessonMarkdown } from './build/lesson-markdown-plugin.ts';

export default defineConfig({
  plugins: [lessonMarkdown(), svelte()],
  optimizeDeps: sharedOptimizeDeps,
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    pool: 'threads',
    testTimeout: 20_000,
  },
});
