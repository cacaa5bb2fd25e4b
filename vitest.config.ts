import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tooling/**/*.test.ts', 'bot/**/*.test.ts', 'site/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'site/dist/**', '**/fixtures/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['tooling/test/build-package.setup.ts'],
  },
});
