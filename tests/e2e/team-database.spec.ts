import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startPostgres, type PostgresServer } from '../support/postgres-server';
import { expect, shots, startConsole, test } from './support/console';

const ROOT = join(__dirname, '../..');
let server: PostgresServer;

test.beforeAll(async () => {
  server = await startPostgres();
  await server.admin('CREATE DATABASE mfa_team');
});
test.afterAll(async () => {
  await server?.stop();
});

test('an administrator moves the console onto a team database in Settings; the next start opens it', async ({
  page,
  mfa,
}) => {
  const url = server.url('mfa_team');
  const password = decodeURIComponent(new URL(url).password);
  await mfa.open(page, '/settings');
  const section = page.getByRole('region', { name: 'Team database' });
  await expect(section.getByTestId('team-database-active')).toContainText('local file');
  await section.getByRole('textbox', { name: 'Address' }).fill(url.replace(/:[^:@/]+@/, '@'));
  await section.getByLabel('Password').fill('not-the-password');
  await section.getByRole('button', { name: 'Test connection' }).click();
  await expect(section.getByText(/DATABASE_AUTH_FAILED/)).toBeVisible();
  await section.getByLabel('Password').fill(password);
  await section.getByRole('button', { name: 'Test connection' }).click();
  await expect(section.getByTestId('team-database-test')).toContainText(/Connected to PostgreSQL \d+/);
  await expect(section.getByTestId('team-database-test')).toContainText('an empty database');
  await section.getByRole('button', { name: 'Save team database' }).click();
  const confirm = page.getByRole('dialog', { name: 'Save the team database' });
  await confirm.getByLabel('Reason (recorded in the audit log)').fill('The helpdesk shares one database');
  await confirm.getByRole('button', { name: 'Save team database' }).click();
  const toast = page.getByText('Team database saved: restart the console to switch to it.');
  await expect(toast).toBeVisible();
  // Escape dismisses the notice, which would otherwise cover the address in the screenshots.
  await page.keyboard.press('Escape');
  await expect(toast).toBeHidden();
  await expect(section.getByText(/Restart the console to switch/)).toBeVisible();
  // The password is never shown back, nor kept in the page.
  await expect(section.getByLabel('Password')).toHaveValue('');
  expect(await page.content()).not.toContain(password);
  await shots(page, 'settings-team-database', section);

  // The next start of the same data directory opens the team database (empty: it asks for its first administrator).
  const next = await startConsole(mfa.dataDir);
  try {
    const info = JSON.parse(
      execFileSync(process.execPath, [join(ROOT, 'bin/mfa-console.cjs'), 'info', '--json'], {
        env: { ...process.env, MFA_CONSOLE_DATA_DIR: mfa.dataDir },
        encoding: 'utf8',
      }),
    ) as { value: { database: { kind: string; source: string }; dbPath: string } };
    expect(info.value.database).toEqual({ kind: 'postgres', source: 'settings' });
    expect(info.value.dbPath).not.toContain(password);
    await page.goto(next.console.launchUrl);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Set up the console');
  } finally {
    await next.stop();
  }
});
