import { defineConfig } from 'vitest/config';

// Projects: unit (pure, fast), integration on PGlite and again on PostgreSQL (the same files;
// sandbox contract suites touch no database and run once), and a thin e2e layer in Chromium.
const postgresUrl =
  process.env.LATCHKEY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const databaseFree = ['test/integration/platforms/**'];
// PGlite-only behaviour (the embedded database's own files) is not run again on PostgreSQL.
const pgliteOnly = ['test/integration/**/*.pglite.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'pglite',
          include: ['test/integration/**/*.test.ts'],
          exclude: ['test/integration/**/*.postgres.test.ts'],
          env: { LATCHKEY_TEST_DB: 'pglite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['test/integration/**/*.test.ts'],
          exclude: [...databaseFree, ...pgliteOnly],
          env: { LATCHKEY_TEST_DB: 'postgres', LATCHKEY_TEST_POSTGRES_URL: postgresUrl },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          // A page waits on the server, and the server on a platform's rate limit: choosing a
          // business lists the businesses again right after the page listed them, and on a fast
          // machine Meta's burst is already spent, so the answer takes a second. Polls wait
          // that long anywhere (the default, 1 s, made these tests pass only on slow machines).
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
