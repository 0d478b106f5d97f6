import { defineConfig } from 'vitest/config';

// `npm run test:chaos`: tests that break infrastructure on purpose. Each starts its own services
// (a throwaway PostgreSQL cluster, its proxy, fake targets), so no global setup is shared.
export default defineConfig({
  test: {
    include: ['test/chaos/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
