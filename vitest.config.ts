import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tooling/**/*.test.ts', 'bot/**/*.test.ts', 'site/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'site/dist/**', '**/fixtures/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The package build the CLI tests run, and a PostgreSQL cluster shared by the tests that need one (started on first use).
    globalSetup: ['tooling/test/build-package.setup.ts', 'bot/test/postgres-global.ts'],
  },
});
