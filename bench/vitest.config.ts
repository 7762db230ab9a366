import { defineConfig } from 'vitest/config';

// Benchmarks run one file at a time so they do not compete for the two cores.
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 300_000,
  },
});
