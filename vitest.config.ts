import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Integration tests bind real loopback ports and child processes; two workers fit a 2-core machine.
    maxWorkers: 2,
  },
});
