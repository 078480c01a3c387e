import { inject } from 'vitest';
import { Client } from 'pg';

/** The database a test opens: PostgreSQL in the postgres project, else the SQLite path asked for. */
export const onPostgres = process.env.MFA_TEST_DATABASE === 'postgres';

const made = new Map<string, string>();
let counter = 0;

/**
 * Where a test's database lives. On SQLite, the path itself. On PostgreSQL, a database of its own
 * created from the migrated template, one per path (so reopening a path reopens the same data,
 * as a restart does), and a fresh one for every ':memory:'.
 */
export async function testDatabase(path = ':memory:'): Promise<string> {
  if (!onPostgres) return path;
  const known = path === ':memory:' ? undefined : made.get(path);
  if (known) return known;
  const template = inject('postgresTemplateUrl');
  const name = `mfa_t${process.pid}_${++counter}`;
  const admin = new Client({ connectionString: template.replace(/\/mfa_template$/, '/postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE mfa_template`);
  } finally {
    await admin.end();
  }
  const url = template.replace(/\/mfa_template$/, `/${name}`);
  if (path !== ':memory:') made.set(path, url);
  return url;
}
