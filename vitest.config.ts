import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['pipeline/test/**/*.test.ts', 'dashboard/test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // The real model and the real index use both cores; running files in parallel only thrashes.
    fileParallelism: false,
  },
});
