import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    allowOnly: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // CLI and concurrency tests spawn processes; 2 cores.
    maxWorkers: 2,
  },
});
